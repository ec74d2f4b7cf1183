// The embedded libSQL client of the Node host, the scripts and the tests (`file:` URLs and
// `:memory:`): the `libsql` engine behind the same `Client` interface as @libsql/client, with
// one difference that matters under load: prepared statements are kept and reused. The stock
// local client prepares every statement anew and asks for its columns twice; for the queries of
// a signed-in page that was about a third of the server's time (ADR 0009). Everything else
// mirrors @libsql/client 0.18's local client: a small pool of connections where a transaction
// owns its connection until it settles, `intMode: "number"` semantics (a 64-bit integer that
// does not fit a double is an error, not a silent rounding), rows readable by name and by
// index, and SQLite errors surfaced as `LibsqlError` with the same codes.
import { Buffer } from "node:buffer";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import {
	type Client,
	type InArgs,
	type InStatement,
	type InValue,
	LibsqlBatchError,
	LibsqlError,
	type ResultSet,
	type Row,
	type Transaction,
	type TransactionMode,
} from "@libsql/client";
import { ResultSetImpl, transactionModeToBegin } from "@libsql/core/util";
import Libsql from "libsql";
import { ROW_VALUES } from "./row-values.ts";

type Connection = InstanceType<typeof Libsql>;
type NativeStatement = ReturnType<Connection["prepare"]>;

export interface LocalClientOptions {
	/** `file:<path>`, `file::memory:` or `:memory:`. */
	readonly url: string;
	/** busy_timeout of every connection, in milliseconds. */
	readonly timeout?: number | undefined;
	/** Connections of the pool (an in-memory database always has exactly one). */
	readonly concurrency?: number | undefined;
	/** Prepared statements kept per connection. */
	readonly statementCacheSize?: number | undefined;
	/**
	 * For a long-running server on a WAL file: checkpoints run every `intervalMs` on a thread of
	 * their own instead of inside whichever commit crosses SQLite's threshold (a checkpoint
	 * copies and syncs pages: tens of milliseconds during which that request, and every other,
	 * waits). If the thread stops, commits checkpoint again as SQLite does by default.
	 */
	readonly backgroundCheckpoints?: { readonly intervalMs: number } | undefined;
	/**
	 * PRAGMA statements run on every connection of the pool as it opens: the settings SQLite keeps
	 * per connection (`synchronous`, `foreign_keys`). Set through `execute`, they would reach only
	 * the connection that ran them, and a connection opened later (while a transaction holds the
	 * first) would run with SQLite's defaults.
	 */
	readonly connectionPragmas?: readonly string[] | undefined;
}

/** The statements of one connection, kept by their SQL text, with what their results look like. */
interface Prepared {
	readonly statement: NativeStatement;
	readonly reader: boolean;
	readonly columns: readonly string[];
	readonly columnTypes: readonly string[];
	readonly rowClass: RowClass | undefined;
}

type RowClass = new (values: unknown[]) => Row;

const DEFAULT_CONCURRENCY = 20;
const DEFAULT_CACHE_SIZE = 512;
/** Statements after which the schema may differ: every cached statement is dropped. */
const SCHEMA_CHANGE = /^\s*(?:create|drop|alter)\b/i;

// ---------------------------------------------------------------------------------------------
// Rows: named columns are own enumerable properties (what drizzle and our code read, and what
// spreading copies); positions and `length` are read through the prototype, so that
// `Array.prototype.slice.call(row)` works without defining one property per value per row.

interface RowBase {
	[ROW_VALUES]: unknown[];
}

function makeRowClass(columns: readonly string[]): RowClass {
	const names: (string | undefined)[] = columns.map((name, index) =>
		columns.indexOf(name) === index ? name : undefined,
	);
	function LocalRow(this: RowBase & Record<string, unknown>, values: unknown[]) {
		Object.defineProperty(this, ROW_VALUES, { value: values });
		for (let index = 0; index < names.length; index++) {
			const name = names[index];
			if (name !== undefined) this[name] = values[index];
		}
	}
	const prototype: object = LocalRow.prototype;
	Object.defineProperty(prototype, "length", { value: columns.length });
	for (let index = 0; index < columns.length; index++) {
		Object.defineProperty(prototype, index, {
			get(this: RowBase) {
				return this[ROW_VALUES][index];
			},
		});
	}
	return LocalRow as unknown as RowClass;
}

