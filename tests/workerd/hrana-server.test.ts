// The Hrana test double (tests/support/hrana-server.ts) checked with the very client the Worker
// uses, @libsql/client/web, and with raw pipelines where the client hides the protocol.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Client, createClient, LibsqlError } from "@libsql/client/web";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type HranaServer, startHranaServer } from "../support/hrana-server.ts";
import { waitFor } from "../support/wait-for.ts";

const TOKEN = "test-token-for-the-hrana-double";
let dir: string;
let server: HranaServer;
let clients: Client[] = [];

function client(options: { intMode?: "number" | "bigint"; authToken?: string } = {}): Client {
	const created = createClient({ url: server.url, authToken: TOKEN, ...options });
	clients.push(created);
	return created;
}

async function pipeline(version: "v2" | "v3", body: unknown): Promise<Response> {
	return fetch(`${server.url}/${version}/pipeline`, {
		method: "POST",
		headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
		body: JSON.stringify(body),
	});
}

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), "espace-hrana-"));
	server = await startHranaServer({ path: join(dir, "test.db"), authToken: TOKEN, streamIdleMs: 300 });
	clients = [];
	await client().execute(
		"CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, price REAL, data BLOB, n INTEGER CHECK (n >= 0))",
	);
});

afterEach(async () => {
	for (const c of clients) c.close();
	clients = [];
	await server?.close();
	await rm(dir, { recursive: true, force: true });
});

