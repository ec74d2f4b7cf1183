// `npm start`: the whole portal on one machine. Builds the public site when stale, migrates
// (and, outside production, seeds when empty) the embedded libSQL database, serves the site and
// the edge app on one port, runs the worker loop in the same process, and shuts down cleanly on
// SIGTERM/SIGINT (stop accepting, finish requests in flight, close the database, exit 0).
import { mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, parseConfig } from "../core/config.ts";
import { cryptoRandomBytes } from "../core/deps.ts";
import { createLogger } from "../core/logger.ts";
import { createDatabase } from "../db/client.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { demoBanner } from "../demo/accounts.ts";
import { isDatabaseEmpty, seedDatabase } from "../demo/seed.ts";
import { startNodeHost } from "../hosts/node.ts";
import { createNodeDocumentStorage, documentsDirectoryFor } from "../hosts/node-storage.ts";
import { loadSiteAssets } from "../hosts/site-assets.ts";
import { StaticSite } from "../hosts/static-site.ts";
import { createWorker } from "../worker/index.ts";
import { selectMailer } from "../worker/mail/select-mailer.ts";
import { ensureSiteBuilt, SITE_OUT_DIR } from "./site-build.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

async function main(): Promise<void> {
	const config = parseConfig(process.env);
	const logger = createLogger(config.logLevel);
	const clock = () => new Date();

	if (await ensureSiteBuilt(root, config.env)) logger.info("public site built");
	const site = await StaticSite.load(join(root, SITE_OUT_DIR));
	const siteAssets = await loadSiteAssets(join(root, SITE_OUT_DIR));

	if (config.database.url.startsWith("file:")) {
		await mkdir(dirname(resolve(root, config.database.url.slice("file:".length))), { recursive: true });
	}
	const { client, db, ready } = createDatabase({ ...config.database, backgroundCheckpoints: true });
	await ready;
	await migrateDatabase(db);
	let seeded = false;
	if (config.env !== "production" && (await isDatabaseEmpty(db))) {
		process.stderr.write(`Seeding the demo database (scale ${config.seedScale})…\n`);
		await seedDatabase(db, { scale: config.seedScale, seed: 42, pepper: config.sessionPepper, now: clock() });
		seeded = true;
	}

	const host = await startNodeHost({
		deps: {
			config,
			db,
			logger,
			clock,
			randomBytes: cryptoRandomBytes,
			assets: async () => siteAssets,
			storage: createNodeDocumentStorage(documentsDirectoryFor(config.database.url)),
		},
		site,
		host: config.host,
		port: config.port,
	});
	const worker = createWorker({
		db,
		logger,
		clock,
		random: Math.random,
		mailer: selectMailer(config.mail),
		config,
		cguVersions: async () => siteAssets.cguVersions,
	});
	if (config.workerInProcess) worker.start();

	const url = config.publicUrl.origin;
	process.stdout.write(`\nEspace is running on ${url} (listening on ${host.url})\n`);
	if (seeded || config.env !== "production") process.stdout.write(`${demoBanner()}\n`);

	let stopping = false;
	const stop = async (signal: string): Promise<void> => {
		if (stopping) return;
		stopping = true;
		logger.info("shutting down", { signal });
		await host.close();
		await worker.stop();
		client.close();
		process.exit(0);
	};
	process.once("SIGTERM", () => void stop("SIGTERM"));
	process.once("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
	if (error instanceof ConfigError) {
		process.stderr.write(`${error.message}\n`);
	} else {
		process.stderr.write(
			`Espace could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
		);
	}
	process.exit(1);
});