// ---------------------------------------------------------------------------------------------
// Values in and out, as @libsql/client does with intMode "number".

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_INT64 = -9223372036854775808n;
const MAX_INT64 = 9223372036854775807n;

function valueFromSql(value: unknown): unknown {
	if (typeof value === "bigint") {
		if (value < MIN_SAFE || value > MAX_SAFE)
			throw new RangeError("Received integer which cannot be safely represented as a JavaScript number");
		return Number(value);
	}
	if (value instanceof Buffer)
		return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength);
	return value;
}

function valueToSql(value: InValue | undefined): unknown {
	if (typeof value === "number") {
		if (!Number.isFinite(value))
			throw new RangeError("Only finite numbers (not Infinity or NaN) can be passed as arguments");
		return value;
	}
	if (typeof value === "bigint") {
		if (value < MIN_INT64 || value > MAX_INT64)
			throw new RangeError(
				"bigint is too large to be represented as a 64-bit integer and passed as argument",
			);
		return value;
	}
	if (typeof value === "boolean") return value ? 1 : 0;
	if (value instanceof ArrayBuffer) return Buffer.from(value);
	if (value instanceof Date) return value.valueOf();
	if (value === undefined) throw new TypeError("undefined cannot be passed as argument to the database");
	return value;
}

function argsToSql(args: InArgs | undefined): unknown[] | Record<string, unknown> {
	if (args === undefined) return [];
	if (Array.isArray(args)) return args.map(valueToSql);
	const named: Record<string, unknown> = {};
	for (const name in args) {
		const first = name[0];
		const key = first === "@" || first === "$" || first === ":" ? name.slice(1) : name;
		named[key] = valueToSql((args as Record<string, InValue>)[name]);
	}
	return named;
}

// ---------------------------------------------------------------------------------------------
// Errors, with the codes @libsql/client gives.

const BASE_CODES: Readonly<Record<number, string>> = {
	1: "SQLITE_ERROR",
	2: "SQLITE_INTERNAL",
	3: "SQLITE_PERM",
	4: "SQLITE_ABORT",
	5: "SQLITE_BUSY",
	6: "SQLITE_LOCKED",
	7: "SQLITE_NOMEM",
	8: "SQLITE_READONLY",
	9: "SQLITE_INTERRUPT",
	10: "SQLITE_IOERR",
	11: "SQLITE_CORRUPT",
	12: "SQLITE_NOTFOUND",
	13: "SQLITE_FULL",
	14: "SQLITE_CANTOPEN",
	15: "SQLITE_PROTOCOL",
	16: "SQLITE_EMPTY",
	17: "SQLITE_SCHEMA",
	18: "SQLITE_TOOBIG",
	19: "SQLITE_CONSTRAINT",
	20: "SQLITE_MISMATCH",
	21: "SQLITE_MISUSE",
	22: "SQLITE_NOLFS",
	23: "SQLITE_AUTH",
	24: "SQLITE_FORMAT",
	25: "SQLITE_RANGE",
	26: "SQLITE_NOTADB",
	27: "SQLITE_NOTICE",
	28: "SQLITE_WARNING",
};

function mapError(error: unknown): unknown {
	if (error instanceof Libsql.SqliteError) {
		const raw = (error as { rawCode?: number }).rawCode;
		const code =
			raw === undefined ? "SQLITE_UNKNOWN" : (BASE_CODES[raw & 0xff] ?? `SQLITE_UNKNOWN_${raw & 0xff}`);
		return new LibsqlError(error.message, code, (error as { code?: string }).code, raw, error);
	}
	return error;
}

function toBatchError(error: unknown, index: number): unknown {
	if (error instanceof LibsqlBatchError) return error;
	if (error instanceof LibsqlError)
		return new LibsqlBatchError(
			error.message,
			index,
			error.code,
			error.extendedCode,
			error.rawCode,
			error.cause instanceof Error ? error.cause : undefined,
		);
	return error;
}

// ---------------------------------------------------------------------------------------------
// One connection and its statements.

class CachedConnection {
	readonly native: Connection;
	private readonly statements = new Map<string, Prepared>();

