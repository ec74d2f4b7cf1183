// `npx tsx scripts/migrate.ts [--database URL]`: applies the migrations to DATABASE_URL (or
// the given URL; default file:data/espace.db) and exits.
import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { createDatabase } from "../db/client.ts";
import { migrateDatabase } from "../db/migrate.ts";

async function main(): Promise<void> {
	const { values } = parseArgs({ options: { database: { type: "string" } } });
	const url = values.database ?? process.env.DATABASE_URL ?? "file:data/espace.db";
	if (url.startsWith("file:") && !url.includes(":memory:")) {
		await mkdir(dirname(resolve(url.slice("file:".length))), { recursive: true });
	}
	const { client, db, ready } = createDatabase({ url, authToken: process.env.DATABASE_AUTH_TOKEN });
	await ready;
	await migrateDatabase(db);
	client.close();
	process.stdout.write(`Migrations applied to ${url.startsWith("file:") ? url : "the remote database"}.\n`);
}

main().catch((error: unknown) => {
	process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
