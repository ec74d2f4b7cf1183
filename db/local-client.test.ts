import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LibsqlBatchError, LibsqlError } from "@libsql/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createDatabase } from "./client.ts";
import { createLocalClient, localPath } from "./local-client.ts";

let dir: string;
beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), "espace-local-client-"));
});
afterEach(async () => {
	await rm(dir, { recursive: true, force: true });
});

describe("the statement-caching local client", () => {
	it("returns rows readable by name and by position, like @libsql/client", async () => {
		const client = createLocalClient({ url: ":memory:" });
		const result = await client.execute("SELECT 1 AS a, 'x' AS b, NULL AS c, 2 AS a");
		const [row] = result.rows;
		expect(result.columns).toEqual(["a", "b", "c", "a"]);
		expect(row?.a).toBe(1);
		expect(row?.b).toBe("x");
		expect(row?.[3]).toBe(2);
		expect(row?.length).toBe(4);
		expect(Array.prototype.slice.call(row)).toEqual([1, "x", null, 2]);
		// Only the names are own enumerable properties (what spreading and Object.keys see).
		expect(Object.keys(row ?? {})).toEqual(["a", "b", "c"]);
		expect({ ...row }).toEqual({ a: 1, b: "x", c: null });
		client.close();
	});

	it("binds positional and named arguments, booleans, dates and blobs", async () => {
		const client = createLocalClient({ url: ":memory:" });
		await client.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, flag INTEGER, at INTEGER, data BLOB)");
		const at = new Date("2026-11-26T09:00:00Z");
		const inserted = await client.execute({
			sql: "INSERT INTO t (flag, at, data) VALUES (:flag, @at, $data)",
			args: { flag: true, at, data: new Uint8Array([1, 2, 3]).buffer },
		});
		expect(inserted.rowsAffected).toBe(1);
		expect(inserted.lastInsertRowid).toBe(1n);
		const { rows } = await client.execute("SELECT flag, at, data FROM t WHERE id = ?", [1]);
		expect(rows[0]?.flag).toBe(1);
		expect(rows[0]?.at).toBe(at.getTime());
		expect([...new Uint8Array(rows[0]?.data as ArrayBuffer)]).toEqual([1, 2, 3]);
		await expect(client.execute("SELECT ?", [Number.NaN])).rejects.toThrow(RangeError);
		await expect(client.execute("SELECT 9007199254740993")).rejects.toThrow(RangeError);
		client.close();
	});

	it("reuses a statement with new arguments", async () => {
		const client = createLocalClient({ url: ":memory:" });
		const values: unknown[] = [];
		for (const n of [1, 2, 3]) values.push((await client.execute("SELECT ? * 10 AS v", [n])).rows[0]?.v);
		expect(values).toEqual([10, 20, 30]);
		client.close();
	});

	it("surfaces SQLite errors as LibsqlError with the base code", async () => {
		const client = createLocalClient({ url: ":memory:" });
		await client.execute("CREATE TABLE u (id INTEGER PRIMARY KEY)");
		await client.execute("INSERT INTO u VALUES (1)");
		const error = await client.execute("INSERT INTO u VALUES (1)").catch((e: unknown) => e);
		expect(error).toBeInstanceOf(LibsqlError);
		expect((error as LibsqlError).code).toBe("SQLITE_CONSTRAINT");
		expect((error as LibsqlError).message).toMatch(/UNIQUE constraint failed/);
		const batch = await client
			.batch(["INSERT INTO u VALUES (2)", "INSERT INTO u VALUES (2)"], "write")
			.catch((e: unknown) => e);
		expect(batch).toBeInstanceOf(LibsqlBatchError);
		expect((batch as LibsqlBatchError).statementIndex).toBe(1);
		// The failed batch left nothing behind.
		expect((await client.execute("SELECT count(*) AS n FROM u")).rows[0]?.n).toBe(1);
		client.close();
	});

	it("sees a schema change in statements it had kept", async () => {
		const client = createLocalClient({ url: `file:${join(dir, "schema.db")}` });
		await client.execute("CREATE TABLE s (a INTEGER)");
		await client.execute("INSERT INTO s VALUES (1)");
		expect((await client.execute("SELECT * FROM s")).columns).toEqual(["a"]);
		await client.execute("ALTER TABLE s ADD COLUMN b TEXT DEFAULT 'x'");
		const after = await client.execute("SELECT * FROM s");
		expect(after.columns).toEqual(["a", "b"]);
		expect(after.rows[0]?.b).toBe("x");
		client.close();
	});

	it("commits and rolls back interactive transactions on their own connection", async () => {
		const client = createLocalClient({ url: `file:${join(dir, "tx.db")}` });
		await client.execute("CREATE TABLE v (n INTEGER)");
		const tx = await client.transaction("write");
		await tx.execute("INSERT INTO v VALUES (1)");
		// Outside the transaction, nothing yet (another connection, WAL or not).
		expect((await client.execute("SELECT count(*) AS n FROM v")).rows[0]?.n).toBe(0);
		await tx.commit();
		expect(tx.closed).toBe(true);
		const rolledBack = await client.transaction("write");
		await rolledBack.execute("INSERT INTO v VALUES (2)");
		await rolledBack.rollback();
		expect((await client.execute("SELECT n FROM v")).rows.map((r) => r.n)).toEqual([1]);
		await expect(tx.execute("SELECT 1")).rejects.toMatchObject({ code: "TRANSACTION_CLOSED" });
		client.close();
	});

	it("runs concurrent calls outside transactions on one connection, whose page cache stays warm", async () => {
		// A TEMP table exists on the connection that made it only: a call landing on any other
		// connection of the pool fails. In WAL mode a connection drops its page cache whenever
		// another one commits, so spreading page views over the pool made each of them re-read its
		// pages (the dashboard's statement cost 2.4 times as much: ADR 0029).
		const client = createLocalClient({ url: `file:${join(dir, "one.db")}` });
		await client.execute("CREATE TEMP TABLE here (n INTEGER)");
		const calls = Array.from({ length: 40 }, (_, n) =>
			n % 2 === 0
				? client.execute({ sql: "INSERT INTO here VALUES (?)", args: [n] })
				: client.execute("SELECT count(*) AS n FROM here"),
		);
		await expect(Promise.all(calls)).resolves.toHaveLength(40);
		expect((await client.execute("SELECT count(*) AS n FROM here")).rows[0]?.n).toBe(20);
		// While a transaction holds that connection, calls use another one, as before.
		const tx = await client.transaction("write");
		await expect(client.execute("SELECT count(*) FROM here")).rejects.toThrow(/no such table/);
		await tx.rollback();
		client.close();
	});

	it("sets the per-connection pragmas on every connection, also one opened while a transaction holds the first", async () => {
		const url = `file:${join(dir, "pragmas.db")}`;
		const synchronous = async (client: { execute(sql: string): Promise<{ rows: ArrayLike<unknown>[] }> }) =>
			Number((await client.execute("PRAGMA synchronous")).rows[0]?.[0]);
		// SQLite's default is FULL (2): a connection the pragma never reached fsyncs every commit.
		const bare = createLocalClient({ url });
		const held = await bare.transaction("write");
		expect(await synchronous(bare)).toBe(2);
		await held.rollback();
		bare.close();
		const client = createLocalClient({ url, connectionPragmas: ["PRAGMA synchronous=NORMAL"] });
		const tx = await client.transaction("write");
		expect(await synchronous(tx)).toBe(1);
		expect(await synchronous(client)).toBe(1);
		await tx.commit();
		client.close();
		// The application's database: WAL, and NORMAL on every connection of its pool.
		const handle = createDatabase({ url });
		await handle.ready;
		// A read transaction holds a connection without the process's write lock (a PRAGMA takes it).
		const first = await handle.client.transaction("read");
		expect(await synchronous(first)).toBe(1);
		expect(await synchronous(handle.client)).toBe(1);
		expect(String((await handle.client.execute("PRAGMA journal_mode")).rows[0]?.[0])).toBe("wal");
		expect(Number((await handle.client.execute("PRAGMA foreign_keys")).rows[0]?.[0])).toBe(1);
		await first.rollback();
		handle.client.close();
	});

	it("an in-memory database has one connection: a call during a transaction says so", async () => {
		const client = createLocalClient({ url: ":memory:" });
		const tx = await client.transaction("write");
		await expect(client.execute("SELECT 1")).rejects.toMatchObject({ code: "TRANSACTION_ACTIVE" });
		await tx.commit();
		expect((await client.execute("SELECT 1 AS one")).rows[0]?.one).toBe(1);
		client.close();
	});

	it("kept read statements do not hold a snapshot: a checkpoint can still truncate the log", async () => {
		const url = `file:${join(dir, "wal.db")}`;
		const reader = createLocalClient({ url });
		const writer = createLocalClient({ url });
		await writer.execute("PRAGMA journal_mode=WAL");
		await writer.execute("CREATE TABLE w (n INTEGER)");
		await writer.execute("INSERT INTO w VALUES (1)");
		for (let i = 0; i < 3; i++) await reader.execute("SELECT n FROM w ORDER BY n DESC LIMIT 1");
		await writer.execute("INSERT INTO w VALUES (2)");
		const checkpoint = await writer.execute("PRAGMA wal_checkpoint(TRUNCATE)");
		expect(checkpoint.rows[0]?.[0]).toBe(0); // not busy
		expect((await reader.execute("SELECT max(n) AS n FROM w")).rows[0]?.n).toBe(2);
		reader.close();
		writer.close();
	});

	it("leaves checkpoints to a thread of their own when asked (the server), never to a commit", async () => {
		const file = join(dir, "background.db");
		const client = createLocalClient({ url: `file:${file}`, backgroundCheckpoints: { intervalMs: 20 } });
		await client.execute("PRAGMA journal_mode=WAL");
		expect((await client.execute("PRAGMA wal_autocheckpoint")).rows[0]?.[0]).toBe(0);
		await client.execute("CREATE TABLE big (data BLOB)");
		const before = (await stat(file)).size;
		// 1 500 pages of WAL: past SQLite's threshold of 1 000, where a commit would checkpoint.
		await client.batch(
			Array.from({ length: 1500 }, () => ({ sql: "INSERT INTO big VALUES (zeroblob(4000))", args: [] })),
			"write",
		);
		// The thread copies the log into the database file on its next turn (PASSIVE: no lock held).
		await vi.waitFor(async () => expect((await stat(file)).size).toBeGreaterThan(before + 4_000_000), {
			timeout: 10_000,
			interval: 20,
		});
		// Still no checkpoint by commits: the growth is the thread's work (were it gone, commits
		// would checkpoint again and this would read 1000).
		expect((await client.execute("PRAGMA wal_autocheckpoint")).rows[0]?.[0]).toBe(0);
		client.close();
	});

	it.runIf(process.platform === "linux")(
		"runs the checkpointing thread at the lowest priority, and only that thread",
		async () => {
			const niceOf = async (path: string) => {
				const stat = await readFile(path, "utf8").catch(() => "");
				return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
			};
			// The threads at nice 19, by id: other files of this worker may have left (or be closing)
			// a checkpointing thread of their own, so a count could stay the same.
			const lowest = async () => {
				const tasks = await readdir("/proc/self/task");
				const values = await Promise.all(tasks.map((task) => niceOf(`/proc/self/task/${task}/stat`)));
				return tasks.filter((_, index) => values[index] === 19);
			};
			const before = new Set(await lowest());
			const main = await niceOf("/proc/self/stat");
			const client = createLocalClient({
				url: `file:${join(dir, "nice.db")}`,
				backgroundCheckpoints: { intervalMs: 20 },
			});
			await vi.waitFor(
				async () => expect((await lowest()).filter((task) => !before.has(task))).toHaveLength(1),
				{ timeout: 10_000, interval: 20 },
			);
			expect(await niceOf("/proc/self/stat")).toBe(main);
			client.close();
		},
	);

	it("lets commits checkpoint as usual otherwise (scripts and tests)", async () => {
		const client = createLocalClient({ url: `file:${join(dir, "plain.db")}` });
		await client.execute("PRAGMA journal_mode=WAL");
		expect((await client.execute("PRAGMA wal_autocheckpoint")).rows[0]?.[0]).toBe(1000);
		client.close();
	});

	it("refuses a closed client", async () => {
		const client = createLocalClient({ url: ":memory:" });
		client.close();
		await expect(client.execute("SELECT 1")).rejects.toMatchObject({ code: "CLIENT_CLOSED" });
	});

	it("reads file URLs the way @libsql/client does", () => {
		expect(localPath("file:data/espace.db")).toEqual({ path: "data/espace.db", memory: false });
		expect(localPath("file:/tmp/a.db")).toEqual({ path: "/tmp/a.db", memory: false });
		expect(localPath("file:///tmp/a%20b.db")).toEqual({ path: "/tmp/a b.db", memory: false });
		expect(localPath(":memory:")).toEqual({ path: ":memory:", memory: true });
		expect(localPath("file::memory:")).toEqual({ path: ":memory:", memory: true });
		expect(() => localPath("file://example.com/a.db")).toThrow(LibsqlError);
	});
});