	constructor(
		path: string,
		options: { timeout?: number | undefined; autocheckpoint: boolean; pragmas: readonly string[] },
		private readonly cacheSize: number,
	) {
		this.native = new Libsql(path, options.timeout === undefined ? {} : { timeout: options.timeout });
		for (const pragma of options.pragmas) this.native.exec(pragma);
		if (!options.autocheckpoint) this.setAutocheckpoint(false);
	}

	/** SQLite's default threshold (1 000 pages of WAL), or none when another thread checkpoints. */
	setAutocheckpoint(on: boolean): void {
		try {
			this.native.exec(`PRAGMA wal_autocheckpoint=${on ? 1000 : 0}`);
		} catch {
			// A closed or read-only connection keeps its setting: nothing to do.
		}
	}

	get open(): boolean {
		return this.native.open;
	}

	get inTransaction(): boolean {
		return this.native.inTransaction;
	}

	forgetStatements(): void {
		this.statements.clear();
	}

	private prepare(sql: string): Prepared {
		const cached = this.statements.get(sql);
		if (cached) return cached;
		const statement = this.native.prepare(sql);
		statement.safeIntegers(true);
		const reader = statement.reader;
		let columns: string[] = [];
		let columnTypes: string[] = [];
		if (reader) {
			statement.raw(true);
			const definitions = statement.columns();
			columns = definitions.map((column) => column.name);
			columnTypes = definitions.map((column) => column.type ?? "");
		}
		const prepared: Prepared = {
			statement,
			reader,
			columns,
			columnTypes,
			rowClass: reader ? makeRowClass(columns) : undefined,
		};
		// A statement that changes the schema is not worth keeping (and others may go stale).
		if (!SCHEMA_CHANGE.test(sql)) {
			if (this.statements.size >= this.cacheSize) {
				const oldest = this.statements.keys().next();
				if (!oldest.done) this.statements.delete(oldest.value);
			}
			this.statements.set(sql, prepared);
		}
		return prepared;
	}

	execute(stmt: InStatement | string): ResultSet {
		const sql = typeof stmt === "string" ? stmt : stmt.sql;
		const args = typeof stmt === "string" ? [] : argsToSql(stmt.args);
		try {
			const prepared = this.prepare(sql);
			if (prepared.reader && prepared.rowClass) {
				const RowOf = prepared.rowClass;
				const raw = prepared.statement.all(args) as unknown[][];
				const rows: Row[] = new Array(raw.length);
				for (let r = 0; r < raw.length; r++) {
					const values = raw[r] as unknown[];
					for (let c = 0; c < values.length; c++) values[c] = valueFromSql(values[c]);
					rows[r] = new RowOf(values);
				}
				return new ResultSetImpl([...prepared.columns], [...prepared.columnTypes], rows, 0, undefined);
			}
			const info = prepared.statement.run(args);
			if (SCHEMA_CHANGE.test(sql)) this.forgetStatements();
			return new ResultSetImpl([], [], [], info.changes, BigInt(info.lastInsertRowid));
		} catch (error) {
			throw mapError(error);
		}
	}

	executeMultiple(sql: string): void {
		try {
			this.native.exec(sql);
		} catch (error) {
			throw mapError(error);
		} finally {
			this.forgetStatements();
		}
	}

	close(): void {
		this.statements.clear();
		try {
			if (this.native.open) this.native.close();
		} catch {
			// nothing useful to do while tearing down
		}
	}
}

// ---------------------------------------------------------------------------------------------
// The pool: every client call borrows a connection for a synchronous moment; a transaction
// borrows one for its lifetime. When transactions hold every connection, a call fails at once
// rather than waiting for a commit that only its caller could make.

class Pool {
	private idle: CachedConnection[] = [];
	private readonly borrowed = new Set<CachedConnection>();
	private readonly heldByTransaction = new Set<CachedConnection>();
	private waiters: { resolve: (connection: CachedConnection) => void; reject: (error: unknown) => void }[] =
		[];
	private closed = false;

	constructor(
		private readonly open: () => CachedConnection,
		private readonly maxConnections: number,
	) {}

