// The portal on one machine, as `npm start` runs it: the public site built when stale, the
// embedded database migrated (and, outside production, seeded when empty; in production refused
// when it holds the demo seed), the Node host serving the site and the edge app, and the worker
// in the same process unless WORKER=off. scripts/start.ts adds the signals and the banner; the
// tests start the same thing at the real date.
import { mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { type Config, ConfigError } from "../core/config.ts";
import { cryptoRandomBytes, type SiteAssets } from "../core/deps.ts";
import { createLogger, type Logger } from "../core/logger.ts";
import { createDatabase, type Database } from "../db/client.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { findDemoAccounts, isDatabaseEmpty, seedDatabase } from "../demo/seed.ts";
import { type RunningHost, startNodeHost } from "../hosts/node.ts";
import { createNodeDocumentStorage, documentsDirectoryFor } from "../hosts/node-storage.ts";
import { loadSiteAssets } from "../hosts/site-assets.ts";
import { StaticSite } from "../hosts/static-site.ts";
import { createWorker, type Worker } from "../worker/index.ts";
import { guardMailer } from "../worker/mail/guarded-mailer.ts";
import { selectMailer } from "../worker/mail/select-mailer.ts";
import { ensureSiteBuilt, SITE_OUT_DIR } from "./site-build.ts";

export interface PortalOptions {
	readonly config: Config;
	/** The project's root: where `dist/site` is built and a relative `file:` database lives. */
	readonly root: string;
	readonly logger?: Logger;
	/** The real clock unless a caller injects one. */
	readonly clock?: () => Date;
}

export interface RunningPortal {
	readonly host: RunningHost;
	readonly worker: Worker;
	readonly db: Database;
	/** True when this start filled an empty database with the demo population. */
	readonly seeded: boolean;
	/** Stops accepting requests, finishes those in flight and the worker's tick, closes the database. */
	close(): Promise<void>;
}

/** Refuses a production start on a database that holds the demo seed's accounts. */
export async function refuseDemoDataInProduction(config: Config, db: Database): Promise<void> {
	if (config.env !== "production") return;
	const found = await findDemoAccounts(db);
	if (found.length === 0) return;
	throw new ConfigError(
		`Démarrage refusé : la base DATABASE_URL contient le jeu de démonstration (comptes ${found.join(", ")}…), ` +
			"dont les mots de passe sont publics. En production, utilisez une base neuve : créez-la avec " +
			"`npm run migrate` et n'y lancez jamais `npm run seed`.",
	);
}

export async function startPortal(options: PortalOptions): Promise<RunningPortal> {
	const { config, root } = options;
	const logger = options.logger ?? createLogger(config.logLevel);
	const clock = options.clock ?? (() => new Date());
	// Before anything is started: no transport in production is a configuration error.
	const mailer = selectMailer(config.mail, config.env);

	if (config.database.url.startsWith("file:")) {
		await mkdir(dirname(resolve(root, config.database.url.slice("file:".length))), { recursive: true });
	}
	const { client, db, ready } = createDatabase({ ...config.database, backgroundCheckpoints: true });
	try {
		await ready;
		await migrateDatabase(db);
		await refuseDemoDataInProduction(config, db);
	} catch (error) {
		client.close();
		throw error;
	}
	// The database is checked first: a refused start builds nothing.
	let site: StaticSite;
	let siteAssets: SiteAssets;
	try {
		if (await ensureSiteBuilt(root, config.env)) logger.info("public site built");
		site = await StaticSite.load(join(root, SITE_OUT_DIR));
		siteAssets = await loadSiteAssets(join(root, SITE_OUT_DIR));
	} catch (error) {
		client.close();
		throw error;
	}
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
		mailer: guardMailer(mailer, { ...config.mail, db, logger, clock }),
		config,
		cguVersions: async () => siteAssets.cguVersions,
		storage: createNodeDocumentStorage(documentsDirectoryFor(config.database.url)),
	});
	if (config.workerInProcess) worker.start();
	return {
		host,
		worker,
		db,
		seeded,
		close: async () => {
			await host.close();
			await worker.stop();
			client.close();
		},
	};
}
