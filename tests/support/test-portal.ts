// A whole portal for browser tests: a fresh libSQL file seeded with the demo population at the
// test epoch, the Node host on a free loopback port, serving an already built public site.
// The shared e2e setup starts one on 127.0.0.1; a test that needs a host name (WebAuthn refuses
// IP addresses) starts its own on localhost.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Config, parseConfig } from "../../core/config.ts";
import { cryptoRandomBytes } from "../../core/deps.ts";
import { createLogger } from "../../core/logger.ts";
import { createDatabase } from "../../db/client.ts";
import { migrateDatabase } from "../../db/migrate.ts";
import { seedDatabase } from "../../demo/seed.ts";
import { startNodeHost } from "../../hosts/node.ts";
import { createNodeDocumentStorage } from "../../hosts/node-storage.ts";
import { loadSiteAssets } from "../../hosts/site-assets.ts";
import { StaticSite } from "../../hosts/static-site.ts";
import { freePort } from "./free-port.ts";
import { steadyClock, TEST_EPOCH } from "./test-clock.ts";

export interface TestPortal {
	readonly config: Config;
	/** The server's clock minus the wall clock, in ms: TOTP codes are computed for the server's time. */
	readonly serverClockOffsetMs: number;
	readonly close: () => Promise<void>;
}

export async function startTestPortal(options: {
	readonly siteDir: string;
	/** The host name of PUBLIC_URL: "127.0.0.1" or "localhost"; the server listens on 127.0.0.1. */
	readonly publicHost: string;
	readonly scale: number;
	/** A port chosen beforehand (a counterpart must know the public URL before the start). */
	readonly port?: number;
	/** More configuration, e.g. an identity federation's issuer and client. */
	readonly env?: Record<string, string>;
}): Promise<TestPortal> {
	const dir = await mkdtemp(join(tmpdir(), "espace-e2e-"));
	const port = options.port ?? (await freePort());
	const config = parseConfig({
		ESPACE_ENV: "test",
		PORT: String(port),
		PUBLIC_URL: `http://${options.publicHost}:${port}`,
		DATABASE_URL: `file:${join(dir, "espace.db")}`,
		LOG_LEVEL: "warn",
		...options.env,
	});
	const { client, db, ready } = createDatabase(config.database);
	await ready;
	await migrateDatabase(db);
	await seedDatabase(db, { scale: options.scale, seed: 42, pepper: config.sessionPepper, now: TEST_EPOCH });
	const siteAssets = await loadSiteAssets(options.siteDir);
	const clock = steadyClock();
	const serverClockOffsetMs = clock().getTime() - Date.now();
	const host = await startNodeHost({
		deps: {
			config,
			db,
			logger: createLogger(config.logLevel),
			clock,
			randomBytes: cryptoRandomBytes,
			assets: async () => siteAssets,
			// Uploads (a beneficiary's justificatif) are stored beside the test database, as in production.
			storage: createNodeDocumentStorage(join(dir, "documents")),
		},
		site: await StaticSite.load(options.siteDir),
		host: "127.0.0.1",
		port,
	});
	return {
		config,
		serverClockOffsetMs,
		close: async () => {
			await host.close();
			client.close();
			await rm(dir, { recursive: true, force: true });
		},
	};
}
