// Applies the committed migrations of schema/migrations (drizzle's libSQL migrator, in one
// transaction, foreign keys off meanwhile). Called by the Node host at start, by the worker
// script and by scripts/migrate.ts; safe to run again (applied migrations are skipped).
import { fileURLToPath } from "node:url";
import { migrate } from "drizzle-orm/libsql/migrator";
import { type Database, databaseReady } from "./client.ts";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../schema/migrations", import.meta.url));

export async function migrateDatabase(
	db: Database,
	migrationsFolder: string = MIGRATIONS_FOLDER,
): Promise<void> {
	// WAL must be switched on before the migration transaction takes its locks.
	await databaseReady(db);
	await migrate(db, { migrationsFolder });
}
