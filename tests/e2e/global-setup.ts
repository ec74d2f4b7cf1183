// Starts one portal for the end-to-end tests: the public site built for the test environment,
// a fresh libSQL file seeded with the demo population at a fixed date, the Node host on a free
// loopback port. Tests read its address with `inject("baseUrl")`.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { TestProject } from "vitest/node";
import { parseConfig } from "../../core/config.ts";
import { cryptoRandomBytes } from "../../core/deps.ts";
import { createLogger } from "../../core/logger.ts";
import { createDatabase } from "../../db/client.ts";
import { migrateDatabase } from "../../db/migrate.ts";
import { seedDatabase } from "../../demo/seed.ts";
import { startNodeHost } from "../../hosts/node.ts";
import { createNodeDocumentStorage } from "../../hosts/node-storage.ts";
import { loadSiteAssets } from "../../hosts/site-assets.ts";
import { StaticSite } from "../../hosts/static-site.ts";
import { ensureSiteBuilt, SITE_OUT_DIR } from "../../scripts/site-build.ts";
import { ensureChromium } from "../support/chromium.ts";
import { freePort } from "../support/free-port.ts";
import { steadyClock, TEST_EPOCH } from "../support/test-clock.ts";

declare module "vitest" {
	export interface ProvidedContext {
		baseUrl: string;
		siteDir: string;
		databaseUrl: string;
		sessionPepper: string;
	}
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const root = resolve(import.meta.dirname, "../..");
	ensureChromium();
	await ensureSiteBuilt(root, "test");
	const siteDir = join(root, SITE_OUT_DIR);
	const site = await StaticSite.load(siteDir);
	const siteAssets = await loadSiteAssets(siteDir);

	const dir = await mkdtemp(join(tmpdir(), "espace-e2e-"));
	const port = await freePort();
	const config = parseConfig({
		ESPACE_ENV: "test",
		PORT: String(port),
		PUBLIC_URL: `http://127.0.0.1:${port}`,
		DATABASE_URL: `file:${join(dir, "espace.db")}`,
		LOG_LEVEL: "warn",
	});
	const { client, db, ready } = createDatabase(config.database);
	await ready;
	await migrateDatabase(db);
	await seedDatabase(db, { scale: 1, seed: 42, pepper: config.sessionPepper, now: TEST_EPOCH });

	const host = await startNodeHost({
		deps: {
			config,
			db,
			logger: createLogger(config.logLevel),
			clock: steadyClock(),
			randomBytes: cryptoRandomBytes,
			assets: async () => siteAssets,
			// Uploads (a beneficiary's justificatif) are stored beside the test database, as in production.
			storage: createNodeDocumentStorage(join(dir, "documents")),
		},
		site,
		host: "127.0.0.1",
		port,
	});
	project.provide("baseUrl", config.publicUrl.origin);
	project.provide("siteDir", siteDir);
	project.provide("databaseUrl", config.database.url);
	project.provide("sessionPepper", config.sessionPepper);

	return async () => {
		await host.close();
		client.close();
		await rm(dir, { recursive: true, force: true });
	};
}
