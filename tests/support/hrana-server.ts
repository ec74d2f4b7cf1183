// A test double of Turso: Hrana over HTTP (libSQL's protocol for remote SQLite, as
// @libsql/client/web speaks it) served on 127.0.0.1 by the embedded libSQL engine on a file.
// It follows the published specification (tursodatabase/libsql, docs/HRANA_3_SPEC.md and
// docs/HTTP_V2_SPEC.md): JSON pipelines on `v2/pipeline` and `v3/pipeline`, streams tied
// together by unforgeable batons, and the stream requests execute, batch (with conditions),
// sequence, describe, store_sql, close_sql, get_autocommit and close; values as the spec
// encodes them (64-bit integers as strings, blobs in base64). Not served: Protobuf and cursors
// (`GET v3-protobuf` answers 404, so a client negotiating version 3 falls back to JSON).
// Each stream is one SQLite connection. SQLite runs synchronously in this process, so a write
// that found another stream's transaction holding the lock would wait while blocking the very
// event loop that must finish that transaction: writes of other streams wait (asynchronously)
// for the open transaction to end instead, as sqld makes them take turns. See ADR 0012.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Libsql from "libsql";

type Connection = InstanceType<typeof Libsql>;

export type HranaValue =
	| { type: "null" }
	| { type: "integer"; value: string }
	| { type: "float"; value: number }
	| { type: "text"; value: string }
	| { type: "blob"; base64: string };

interface Stmt {
	sql?: string | null;
	sql_id?: number | null;
	args?: HranaValue[];
	named_args?: { name: string; value: HranaValue }[];
	want_rows?: boolean;
}

type BatchCond =
	| { type: "ok" | "error"; step: number }
	| { type: "not"; cond: BatchCond }
	| { type: "and" | "or"; conds: BatchCond[] }
	| { type: "is_autocommit" };

interface StmtResult {
	cols: { name: string | null; decltype: string | null }[];
	rows: HranaValue[][];
	affected_row_count: number;
	last_insert_rowid: string | null;
}

interface HranaError {
	message: string;
	code?: string | null;
}

interface Stream {
	readonly connection: Connection;
	readonly sqls: Map<number, string>;
	baton: string;
	expiry: ReturnType<typeof setTimeout> | undefined;
}

export interface HranaServer {
	/** The base URL to give @libsql/client as `url` (http://127.0.0.1:port). */
	readonly url: string;
	/** Streams open right now (a stream left open by a client expires after `streamIdleMs`). */
	readonly openStreams: () => number;
	close(): Promise<void>;
}

export interface HranaServerOptions {
	/** The SQLite file served. */
	readonly path: string;
	/** When set, every request must carry `Authorization: Bearer <authToken>` (as Turso's do). */
	readonly authToken?: string;
	/** An idle stream is closed (its transaction rolled back) after this long. */
	readonly streamIdleMs?: number;
}

class ProtocolError extends Error {}

/** A statement that may write (or takes the write lock) waits for another stream's transaction. */
const READ_ONLY =
	/^\s*(?:select|explain|values|commit|end|rollback|release|savepoint|begin(?:\s+deferred)?(?:\s+transaction)?\s*;?\s*$)/i;

