// `npm run worker`: the background worker alone, as a service that runs until SIGTERM/SIGINT (a
// second process beside `npm start` started with WORKER=off, or a machine of its own); on either
// signal it finishes the job in hand and exits 0. `-- --once` runs the due schedules and
// drains the queue once, then exits (for a system cron and for tests). `-- --redrive` sends the
// dead letters back to the queue with fresh attempts.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ConfigError, parseConfig } from "../core/config.ts";
import { createLogger } from "../core/logger.ts";
import { redriveDeadJobs } from "../core/queue.ts";
import { createDatabase } from "../db/client.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { createNodeDocumentStorage, documentsDirectoryFor } from "../hosts/node-storage.ts";
import { loadSiteAssets } from "../hosts/site-assets.ts";
import { createWorker } from "../worker/index.ts";
import { guardMailer } from "../worker/mail/guarded-mailer.ts";
import { selectMailer } from "../worker/mail/select-mailer.ts";
import { refuseDemoDataInProduction } from "./portal.ts";
import { SITE_OUT_DIR } from "./site-build.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			once: { type: "boolean", default: false },
			redrive: { type: "boolean", default: false },
			"lease-ms": { type: "string" },
			"interval-ms": { type: "string", default: "1000" },
		},
	});
	const config = parseConfig(process.env);
	const logger = createLogger(config.logLevel);
	const { client, db, ready } = createDatabase(config.database);
	await ready;
	await migrateDatabase(db);
	await refuseDemoDataInProduction(config, db);
	const clock = () => new Date();
	if (values.redrive) {
		const count = await redriveDeadJobs(db, clock());
		process.stdout.write(`${count} job(s) sent back to the queue\n`);
		client.close();
		return;
	}
	const leaseMs = values["lease-ms"] ? Number.parseInt(values["lease-ms"], 10) : undefined;
	const worker = createWorker({
		db,
		logger,
		clock,
		random: Math.random,
		mailer: guardMailer(selectMailer(config.mail, config.env), { ...config.mail, db, logger, clock }),
		config,
		cguVersions: () => loadSiteAssets(join(root, SITE_OUT_DIR)).then((assets) => assets.cguVersions),
		storage: createNodeDocumentStorage(documentsDirectoryFor(config.database.url)),
		...(leaseMs ? { leaseMs } : {}),
	});
	if (values.once) {
		const report = await worker.tick();
		logger.info("worker tick done", { schedules: report.schedules.length, ...report.jobs });
		client.close();
		return;
	}
	worker.start(Number.parseInt(values["interval-ms"] ?? "1000", 10));
	const stop = async (): Promise<void> => {
		await worker.stop();
		client.close();
		process.exit(0);
	};
	process.once("SIGTERM", () => void stop());
	process.once("SIGINT", () => void stop());
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
	process.exit(1);
});
