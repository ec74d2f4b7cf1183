// The database client of the Node host, the scripts and the tests: the embedded libSQL for
// `file:` (the default) and `:memory:` (tests) through our statement-caching local client
// (db/local-client.ts, ADR 0009), and @libsql/client for `libsql://` (Turso). The Cloudflare Worker uses db/client-web.ts instead; both return the same `Database`.
import { type Client, createClient } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import * as schema from "../schema/tables/index.ts";
import { groupAcrossRequests } from "./group-batch.ts";
import { createLocalClient } from "./local-client.ts";
import { serializeWrites } from "./serial-writes.ts";

export type Schema = typeof schema;
/** The drizzle instance with the full schema; `$client` is the underlying libSQL client (Node or web). */
export type Database = LibSQLDatabase<Schema> & { $client: Client };

export interface DatabaseOptions {
	readonly url: string;
	readonly authToken?: string | undefined;
	/**
	 * For the long-running server: WAL checkpoints on a thread of their own rather than inside
	 * a request's commit (db/local-client.ts). Scripts and tests leave it off.
	 */
	readonly backgroundCheckpoints?: boolean | undefined;
}

/** How often the server's checkpointing thread folds the WAL back into the database file. */
const CHECKPOINT_INTERVAL_MS = 1000;

export interface DatabaseHandle {
	readonly client: Client;
	readonly db: Database;
	/** Settles once the connection pragmas are applied; operations queued meanwhile run after them. */
	readonly ready: Promise<void>;
}

/** How long a writer waits for another connection's lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

const readiness = new WeakMap<object, Promise<void>>();

/** Resolves once the pragmas of `createDatabase` are applied (at once for other databases). */
export function databaseReady(db: Database): Promise<void> {
	return readiness.get(db) ?? Promise.resolve();
}

export function createDatabase(options: DatabaseOptions): DatabaseHandle {
	const url = options.url === ":memory:" ? "file::memory:" : options.url;
	const local = url.startsWith("file:");
	// `timeout` sets busy_timeout on every connection of the client's pool.
	const raw = local
		? createLocalClient({
				url,
				timeout: BUSY_TIMEOUT_MS,
				// Per connection, so on every connection of the pool. In WAL mode, NORMAL syncs at
				// checkpoints instead of at every commit: a commit costs about 0.05 ms instead of
				// 1–10 ms, and the database cannot be corrupted; only an operating-system crash or
				// power loss may roll back the last commits (ADR 0007). libSQL opens local
				// connections with foreign_keys=ON already; the pragma only makes it explicit.
				connectionPragmas: url.includes(":memory:")
					? ["PRAGMA foreign_keys=ON"]
					: ["PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON"],
				...(options.backgroundCheckpoints
					? { backgroundCheckpoints: { intervalMs: CHECKPOINT_INTERVAL_MS } }
					: {}),
			})
		: createClient({ url, authToken: options.authToken });
	// Embedded SQLite waits for locks synchronously: writes of one process must take turns.
	// One event loop serves every request of this process: their write batches may be committed
	// together (db/group-batch.ts, ADR 0052).
	const client = groupAcrossRequests(local ? serializeWrites(raw) : raw);
	const db = wrapClient(client);
	const ready = local ? applyLocalPragmas(client, url) : Promise.resolve();
	readiness.set(db, ready);
	return { client, db, ready };
}

/** Wraps an existing client (Node or web) in drizzle with the full schema and snake_case columns. */
export function wrapClient(client: Client): Database {
	return drizzle(client, { schema, casing: "snake_case" });
}

async function applyLocalPragmas(client: Client, url: string): Promise<void> {
	try {
		// WAL is a property of the database file: set once, every connection sees it. The
		// per-connection settings are the pool's `connectionPragmas` above.
		if (!url.includes(":memory:")) await client.execute("PRAGMA journal_mode=WAL");
	} catch {
		// A read-only file cannot switch to WAL; the database stays usable in its current mode.
	}
}
