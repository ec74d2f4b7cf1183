// The readiness probe's query, in a module of its own: the edge app runs on both hosts, and
// db/client.ts brings the embedded engine (a native module) that the Worker cannot load.
import { sql } from "drizzle-orm";
import type { Database } from "./client.ts";

/** Rejects when the database does not answer (the readiness probe). */
export async function pingDatabase(db: Database): Promise<void> {
	await db.run(sql`select 1`);
}
