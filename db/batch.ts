// Several prepared queries (db/prepared.ts) run as ONE batch: one transaction, one commit, one
// turn of the process's write lock, one round trip to a remote database, instead of one of each
// per statement. Drizzle's own `db.batch` rebuilds every query's SQL and cannot fill
// placeholders; this runs the texts built once with the given values, and maps each result as
// the query itself would (ADR 0049).
import type { TransactionMode } from "@libsql/client";
import { fillPlaceholders, type Query } from "drizzle-orm";
import type { Database } from "./client.ts";

/** What a prepared query of db/prepared.ts offers (drizzle's SQLitePreparedQuery). */
interface PreparedQuery {
	getQuery(): Query;
	mapResult(response: unknown, isFromBatch?: boolean): unknown;
	all(values?: Record<string, unknown>): Promise<unknown>;
	run(values?: Record<string, unknown>): Promise<unknown>;
}

/** A query and its placeholders' values; `run` for a write without RETURNING. */
export type BatchEntry =
	| { readonly all: PreparedQuery; readonly values: Record<string, unknown> }
	| { readonly run: PreparedQuery; readonly values: Record<string, unknown> };

/** What the entry gives: the rows of `all`, the libSQL result of `run` (as `.all()`/`.run()` do). */
export type BatchResult<E> = E extends { readonly all: infer Q extends PreparedQuery }
	? Awaited<ReturnType<Q["all"]>>
	: E extends { readonly run: infer Q extends PreparedQuery }
		? Awaited<ReturnType<Q["run"]>>
		: never;

/**
 * Runs the entries in order in one transaction (`write`: taken at once, BEGIN IMMEDIATE; `read`:
 * one snapshot) and gives each entry's result in the same order. A failing statement rolls the
 * whole batch back.
 */
export async function runBatch<const E extends readonly BatchEntry[]>(
	db: Database,
	mode: Extract<TransactionMode, "write" | "read">,
	entries: E,
): Promise<{ -readonly [K in keyof E]: BatchResult<E[K]> }> {
	const statements = entries.map((entry) => {
		const query = ("all" in entry ? entry.all : entry.run).getQuery();
		return { sql: query.sql, args: fillPlaceholders(query.params, entry.values) as never };
	});
	const results = await db.$client.batch(statements, mode);
	return entries.map((entry, index) =>
		"all" in entry ? entry.all.mapResult(results[index], true) : results[index],
	) as never;
}
