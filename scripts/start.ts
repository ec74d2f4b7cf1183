// `npm start`: the whole portal on one machine (scripts/portal.ts), with the demo accounts'
// banner outside production, and a clean shutdown on SIGTERM/SIGINT (stop accepting, finish
// requests in flight, close the database, exit 0).
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, parseConfig } from "../core/config.ts";
import { createLogger } from "../core/logger.ts";
import { demoBanner } from "../demo/accounts.ts";
import { startPortal } from "./portal.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

async function main(): Promise<void> {
	const config = parseConfig(process.env);
	const logger = createLogger(config.logLevel);
	const portal = await startPortal({ config, root, logger });

	const url = config.publicUrl.origin;
	process.stdout.write(`\nEspace is running on ${url} (listening on ${portal.host.url})\n`);
	if (config.env !== "production") process.stdout.write(`${demoBanner()}\n`);

	let stopping = false;
	const stop = async (signal: string): Promise<void> => {
		if (stopping) return;
		stopping = true;
		logger.info("shutting down", { signal });
		await portal.close();
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
