// The embedded libSQL runs SQLite in the Node process, synchronously: a write that finds the
// database locked by another connection of the SAME process waits (busy_timeout) while holding
// the event loop, so the transaction that holds the lock can never finish — a self-deadlock
// that lasts the whole timeout. Under concurrent requests this happens (seen in the dashboard
// benchmark: p99 in seconds). So, in one process, writes take turns: transactions, batches and
// write statements wait (asynchronously) for a process-wide lock; reads never wait (WAL).
// Other processes are still handled by SQLite's own locking.
import type { Client, InArgs, InStatement, ResultSet, Transaction, TransactionMode } from "@libsql/client";

const WRITE =
	/^\s*(?:insert|update|delete|replace|create|drop|alter|pragma|vacuum|reindex|with\b[\s\S]*\b(?:insert|update|delete)\b)/i;
/** A turn longer than this is a bug (a write through `db` inside a transaction): fail loudly. */
const WAIT_LIMIT_MS = 30_000;

function sqlOf(stmt: InStatement | string): string {
	return typeof stmt === "string" ? stmt : stmt.sql;
}

class WriteLock {
	private tail: Promise<void> = Promise.resolve();

	/** Resolves with a release function once every earlier holder has released. */
	acquire(): Promise<() => void> {
		let release!: () => void;
		const turn = new Promise<void>((resolve) => {
			release = resolve;
		});
		const previous = this.tail;
		this.tail = previous.then(() => turn);
		let timer: ReturnType<typeof setTimeout> | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(
				() =>
					reject(
						new Error("write lock not obtained in time: a write through the database inside a transaction?"),
					),
				WAIT_LIMIT_MS,
			);
			(timer as { unref?: () => void }).unref?.();
		});
		return Promise.race([previous.then(() => release), timeout]).finally(() => clearTimeout(timer));
	}
}

function wrapTransaction(tx: Transaction, release: () => void): Transaction {
	let released = false;
	const done = () => {
		if (!released) {
			released = true;
			release();
		}
	};
	return new Proxy(tx, {
		get(target, property, receiver) {
			if (property === "commit" || property === "rollback") {
				return async () => {
					try {
						await (target[property] as () => Promise<void>).call(target);
					} finally {
						done();
					}
				};
			}
			if (property === "close") {
				return () => {
					try {
						target.close();
					} finally {
						done();
					}
				};
			}
			const value = Reflect.get(target, property, receiver);
			return typeof value === "function" ? value.bind(target) : value;
		},
	});
}

/** The same client, whose writes take turns within this process. */
export function serializeWrites(client: Client): Client {
	const lock = new WriteLock();
	const withLock = async <T>(run: () => Promise<T>): Promise<T> => {
		const release = await lock.acquire();
		try {
			return await run();
		} finally {
			release();
		}
	};
	return new Proxy(client, {
		get(target, property, receiver) {
			switch (property) {
				case "execute":
					return (stmt: InStatement | string, args?: InArgs): Promise<ResultSet> => {
						const run = () => (typeof stmt === "string" ? target.execute(stmt, args) : target.execute(stmt));
						return WRITE.test(sqlOf(stmt)) ? withLock(run) : run();
					};
				case "batch":
				case "migrate":
				case "executeMultiple":
					return (...args: unknown[]) =>
						withLock(() => (target[property] as (...a: unknown[]) => Promise<unknown>).apply(target, args));
				case "transaction":
					return async (mode?: TransactionMode): Promise<Transaction> => {
						// A read transaction takes no write lock in SQLite: no turn needed.
						if (mode === "read") return target.transaction(mode);
						const release = await lock.acquire();
						try {
							return wrapTransaction(await target.transaction(mode), release);
						} catch (error) {
							release();
							throw error;
						}
					};
				default: {
					const value = Reflect.get(target, property, receiver);
					return typeof value === "function" ? value.bind(target) : value;
				}
			}
		},
	});
}
