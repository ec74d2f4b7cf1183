// Builds the edge app's dependencies for route tests: an in-memory libSQL database, a fixed
// clock, counter-based "random" bytes and a logger that keeps its lines for assertions.

import { parseConfig } from "../../core/config.ts";
import type { AppDeps } from "../../core/deps.ts";
import { createLogger } from "../../core/logger.ts";
import { createMemoryDocumentStorage } from "../../core/storage.ts";
import { createDatabase } from "../../db/client.ts";

/** The versions of the site's build in tests: 1.0 in force, a demonstration version from 1 December 2026. */
export const TEST_CGU_VERSIONS = [
	{ version: "1.0", effectiveDate: "2025-01-01", summary: "Version initiale", demo: false, url: "/cgu/1.0" },
	{
		version: "2.0-demo",
		effectiveDate: "2026-12-01",
		summary: "Version de démonstration",
		demo: true,
		url: "/cgu/2.0-demo",
	},
] as const;

/**
 * The production configuration as an operator sets it (README): an https public address, a real
 * pepper, a mail transport (here a local address nothing listens on: the edge app only queues
 * e-mails, the worker sends them). Pass it as createTestDeps' `env`.
 */
export function productionTestEnv(
	pepper = "production-test-pepper-0123456789abcdef",
): Record<string, string> {
	return {
		ESPACE_ENV: "production",
		PUBLIC_URL: "https://espace.example.org",
		SESSION_PEPPER: pepper,
		RESEND_API_KEY: "re_test_production_mode",
		RESEND_BASE_URL: "http://127.0.0.1:9/",
		MAIL_FROM: "Espace <ne-pas-repondre@espace.example.org>",
	};
}

export interface TestDeps extends AppDeps {
	readonly logs: string[];
	close(): void;
}

export function createTestDeps(overrides: Partial<AppDeps> = {}, env: Record<string, string> = {}): TestDeps {
	const { client, db } = createDatabase({ url: ":memory:" });
	const logs: string[] = [];
	let counter = 0;
	const config = parseConfig({
		ESPACE_ENV: "test",
		PUBLIC_URL: "http://localhost",
		LOG_LEVEL: "debug",
		...env,
	});
	return {
		config,
		db,
		logger: createLogger(config.logLevel, (line) => logs.push(line)),
		clock: () => new Date("2026-11-26T09:00:00.000Z"),
		// Deterministic but never repeating (a counter spread over the bytes), unlike a byte counter.
		randomBytes: (length) => {
			const bytes = new Uint8Array(length);
			const seed = counter++;
			for (let i = 0; i < length; i++)
				bytes[i] = i < 4 ? (seed >>> (8 * i)) & 0xff : (seed * 31 + i * 17) % 256;
			return bytes;
		},
		assets: async () => ({ stylesheets: ["/_astro/espace.test.css"], cguVersions: TEST_CGU_VERSIONS }),
		storage: createMemoryDocumentStorage(),
		...overrides,
		logs,
		close: () => client.close(),
	};
}
