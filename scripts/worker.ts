// `npm run worker`: the background worker alone, in a loop (for a second process beside
// `npm start`, or a machine of its own); `npm run worker -- --once` runs what is due once and
// exits (for a system cron and for tests).
import { parseArgs } from "node:util";
import { ConfigError, parseConfig } from "../edge/config.ts";
import { createLogger } from "../edge/lib/logger.ts";
import { createDatabase } from "../schema/db.ts";
import { migrateDatabase } from "../schema/migrate.ts";
import { createWorker } from "../worker/index.ts";

async function main(): Promise<void> {
	const { values } = parseArgs({ options: { once: { type: "boolean", default: false } } });
	const config = parseConfig(process.env);
	const logger = createLogger(config.logLevel);
	const { client, db } = createDatabase(config.database);
	await migrateDatabase(db);
	const worker = createWorker({ db, logger, clock: () => new Date() });
	if (values.once) {
		const report = await worker.tick();
		logger.info("worker tick done", { ...report });
		client.close();
		return;
	}
	worker.start();
	const stop = async () => {
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
