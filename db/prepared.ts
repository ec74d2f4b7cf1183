// Queries built once per database and reused: drizzle then skips rebuilding the SQL text at each
// call, and the local client finds the statement already prepared (ADR 0009). For the queries
// every request makes (the session, the audit trail), where building was a tenth of the time.
import type { Database } from "./client.ts";

/** `build(db)` once per database instance; later calls with the same database get the same query. */
export function preparedFor<T>(build: (db: Database) => T): (db: Database) => T {
	const built = new WeakMap<Database, T>();
	return (db) => {
		let query = built.get(db);
		if (query === undefined) {
			query = build(db);
			built.set(db, query);
		}
		return query;
	};
}
