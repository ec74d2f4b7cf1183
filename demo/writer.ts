// Streams generated rows into libSQL: rows are buffered per table, written as multi-row INSERTs
// (one statement prepared per batch) inside write transactions that commit every few hundred
// thousand rows, so that memory stays bounded whatever the scale. Tables are flushed in the order
// they were declared (parents first), which keeps foreign keys satisfied at every statement.
import type { Client, InValue, Transaction } from "@libsql/client";
import { getTableColumns, getTableName } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";

/** SQLite allows 32 766 bound parameters per statement (3.32+); stay well below. */
const MAX_PARAMETERS = 30_000;
const MAX_ROWS_PER_STATEMENT = 500;
/** Statements between two turns of the event loop (see `yieldToEventLoop`). */
const STATEMENTS_PER_TURN = 8;

/**
 * libSQL frees a prepared statement's native memory in a finalizer that Node runs on a later
 * turn of the event loop. A loop of awaited inserts never gives it that turn (every promise
 * settles as a microtask), and native memory grows by about half a megabyte per statement.
 */
function yieldToEventLoop(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}

export interface TableSink {
	/** Values in the order of the column keys given to `BulkWriter.table`. */
	push(row: InValue[]): void;
}

interface Buffer {
	readonly name: string;
	readonly columns: readonly string[];
	readonly rowsPerStatement: number;
	rows: InValue[][];
	written: number;
}

export interface BulkWriterOptions {
	/** Buffered rows (all tables) that trigger a flush. */
	readonly flushRows?: number;
	/** Written rows after which the transaction commits and a new one starts. */
	readonly commitRows?: number;
}

export class BulkWriter {
	readonly #client: Client;
	readonly #buffers: Buffer[] = [];
	readonly #sql = new Map<string, string>();
	readonly #flushRows: number;
	readonly #commitRows: number;
	#transaction: Transaction | null = null;
	#pending = 0;
	#sinceCommit = 0;
	#statements = 0;

	constructor(client: Client, options: BulkWriterOptions = {}) {
		this.#client = client;
		this.#flushRows = options.flushRows ?? 20_000;
		this.#commitRows = options.commitRows ?? 300_000;
	}

	/** Declares a table and the keys (camelCase, as in the schema) of the values pushed to it. */
	table<T extends SQLiteTable>(table: T, keys: readonly (keyof T["_"]["columns"] & string)[]): TableSink {
		const known = Object.keys(getTableColumns(table));
		for (const key of keys) {
			if (!known.includes(key)) throw new Error(`${getTableName(table)} has no column ${key}.`);
		}
		const columns = keys.map((key) => toSnakeCase(key));
		const buffer: Buffer = {
			name: getTableName(table),
			columns,
			rowsPerStatement: Math.max(
				1,
				Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / columns.length)),
			),
			rows: [],
			written: 0,
		};
		this.#buffers.push(buffer);
		return {
			push: (row) => {
				if (row.length !== columns.length) {
					throw new Error(`${buffer.name}: ${row.length} values for ${columns.length} columns.`);
				}
				buffer.rows.push(row);
				this.#pending++;
			},
		};
	}

	/** Flushes when enough rows are buffered; call it between units of generated data. */
	async maybeFlush(): Promise<void> {
		if (this.#pending >= this.#flushRows) await this.flush();
	}

	async flush(): Promise<void> {
		if (this.#pending === 0) return;
		const transaction = await this.#begin();
		for (const buffer of this.#buffers) {
			const rows = buffer.rows;
			if (rows.length === 0) continue;
			buffer.rows = [];
			for (let start = 0; start < rows.length; start += buffer.rowsPerStatement) {
				const chunk = rows.slice(start, start + buffer.rowsPerStatement);
				const args: InValue[] = [];
				for (const row of chunk) for (const value of row) args.push(value);
				await transaction.execute({ sql: this.#insertSql(buffer, chunk.length), args });
				if (++this.#statements % STATEMENTS_PER_TURN === 0) await yieldToEventLoop();
			}
			buffer.written += rows.length;
			this.#sinceCommit += rows.length;
		}
		this.#pending = 0;
		if (this.#sinceCommit >= this.#commitRows) await this.commit();
	}

	async commit(): Promise<void> {
		if (!this.#transaction) return;
		const transaction = this.#transaction;
		this.#transaction = null;
		this.#sinceCommit = 0;
		await transaction.commit();
	}

	/** Flushes everything and commits. */
	async finish(): Promise<void> {
		await this.flush();
		await this.commit();
	}

	/** Abandons what is not committed yet. */
	async abort(): Promise<void> {
		for (const buffer of this.#buffers) buffer.rows = [];
		this.#pending = 0;
		const transaction = this.#transaction;
		this.#transaction = null;
		if (transaction) await transaction.rollback();
	}

	/** Rows written so far per table. */
	counts(): Record<string, number> {
		return Object.fromEntries(this.#buffers.map((buffer) => [buffer.name, buffer.written]));
	}

	async #begin(): Promise<Transaction> {
		if (!this.#transaction) {
			this.#transaction = await this.#client.transaction("write");
		}
		return this.#transaction;
	}

	/** Only full-size statements are cached: the last chunk of a flush has any size. */
	#insertSql(buffer: Buffer, rowCount: number): string {
		const full = rowCount === buffer.rowsPerStatement;
		let sql = full ? this.#sql.get(buffer.name) : undefined;
		if (!sql) {
			const tuple = `(${buffer.columns.map(() => "?").join(",")})`;
			sql = `INSERT INTO "${buffer.name}" (${buffer.columns.map((column) => `"${column}"`).join(",")}) VALUES ${Array.from({ length: rowCount }, () => tuple).join(",")}`;
			if (full) this.#sql.set(buffer.name, sql);
		}
		return sql;
	}
}
