// Multi-row upserts for the import kinds, compiled once. Drizzle's insert builder turns every
// value of every row into objects of its own (a Param per value, then a pass over all of them to
// write the SQL text): for a 400-row statement of 17 columns that was about 15 % of an import's
// time and most of its garbage (ADR 0042). Here drizzle writes the statement once per chunk size,
// with placeholders, from the same table definition; each batch then only lays its values out in
// a flat array, which goes to the driver as the statement's arguments.

import { getTableColumns, is, Param, Placeholder, type Query, SQL, type SQLWrapper, sql } from "drizzle-orm";
import { CasingCache } from "drizzle-orm/casing";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Transaction } from "./run.ts";

/** The chunk sizes of a batch's statements (few sizes: each is one cached prepared statement). */
const CHUNK_SIZES = [400, 20, 1] as const;

type Key<TTable extends SQLiteTable> = keyof TTable["$inferInsert"] & string;

export interface BulkUpsertOptions<TTable extends SQLiteTable, TKey extends Key<TTable>> {
	/** The columns every row gives; the others take their default on insert and stay as they are on update. */
	readonly columns: readonly TKey[];
	/** The conflict target (the core system's identifier) and, for a partial unique index, its condition. */
	readonly target: SQLiteColumn | readonly SQLiteColumn[];
	readonly targetWhere?: SQL;
	/** Columns set from the new row on conflict: by default every given column but the target's. */
	readonly update?: readonly TKey[];
	/** The existing row is updated only where this holds (e.g. not on a published statement). */
	readonly setWhere?: SQL;
}

export interface BulkUpsert<TRow> {
	/** Writes the rows (in order, a later row of the same key wins); resolves with the rows inserted or updated. */
	write(tx: Transaction, rows: readonly TRow[]): Promise<number>;
}

/** A statement already written: drizzle runs its text with the arguments as they are. */
class CompiledStatement extends SQL {
	constructor(private readonly query: Query) {
		super([]);
	}

	override toQuery(): Query & { typings: [] } {
		return { sql: this.query.sql, params: this.query.params, typings: [] };
	}
}

interface Slot {
	/** The row in the chunk and its key, for a value; -1 for a constant. */
	readonly row: number;
	readonly key: string;
	readonly encoder: Param["encoder"] | null;
	readonly constant: unknown;
}

// The project's databases are created with snake_case column names (db/client.ts).
const casing = new CasingCache("snake_case");

export function bulkUpsert<TTable extends SQLiteTable, TKey extends Key<TTable>>(
	table: TTable,
	options: BulkUpsertOptions<TTable, TKey>,
): BulkUpsert<Pick<TTable["$inferInsert"], TKey>> {
	const columns = getTableColumns(table) as Record<string, SQLiteColumn>;
	const targets = Array.isArray(options.target) ? options.target : [options.target];
	const targetNames = new Set(targets.map((column) => column.name));
	const update =
		options.update ?? options.columns.filter((key) => !targetNames.has(columns[key]?.name ?? ""));
	const set: Record<string, SQLWrapper> = {};
	for (const key of update) {
		const column = columns[key];
		if (!column) throw new Error(`bulkUpsert: no column ${key}`);
		set[key] = sql`excluded.${sql.identifier(casing.getColumnCasing(column))}`;
	}
	// A default computed in JavaScript ($defaultFn) would be computed once, at compile time, and
	// written into every row: such a column must be listed.
	for (const [key, column] of Object.entries(columns))
		if (!options.columns.includes(key as TKey) && (column.defaultFn || column.onUpdateFn))
			throw new Error(`bulkUpsert: the column ${key} has a JavaScript default; list it`);
	/** Per chunk size: the statement's text and where each argument comes from. */
	const compiled = new Map<number, { sql: string; slots: Slot[] }>();
	const compile = (tx: Transaction, size: number) => {
		const values = Array.from({ length: size }, (_, row) =>
			Object.fromEntries(options.columns.map((key) => [key, sql.placeholder(`${row}:${key}`)])),
		);
		const query = tx
			.insert(table)
			.values(values as TTable["$inferInsert"][])
			.onConflictDoUpdate({
				target: targets as SQLiteColumn[],
				...(options.targetWhere ? { targetWhere: options.targetWhere } : {}),
				set: set as never,
				...(options.setWhere ? { setWhere: options.setWhere } : {}),
			})
			.toSQL();
		// Each argument is a row's value (a placeholder) or a column's constant default, written as is.
		const slots: Slot[] = query.params.map((param) => {
			if (!is(param, Param) || !is(param.value, Placeholder))
				return { row: -1, key: "", encoder: null, constant: param };
			const name = param.value.name;
			const colon = name.indexOf(":");
			return {
				row: Number(name.slice(0, colon)),
				key: name.slice(colon + 1),
				encoder: param.encoder,
				constant: null,
			};
		});
		const entry = { sql: query.sql, slots };
		compiled.set(size, entry);
		return entry;
	};
	return {
		async write(tx, rows) {
			let written = 0;
			let start = 0;
			for (const size of CHUNK_SIZES) {
				for (; rows.length - start >= size; start += size) {
					const statement = compiled.get(size) ?? compile(tx, size);
					const args: unknown[] = new Array(statement.slots.length);
					for (let i = 0; i < args.length; i++) {
						const slot = statement.slots[i] as Slot;
						if (slot.encoder === null) {
							args[i] = slot.constant;
							continue;
						}
						const value = (rows[start + slot.row] as Record<string, unknown>)[slot.key];
						args[i] = value === null || value === undefined ? null : slot.encoder.mapToDriverValue(value);
					}
					const result = await tx.run(new CompiledStatement({ sql: statement.sql, params: args }));
					written += result.rowsAffected;
				}
			}
			return written;
		},
	};
}