	acquire(forTransaction = false): Promise<CachedConnection> {
		if (this.closed) return Promise.reject(new LibsqlError("The client is closed", "CLIENT_CLOSED"));
		if (this.idle.length === 0 && this.borrowed.size >= this.maxConnections) {
			if (this.heldByTransaction.size >= this.maxConnections)
				return Promise.reject(
					new LibsqlError(
						this.maxConnections === 1
							? "This client has a single connection, which an open transaction is holding. Commit or roll back the transaction before using the client again."
							: `All ${this.maxConnections} of this client's connections are held by open transactions. Commit or roll back one before using the client again.`,
						"TRANSACTION_ACTIVE",
					),
				);
			return new Promise((resolve, reject) =>
				this.waiters.push({
					resolve: (connection) => {
						if (forTransaction) this.heldByTransaction.add(connection);
						resolve(connection);
					},
					reject,
				}),
			);
		}
		try {
			return Promise.resolve(this.acquireSync(forTransaction));
		} catch (error) {
			return Promise.reject(error);
		}
	}

	/** The most recently used idle connection, borrowed, or undefined when none is idle. */
	idleNow(): CachedConnection | undefined {
		if (this.closed || this.idle.length === 0) return undefined;
		return this.acquireSync();
	}

	acquireSync(forTransaction = false): CachedConnection {
		if (this.closed) throw new LibsqlError("The client is closed", "CLIENT_CLOSED");
		const connection = this.idle.pop() ?? this.open();
		this.borrowed.add(connection);
		if (forTransaction) this.heldByTransaction.add(connection);
		return connection;
	}

	release(connection: CachedConnection): void {
		this.borrowed.delete(connection);
		this.heldByTransaction.delete(connection);
		if (connection.open && connection.inTransaction) {
			try {
				connection.native.exec("ROLLBACK");
			} catch {
				connection.close();
				return;
			}
		}
		if (this.closed || !connection.open) {
			connection.close();
			return;
		}
		const waiter = this.waiters.shift();
		if (waiter) {
			this.borrowed.add(connection);
			waiter.resolve(connection);
		} else this.idle.push(connection);
	}

	/** Drops every kept statement (after a schema change made through another connection). */
	forgetStatements(): void {
		for (const connection of this.connections()) connection.forgetStatements();
	}

	connections(): CachedConnection[] {
		return [...this.idle, ...this.borrowed];
	}

	close(): void {
		this.closed = true;
		for (const connection of [...this.idle, ...this.borrowed]) connection.close();
		this.idle = [];
		this.borrowed.clear();
		this.heldByTransaction.clear();
		const waiters = this.waiters;
		this.waiters = [];
		for (const waiter of waiters) waiter.reject(new LibsqlError("The client is closed", "CLIENT_CLOSED"));
	}

	reopen(): void {
		this.close();
		this.closed = false;
	}
}

function normalize(stmt: InStatement | [string, InArgs?]): InStatement {
	return Array.isArray(stmt) ? { sql: stmt[0], args: stmt[1] ?? [] } : stmt;
}

function usable(connection: CachedConnection): CachedConnection {
	if (!connection.open)
		throw new LibsqlError("The connection was closed while this operation was in flight", "CLIENT_CLOSED");
	return connection;
}

class LocalTransaction implements Transaction {
	private connection: CachedConnection | null;

	constructor(
		connection: CachedConnection,
		private readonly settle: (connection: CachedConnection) => void,
	) {
		this.connection = connection;
	}

	private current(): CachedConnection {
		const connection = this.connection;
		if (connection === null || !connection.open || !connection.inTransaction)
			throw new LibsqlError("The transaction is closed", "TRANSACTION_CLOSED");
		return connection;
	}

	private done(): void {
		const connection = this.connection;
		if (connection === null) return;
		this.connection = null;
		this.settle(connection);
	}

	async execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
		const stmt = typeof stmtOrSql === "string" ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;
		return this.current().execute(stmt);
	}

	async batch(stmts: Array<InStatement | [string, InArgs?]>): Promise<ResultSet[]> {
		const results: ResultSet[] = [];
		for (const [index, stmt] of stmts.entries()) {
			try {
				results.push(this.current().execute(normalize(stmt)));
			} catch (error) {
				throw toBatchError(error, index);
			}
		}
		return results;
	}

	async executeMultiple(sql: string): Promise<void> {
		this.current().executeMultiple(sql);
	}

	async rollback(): Promise<void> {
		const connection = this.connection;
		try {
			if (connection?.open && connection.inTransaction) connection.execute("ROLLBACK");
		} finally {
			this.done();
		}
	}

	async commit(): Promise<void> {
		try {
			this.current().execute("COMMIT");
		} finally {
			this.done();
		}
	}

	close(): void {
		const connection = this.connection;
		try {
			if (connection?.open && connection.inTransaction) connection.execute("ROLLBACK");
		} finally {
			this.done();
		}
	}

	get closed(): boolean {
		const connection = this.connection;
		return connection === null || !connection.open || !connection.inTransaction;
	}
}