export async function startHranaServer(options: HranaServerOptions): Promise<HranaServer> {
	const idleMs = options.streamIdleMs ?? 10_000;
	const streams = new Map<string, Stream>();
	/** The stream whose connection holds an open transaction after a write, and who waits for it. */
	let owner: Stream | undefined;
	let waiters: (() => void)[] = [];

	const release = (stream: Stream) => {
		// (A closed connection must not be asked anything: the engine aborts the process.)
		if (owner !== stream || (stream.connection.open && stream.connection.inTransaction)) return;
		owner = undefined;
		const waiting = waiters;
		waiters = [];
		for (const wake of waiting) wake();
	};
	const turnFor = async (stream: Stream) => {
		while (owner !== undefined && owner !== stream)
			await new Promise<void>((resolve) => waiters.push(resolve));
	};
	const closeStream = (stream: Stream) => {
		clearTimeout(stream.expiry);
		streams.delete(stream.baton);
		if (stream.connection.open) {
			// Closing alone would not end the transaction while statements are still prepared: the
			// connection would linger and keep its lock.
			if (stream.connection.inTransaction) stream.connection.exec("ROLLBACK");
			stream.connection.close();
		}
		release(stream);
	};

	const openStream = (): Stream => {
		const connection = new Libsql(options.path, { timeout: 5000 });
		return { connection, sqls: new Map(), baton: "", expiry: undefined };
	};

	const sqlOf = (stream: Stream, source: { sql?: string | null; sql_id?: number | null }): string => {
		if (typeof source.sql === "string") return source.sql;
		if (typeof source.sql_id === "number") {
			const sql = stream.sqls.get(source.sql_id);
			if (sql === undefined)
				throw new ProtocolError(`SQL text ${source.sql_id} is not stored on this stream`);
			return sql;
		}
		throw new ProtocolError("exactly one of sql and sql_id must be given");
	};

	const execute = async (stream: Stream, stmt: Stmt): Promise<StmtResult> => {
		const sql = sqlOf(stream, stmt);
		const writes = !READ_ONLY.test(sql);
		if (writes) await turnFor(stream);
		const { connection } = stream;
		try {
			return runStatement(connection, sql, stmt, writes);
		} finally {
			if (writes && connection.inTransaction) owner = stream;
			release(stream);
		}
	};

	const evaluate = (cond: BatchCond, outcomes: ("ok" | "error" | "skipped")[], stream: Stream): boolean => {
		switch (cond.type) {
			case "ok":
			case "error":
				return outcomes[cond.step] === cond.type;
			case "not":
				return !evaluate(cond.cond, outcomes, stream);
			case "and":
				return cond.conds.every((c) => evaluate(c, outcomes, stream));
			case "or":
				return cond.conds.some((c) => evaluate(c, outcomes, stream));
			case "is_autocommit":
				return !stream.connection.inTransaction;
			default:
				throw new ProtocolError(`unknown batch condition ${(cond as { type: string }).type}`);
		}
	};

	const handleRequest = async (stream: Stream, request: Record<string, unknown>): Promise<unknown> => {
		switch (request.type) {
			case "execute":
				return { type: "execute", result: await execute(stream, request.stmt as Stmt) };
			case "batch": {
				const steps = (request.batch as { steps: { condition?: BatchCond | null; stmt: Stmt }[] }).steps;
				const outcomes: ("ok" | "error" | "skipped")[] = [];
				const step_results: (StmtResult | null)[] = [];
				const step_errors: (HranaError | null)[] = [];
				for (const step of steps) {
					if (step.condition && !evaluate(step.condition, outcomes, stream)) {
						outcomes.push("skipped");
						step_results.push(null);
						step_errors.push(null);
						continue;
					}
					try {
						step_results.push(await execute(stream, step.stmt));
						step_errors.push(null);
						outcomes.push("ok");
					} catch (error) {
						if (error instanceof ProtocolError) throw error;
						step_results.push(null);
						step_errors.push(toHranaError(error));
						outcomes.push("error");
					}
				}
				return { type: "batch", result: { step_results, step_errors } };
			}
			case "sequence": {
				const sql = sqlOf(stream, request as { sql?: string; sql_id?: number });
				await turnFor(stream);
				try {
					stream.connection.exec(sql);
				} finally {
					if (stream.connection.inTransaction) owner = stream;
					release(stream);
				}
				return { type: "sequence" };
			}
			case "describe":
				return { type: "describe", result: describe(stream.connection, sqlOf(stream, request)) };
			case "store_sql": {
				const id = request.sql_id as number;
				if (stream.sqls.has(id)) throw new ProtocolError(`SQL text ${id} is already stored`);
				stream.sqls.set(id, request.sql as string);
				return { type: "store_sql" };
			}
			case "close_sql":
				stream.sqls.delete(request.sql_id as number);
				return { type: "close_sql" };
			case "get_autocommit":
				return { type: "get_autocommit", is_autocommit: !stream.connection.inTransaction };
			case "close":
				closeStream(stream);
				return { type: "close" };
			default:
				throw new ProtocolError(`unknown stream request ${String(request.type)}`);
		}
	};

	const pipeline = async (body: { baton?: string | null; requests?: Record<string, unknown>[] }) => {
		if (!Array.isArray(body.requests)) throw new ProtocolError("requests must be an array");
		let stream: Stream;
		if (body.baton === null || body.baton === undefined) stream = openStream();
		else {
			const found = streams.get(body.baton);
			if (!found) throw new ProtocolError("unknown or expired baton");
			streams.delete(body.baton);
			clearTimeout(found.expiry);
			stream = found;
		}
		const results: unknown[] = [];
		for (const request of body.requests) {
			if (!stream.connection.open) {
				results.push({ type: "error", error: { message: "the stream is closed", code: "STREAM_CLOSED" } });
				continue;
			}
			try {
				results.push({ type: "ok", response: await handleRequest(stream, request) });
			} catch (error) {
				results.push({ type: "error", error: toHranaError(error) });
			}
		}
		if (!stream.connection.open) return { baton: null, base_url: null, results };
		stream.baton = randomBytes(18).toString("base64url");
		streams.set(stream.baton, stream);
		stream.expiry = setTimeout(() => closeStream(stream), idleMs);
		stream.expiry.unref();
		return { baton: stream.baton, base_url: null, results };
	};

	const server = createServer((req, res) => {
		void route(req, res);
	});
	const route = async (req: IncomingMessage, res: ServerResponse) => {
		const reply = (status: number, body: unknown) => {
			res.writeHead(status, { "content-type": "application/json" });
			res.end(JSON.stringify(body));
		};
		if (options.authToken !== undefined && req.headers.authorization !== `Bearer ${options.authToken}`)
			return reply(401, { message: "missing or wrong authorization token", code: "UNAUTHORIZED" });
		const path = new URL(req.url ?? "/", "http://localhost").pathname;
		if (req.method === "GET" && (path === "/v2" || path === "/v3")) return reply(200, {});
		if (req.method !== "POST" || (path !== "/v2/pipeline" && path !== "/v3/pipeline"))
			return reply(404, { message: `not served by this test double: ${req.method} ${path}` });
		let raw = "";
		req.setEncoding("utf8");
		for await (const chunk of req) raw += chunk;
		try {
			reply(200, await pipeline(JSON.parse(raw)));
		} catch (error) {
			reply(400, toHranaError(error));
		}
	};

	// WAL, as Turso's databases: a stream reads while another one writes.
	const setup = new Libsql(options.path);
	setup.exec("PRAGMA journal_mode=WAL");
	setup.close();
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		openStreams: () => streams.size,
		close: () =>
			new Promise((resolve) => {
				for (const stream of [...streams.values()]) closeStream(stream);
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

function runStatement(connection: Connection, sql: string, stmt: Stmt, writes: boolean): StmtResult {
	const statement = connection.prepare(sql);
	statement.safeIntegers(true);
	const params = bindParameters(stmt);
	if (statement.reader) {
		statement.raw(true);
		const cols = statement.columns().map((column) => ({ name: column.name, decltype: column.type }));
		const rows = (statement.all(params) as unknown[][]).map((row) => row.map(encodeValue));
		// A reader that writes (INSERT … RETURNING) still reports what it changed.
		const [changes, rowid] = writes
			? (connection.prepare("SELECT changes(), last_insert_rowid()").raw(true).safeIntegers(true).get() as [
					bigint,
					bigint,
				])
			: [0n, null];
		return {
			cols,
			rows: stmt.want_rows === false ? [] : rows,
			affected_row_count: Number(changes),
			last_insert_rowid: rowid === null ? null : String(rowid),
		};
	}
	const info = statement.run(params);
	return {
		cols: [],
		rows: [],
		affected_row_count: info.changes,
		last_insert_rowid: String(info.lastInsertRowid),
	};
}

function decodeValue(value: HranaValue): unknown {
	switch (value.type) {
		case "null":
			return null;
		case "integer":
			return BigInt(value.value);
		case "float":
			return value.value;
		case "text":
			return value.value;
		case "blob":
			return Buffer.from(value.base64, "base64");
		default:
			throw new ProtocolError(`unknown value type ${(value as { type: string }).type}`);
	}
}

function encodeValue(value: unknown): HranaValue {
	if (value === null || value === undefined) return { type: "null" };
	if (typeof value === "bigint") return { type: "integer", value: String(value) };
	if (typeof value === "number") return { type: "float", value };
	if (typeof value === "string") return { type: "text", value };
	if (value instanceof Uint8Array) return { type: "blob", base64: Buffer.from(value).toString("base64") };
	throw new Error(`cannot encode a ${typeof value} from SQLite`);
}

function bindParameters(stmt: Stmt): unknown[] | Record<string, unknown> {
	const positional = (stmt.args ?? []).map(decodeValue);
	const named = stmt.named_args ?? [];
	if (named.length === 0) return positional;
	if (positional.length > 0)
		throw new ProtocolError("this server does not mix positional and named arguments");
	// SQLite's names carry their prefix (:name, @name, $name); the engine binds them without it.
	return Object.fromEntries(named.map(({ name, value }) => [name.replace(/^[:@$]/, ""), decodeValue(value)]));
}

/** Parameters as sqlite3_bind_parameter_name lists them: `?` is nameless, `?NNN` sets the index. */
function parameterNames(sql: string): (string | null)[] {
	const names: (string | null)[] = [];
	// Literals, identifiers and comments hold no parameters: skip them whole.
	const token =
		/'(?:[^']|'')*'|"(?:[^"]|"")*"|`[^`]*`|\[[^\]]*\]|--[^\n]*|\/\*[\s\S]*?\*\/|\?(\d*)|[:@$][A-Za-z_][\w$]*/g;
	for (const match of sql.matchAll(token)) {
		const text = match[0];
		if (text.startsWith("?")) {
			if (match[1]) {
				const index = Number(match[1]) - 1;
				while (names.length < index) names.push(null);
				names[index] = text;
			} else names.push(null);
		} else if (/^[:@$]/.test(text) && !names.includes(text)) names.push(text);
	}
	return names;
}

function describe(connection: Connection, sql: string) {
	const statement = connection.prepare(sql);
	const cols = statement.reader
		? statement.columns().map((column) => ({ name: column.name, decltype: column.type }))
		: [];
	return {
		params: parameterNames(sql).map((name) => ({ name })),
		cols,
		is_explain: /^\s*explain\b/i.test(sql),
		is_readonly: READ_ONLY.test(sql),
	};
}

function toHranaError(error: unknown): HranaError {
	if (error instanceof Libsql.SqliteError) {
		// The base result code (SQLITE_CONSTRAINT for SQLITE_CONSTRAINT_CHECK), as sqld reports it.
		const code = String((error as { code?: string }).code ?? "SQLITE_ERROR")
			.split("_")
			.slice(0, 2)
			.join("_");
		return { message: error.message, code };
	}
	if (error instanceof ProtocolError) return { message: error.message, code: "PROTOCOL_ERROR" };
	return { message: error instanceof Error ? error.message : String(error), code: "INTERNAL_ERROR" };
}