describe("the Hrana-over-HTTP test double, through @libsql/client/web", () => {
	it("executes a statement with every value type and returns columns, declared types and row ids", async () => {
		const db = client();
		const inserted = await db.execute({
			sql: "INSERT INTO items (name, price, data, n) VALUES (?, ?, ?, ?)",
			args: ["crayon", 1.5, new Uint8Array([0, 1, 255]), null],
		});
		expect(inserted.rowsAffected).toBe(1);
		expect(inserted.lastInsertRowid).toBe(1n);
		const read = await db.execute("SELECT id, name, price, data, n, 2 + 2 AS four FROM items");
		expect(read.columns).toEqual(["id", "name", "price", "data", "n", "four"]);
		expect(read.columnTypes).toEqual(["INTEGER", "TEXT", "REAL", "BLOB", "INTEGER", ""]);
		const [row] = read.rows;
		expect(row?.id).toBe(1);
		expect(row?.name).toBe("crayon");
		expect(row?.price).toBe(1.5);
		expect(new Uint8Array(row?.data as ArrayBuffer)).toEqual(new Uint8Array([0, 1, 255]));
		expect(row?.n).toBeNull();
		expect(row?.four).toBe(4);
	});

	it("keeps 64-bit integers exact and binds named arguments", async () => {
		const db = client({ intMode: "bigint" });
		await db.execute({
			sql: "INSERT INTO items (name, n) VALUES (:name, $n)",
			args: { name: "big", n: 2n ** 62n + 1n },
		});
		const read = await db.execute({ sql: "SELECT n FROM items WHERE name = @name", args: { name: "big" } });
		expect(read.rows[0]?.n).toBe(2n ** 62n + 1n);
	});

	it("returns the rows and the count of an INSERT … RETURNING", async () => {
		const result = await client().execute({
			sql: "INSERT INTO items (name) VALUES (?), (?) RETURNING id, name",
			args: ["a", "b"],
		});
		expect(result.rows.map((r) => r.name)).toEqual(["a", "b"]);
		expect(result.rowsAffected).toBe(2);
	});

	it("runs a batch as one transaction: all of it, or nothing when a statement fails", async () => {
		const db = client();
		const results = await db.batch(
			[
				{ sql: "INSERT INTO items (name) VALUES (?)", args: ["x"] },
				{ sql: "INSERT INTO items (name) VALUES (?)", args: ["y"] },
				// The same text twice: the client stores it once on the stream (store_sql, sql_id).
				{ sql: "INSERT INTO items (name) VALUES (?)", args: ["z"] },
				"SELECT count(*) AS c FROM items",
			],
			"write",
		);
		expect(results[3]?.rows[0]?.c).toBe(3);
		const failing = db.batch(
			[
				{ sql: "INSERT INTO items (name) VALUES (?)", args: ["w"] },
				{ sql: "INSERT INTO items (name, n) VALUES (?, ?)", args: ["v", -1] },
			],
			"write",
		);
		await expect(failing).rejects.toMatchObject({ code: "SQLITE_CONSTRAINT" });
		const count = await db.execute("SELECT count(*) AS c FROM items");
		expect(count.rows[0]?.c).toBe(3);
	});

	it("keeps an interactive transaction on its stream across requests, until commit or rollback", async () => {
		const db = client();
		const other = client();
		const tx = await db.transaction("write");
		await tx.execute({ sql: "INSERT INTO items (name) VALUES (?)", args: ["pending"] });
		expect((await tx.execute("SELECT count(*) AS c FROM items")).rows[0]?.c).toBe(1);
		// Another stream reads the last committed state meanwhile (WAL), without waiting.
		expect((await other.execute("SELECT count(*) AS c FROM items")).rows[0]?.c).toBe(0);
		await tx.rollback();
		expect((await other.execute("SELECT count(*) AS c FROM items")).rows[0]?.c).toBe(0);

		const committed = await db.transaction("write");
		await committed.execute({ sql: "INSERT INTO items (name) VALUES (?)", args: ["kept"] });
		await committed.commit();
		expect((await other.execute("SELECT name FROM items")).rows.map((r) => r.name)).toEqual(["kept"]);
	});

	it("makes another stream's write wait for an open transaction instead of failing busy", async () => {
		const db = client();
		const tx = await db.transaction("write");
		await tx.execute({ sql: "INSERT INTO items (name) VALUES (?)", args: ["first"] });
		const second = client().execute({ sql: "INSERT INTO items (name) VALUES (?)", args: ["second"] });
		await tx.execute({ sql: "INSERT INTO items (name) VALUES (?)", args: ["first-bis"] });
		await tx.commit();
		await second;
		const names = (await db.execute("SELECT name FROM items ORDER BY id")).rows.map((r) => r.name);
		expect(names).toEqual(["first", "first-bis", "second"]);
	});

	it("runs a sequence of statements (executeMultiple)", async () => {
		const db = client();
		await db.executeMultiple("INSERT INTO items (name) VALUES ('p'); INSERT INTO items (name) VALUES ('q');");
		expect((await db.execute("SELECT count(*) AS c FROM items")).rows[0]?.c).toBe(2);
	});

	it("reports SQLite errors with their codes, and refuses a wrong token", async () => {
		const db = client();
		await expect(db.execute("SELEKT 1")).rejects.toMatchObject({ code: "SQLITE_ERROR" });
		await db.execute({ sql: "INSERT INTO items (name) VALUES (?)", args: ["dup"] });
		const duplicate = db.execute({ sql: "INSERT INTO items (name) VALUES (?)", args: ["dup"] });
		await expect(duplicate).rejects.toBeInstanceOf(LibsqlError);
		await expect(duplicate).rejects.toMatchObject({ code: "SQLITE_CONSTRAINT" });
		await expect(client({ authToken: "wrong" }).execute("SELECT 1")).rejects.toMatchObject({
			code: "UNAUTHORIZED",
		});
	});

	it("describes a statement: parameters, columns, read-only or not", async () => {
		const response = await pipeline("v2", {
			baton: null,
			requests: [
				{ type: "describe", sql: "SELECT name, price FROM items WHERE id = ? AND name = :name" },
				{ type: "store_sql", sql_id: 1, sql: "DELETE FROM items" },
				{ type: "describe", sql_id: 1 },
				{ type: "close" },
			],
		});
		const body = (await response.json()) as {
			baton: string | null;
			results: { response: { result?: unknown } }[];
		};
		expect(body.baton).toBeNull();
		expect(body.results[0]?.response.result).toEqual({
			params: [{ name: null }, { name: ":name" }],
			cols: [
				{ name: "name", decltype: "TEXT" },
				{ name: "price", decltype: "REAL" },
			],
			is_explain: false,
			is_readonly: true,
		});
		expect(body.results[2]?.response.result).toMatchObject({ params: [], cols: [], is_readonly: false });
	});

	it("ties a stream's requests by a new baton each time, and closes an abandoned stream", async () => {
		const first = await pipeline("v3", {
			baton: null,
			requests: [
				{ type: "execute", stmt: { sql: "BEGIN IMMEDIATE" } },
				{ type: "execute", stmt: { sql: "INSERT INTO items (name) VALUES ('abandoned')" } },
				{ type: "get_autocommit" },
			],
		});
		const body = (await first.json()) as {
			baton: string;
			results: { response: { is_autocommit?: boolean } }[];
		};
		expect(body.results[2]?.response.is_autocommit).toBe(false);
		const next = await pipeline("v3", { baton: body.baton, requests: [{ type: "get_autocommit" }] });
		const nextBody = (await next.json()) as { baton: string };
		expect(nextBody.baton).not.toBe(body.baton);
		expect((await pipeline("v3", { baton: body.baton, requests: [] })).status).toBe(400);
		// Left open: the server rolls it back after its idle time, and writes can go on.
		await waitFor(() => server.openStreams() === 0, 5000, "the abandoned stream to expire");
		await client().execute({ sql: "INSERT INTO items (name) VALUES (?)", args: ["after"] });
		const names = (await client().execute("SELECT name FROM items")).rows.map((r) => r.name);
		expect(names).toEqual(["after"]);
	});

	it("answers the version checks of HTTP v2 and v3 (JSON), and 404 for Protobuf", async () => {
		const get = (path: string) =>
			fetch(`${server.url}/${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
		expect((await get("v2")).status).toBe(200);
		expect((await get("v3")).status).toBe(200);
		expect((await get("v3-protobuf")).status).toBe(404);
	});
});
