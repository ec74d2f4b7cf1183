// What every command-line tool of the project does around its work: read the configuration
// (a bad value stops with its French message), open and migrate the database, close it whatever
// happens, and turn the outcome into an exit code (0 done, 1 refused, 2 failed or misused).
import { type Config, ConfigError, parseConfig } from "../core/config.ts";
import type { Database } from "../db/client.ts";

export interface CommandOptions {
	/**
	 * The command writes e-mails with links: PUBLIC_URL must be set. Its default
	 * (`http://localhost:$PORT`) suits a developer's server, but an e-mail rendered by a staff
	 * member's shell would send members to a machine they cannot reach (issue 11).
	 */
	readonly sendsMail?: boolean;
}

export async function withDatabase<T>(
	work: (db: Database, config: Config) => Promise<T>,
	options: CommandOptions = {},
): Promise<T> {
	const config = parseConfig(process.env);
	if (options.sendsMail && !process.env.PUBLIC_URL?.trim()) {
		throw new ConfigError(
			"PUBLIC_URL n'est pas défini : cette commande envoie un e-mail dont les liens doivent mener à l'adresse publique de l'espace (par exemple PUBLIC_URL=https://espace.example.fr).",
		);
	}
	// Loaded only now: a mistyped command or a bad setting gets its answer without paying for the
	// database layer.
	const [{ createDatabase }, { migrateDatabase }] = await Promise.all([
		import("../db/client.ts"),
		import("../db/migrate.ts"),
	]);
	const { client, db, ready } = createDatabase(config.database);
	try {
		await ready;
		await migrateDatabase(db);
		return await work(db, config);
	} finally {
		client.close();
	}
}

/** Runs a command's main function and exits with its code; an error prints its message and exits 2. */
export function runCommand(main: () => Promise<number>): void {
	main().then(
		(code) => {
			process.exitCode = code;
		},
		(error: unknown) => {
			process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
			process.exitCode = 2;
		},
	);
}
