// A fresh, migrated in-memory database for tests (one per call: tests never share state).
import { createDatabase, type DatabaseHandle } from "../../db/client.ts";
import { migrateDatabase } from "../../db/migrate.ts";

export async function createTestDatabase(url = ":memory:"): Promise<DatabaseHandle> {
	const handle = createDatabase({ url });
	await handle.ready;
	await migrateDatabase(handle.db);
	return handle;
}