class LocalClient implements Client {
	closed = false;
	readonly protocol = "file";

	constructor(
		private readonly pool: Pool,
		private readonly onClose: () => void = () => {},
	) {}

	private async borrow<T>(run: (connection: CachedConnection) => T): Promise<T> {
		if (this.closed) throw new LibsqlError("The client is closed", "CLIENT_CLOSED");
		// An idle connection is taken and used in the same tick: calls outside transactions never
		// overlap, so they all run on the same connection. That matters more than it seems: in WAL
		// mode a connection drops its page cache whenever ANOTHER connection has committed, so
		// page views spread over several connections, each writing its audit entry, re-read their
		// pages on every query (the dashboard's statement cost 2.4 times as much). Only when
		// transactions hold every idle connection does a call wait for (or open) another.
		const connection = this.pool.idleNow() ?? (await this.pool.acquire());
		try {
			return run(usable(connection));
		} finally {
			this.pool.release(connection);
		}
	}

	execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
		const stmt = typeof stmtOrSql === "string" ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;
		return this.borrow((connection) => {
			const result = connection.execute(stmt);
			if (SCHEMA_CHANGE.test(typeof stmt === "string" ? stmt : stmt.sql)) this.pool.forgetStatements();
			return result;
		});
	}

	batch(
		stmts: Array<InStatement | [string, InArgs?]>,
		mode: TransactionMode = "deferred",
	): Promise<ResultSet[]> {
		return this.borrow((connection) => {
			connection.execute(transactionModeToBegin(mode));
			const results: ResultSet[] = [];
			let schemaChanged = false;
			for (const [index, stmt] of stmts.entries()) {
				if (!connection.inTransaction)
					throw new LibsqlBatchError("The transaction has been rolled back", index, "TRANSACTION_CLOSED");
				const normalized = normalize(stmt);
				schemaChanged ||= SCHEMA_CHANGE.test(typeof normalized === "string" ? normalized : normalized.sql);
				try {
					results.push(connection.execute(normalized));
				} catch (error) {
					throw toBatchError(error, index);
				}
			}
			connection.execute("COMMIT");
			if (schemaChanged) this.pool.forgetStatements();
			return results;
		});
	}

	migrate(stmts: InStatement[]): Promise<ResultSet[]> {
		return this.borrow((connection) => {
			connection.execute("PRAGMA foreign_keys=off");
			try {
				connection.execute(transactionModeToBegin("deferred"));
				const results: ResultSet[] = [];
				for (const [index, stmt] of stmts.entries()) {
					if (!connection.inTransaction)
						throw new LibsqlBatchError("The transaction has been rolled back", index, "TRANSACTION_CLOSED");
					try {
						results.push(connection.execute(stmt));
					} catch (error) {
						throw toBatchError(error, index);
					}
				}
				connection.execute("COMMIT");
				return results;
			} finally {
				if (connection.inTransaction) connection.execute("ROLLBACK");
				connection.execute("PRAGMA foreign_keys=on");
				this.pool.forgetStatements();
			}
		});
	}

	async transaction(mode: TransactionMode = "write"): Promise<Transaction> {
		if (this.closed) throw new LibsqlError("The client is closed", "CLIENT_CLOSED");
		const connection = await this.pool.acquire(true);
		try {
			usable(connection).execute(transactionModeToBegin(mode));
		} catch (error) {
			this.pool.release(connection);
			throw error;
		}
		return new LocalTransaction(connection, (used) => this.pool.release(used));
	}

	executeMultiple(sql: string): Promise<void> {
		return this.borrow((connection) => {
			connection.executeMultiple(sql);
			this.pool.forgetStatements();
		});
	}

	async sync(): Promise<undefined> {
		// An embedded database without a remote primary has nothing to sync.
		return undefined;
	}

	async reconnect(): Promise<void> {
		this.pool.reopen();
		this.closed = false;
	}

	close(): void {
		this.closed = true;
		this.pool.close();
		this.onClose();
	}
}

