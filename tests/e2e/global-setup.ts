// Starts one portal for the end-to-end tests: the public site built for the test environment,
// a fresh libSQL file seeded with the demo population at a fixed date, the Node host on a free
// loopback port. Tests read its address with `inject("baseUrl")`.
import { join, resolve } from "node:path";
import type { TestProject } from "vitest/node";
import { ensureSiteBuilt, SITE_OUT_DIR } from "../../scripts/site-build.ts";
import { ensureChromium } from "../support/chromium.ts";
import { startTestPortal } from "../support/test-portal.ts";

declare module "vitest" {
	export interface ProvidedContext {
		baseUrl: string;
		siteDir: string;
		databaseUrl: string;
		sessionPepper: string;
		/** The server's clock minus the wall clock, in ms: TOTP codes are computed for the server's time. */
		serverClockOffsetMs: number;
	}
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const root = resolve(import.meta.dirname, "../..");
	ensureChromium();
	await ensureSiteBuilt(root, "test");
	const siteDir = join(root, SITE_OUT_DIR);
	const { config, serverClockOffsetMs, close } = await startTestPortal({
		siteDir,
		publicHost: "127.0.0.1",
		scale: 1,
	});
	project.provide("baseUrl", config.publicUrl.origin);
	project.provide("siteDir", siteDir);
	project.provide("databaseUrl", config.database.url);
	project.provide("sessionPepper", config.sessionPepper);
	project.provide("serverClockOffsetMs", serverClockOffsetMs);

	return close;
}
