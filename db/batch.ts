// Several prepared queries (db/prepared.ts) run as ONE batch: one transaction, one commit, one
// turn of the process's write lock, one round trip to a remote database, instead of one of each
// per statement. Drizzle's own `db.batch` rebuilds every query's SQL and cannot fill
// placeholders; this runs the texts built once with the given values, and maps each result as
// the query itself would (ADR 0049).
import type { ResultSet, TransactionMode } from "@libsql/client";
import { fillPlaceholders, type Query } from "drizzle-orm";
import type { Database } from "./client.ts";
import { groupedBatch } from "./group-batch.ts";
import { rowValuesOf } from "./row-values.ts";

/** What a prepared query of db/prepared.ts offers (drizzle's SQLitePreparedQuery). */
interface PreparedQuery {
	/** Set for a query built with its columns (drizzle maps the row by position). */
	readonly fields?: unknown;
	readonly customResultMapper?: unknown;
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

function statementsOf(entries: readonly BatchEntry[]) {
	return entries.map((entry) => {
		const query = ("all" in entry ? entry.all : entry.run).getQuery();
		return { sql: query.sql, args: fillPlaceholders(query.params, entry.values) as never };
	});
}

function resultsOf(entries: readonly BatchEntry[], results: readonly ResultSet[]): unknown[] {
	return entries.map((entry, index) => {
		const result = results[index];
		if (!("all" in entry)) return result;
		// Drizzle maps a query with columns by position, copying each row: given the local
		// client's rows as their plain arrays of values, that copy costs a tenth (db/row-values.ts).
		const byPosition = Boolean(entry.all.fields) && !entry.all.customResultMapper;
		return entry.all.mapResult(
			byPosition && result ? { rows: result.rows.map((row) => rowValuesOf(row) ?? row) } : result,
			true,
		);
	});
}

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
	return resultsOf(entries, await db.$client.batch(statementsOf(entries), mode)) as never;
}

/**
 * A write batch as `runBatch(db, "write", …)` gives it, committed together with the other
 * requests' batches queued meanwhile (db/group-batch.ts, ADR 0052): the results once the group
 * has committed; a failing statement rolls back this batch only.
 */
export async function runGroupedBatch<const E extends readonly BatchEntry[]>(
	db: Database,
	entries: E,
): Promise<{ -readonly [K in keyof E]: BatchResult<E[K]> }> {
	return resultsOf(entries, await groupedBatch(db.$client, statementsOf(entries))) as never;
}