/** The path libsql opens for a `file:` URL, and whether the database lives in memory. */
export function localPath(url: string): { path: string; memory: boolean } {
	if (url === ":memory:" || url === "file::memory:" || url.startsWith("file::memory:?"))
		return { path: ":memory:", memory: true };
	if (!url.startsWith("file:")) throw new LibsqlError(`Not a local database URL: ${url}`, "URL_INVALID");
	const rest = url.slice("file:".length);
	// file:///absolute, file:/absolute, file:relative (the host of file://localhost/ is allowed).
	const withoutAuthority = rest.startsWith("//") ? rest.replace(/^\/\/(?:localhost)?/, "") : rest;
	if (rest.startsWith("//") && !/^\/\/(?:localhost)?\//.test(rest))
		throw new LibsqlError(`Invalid host in file URL: ${url}`, "URL_INVALID");
	const path = decodeURIComponent(withoutAuthority.split("?")[0] ?? "");
	if (path === "") throw new LibsqlError(`Empty path in file URL: ${url}`, "URL_INVALID");
	return { path, memory: false };
}

// The checkpointing thread: its own connection, a PASSIVE checkpoint (never blocks readers or
// the writer) every interval. Plain JavaScript, evaluated as a worker, so it needs no loader.
// On Linux it runs at the lowest priority (nice 19): on a server kept busy by page views it
// copies the log when the requests leave the core idle, instead of taking turns with them
// (ADR 0045). On Linux a thread's nice value is its own (setpriority on 0 is this thread);
// elsewhere it would be the whole process's, so it is left alone there.
const CHECKPOINTER = `
const { parentPort, workerData } = require("node:worker_threads");
if (process.platform === "linux") try { require("node:os").setPriority(19); } catch {}
const Database = require(workerData.libsql);
const db = new Database(workerData.path, { timeout: workerData.timeout });
const timer = setInterval(() => {
	try { db.exec("PRAGMA wal_checkpoint(PASSIVE)"); } catch {}
}, workerData.intervalMs);
parentPort.on("message", () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

const DEFAULT_CHECKPOINT_TIMEOUT_MS = 5000;

function startCheckpointer(
	path: string,
	options: { intervalMs: number; timeout?: number | undefined },
	onStop: () => void,
): () => void {
	const worker = new Worker(CHECKPOINTER, {
		eval: true,
		workerData: {
			libsql: createRequire(import.meta.url).resolve("libsql"),
			path,
			intervalMs: options.intervalMs,
			timeout: options.timeout ?? DEFAULT_CHECKPOINT_TIMEOUT_MS,
		},
	});
	let stopping = false;
	worker.unref();
	const stopped = () => {
		if (!stopping) {
			stopping = true;
			onStop();
		}
	};
	worker.once("error", stopped);
	worker.once("exit", stopped);
	return () => {
		if (stopping) return;
		stopping = true;
		worker.postMessage("stop");
	};
}

export function createLocalClient(options: LocalClientOptions): Client {
	const { path, memory } = localPath(options.url);
	const cacheSize = options.statementCacheSize ?? DEFAULT_CACHE_SIZE;
	const maxConnections = memory ? 1 : Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
	const background = memory ? undefined : options.backgroundCheckpoints;
	let autocheckpoint = background === undefined;
	const pool = new Pool(
		() =>
			new CachedConnection(
				path,
				{ timeout: options.timeout, autocheckpoint, pragmas: options.connectionPragmas ?? [] },
				cacheSize,
			),
		maxConnections,
	);
	// Fail fast if the database cannot be opened at all.
	const probe = pool.acquireSync();
	try {
		probe.execute("SELECT 1 AS checkThatTheDatabaseCanBeOpened");
	} catch (error) {
		pool.close();
		throw error;
	}
	pool.release(probe);
	if (background === undefined) return new LocalClient(pool);
	const stop = startCheckpointer(
		path,
		{ intervalMs: background.intervalMs, timeout: options.timeout },
		() => {
			// The thread is gone: commits checkpoint again, as SQLite does by default.
			autocheckpoint = true;
			for (const connection of pool.connections()) connection.setAutocheckpoint(true);
		},
	);
	return new LocalClient(pool, stop);
}
