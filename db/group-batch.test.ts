// Group commit of write batches (db/group-batch.ts, ADR 0052): on the embedded database through
// the portal's own client (db/client.ts), and on a remote one through the client the Worker host
// uses (@libsql/client/web, db/client-web.ts) against the Hrana test double of Turso.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Client, type InStatement, LibsqlBatchError, type ResultSet } from "@libsql/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type HranaServer, startHranaServer } from "../tests/support/hrana-server.ts";
import { createDatabase } from "./client.ts";
import { createWebDatabase } from "./client-web.ts";
import {
	groupAcrossRequests,
	groupedBatch,
	groupsAcrossRequests,
	MAX_GROUP_STATEMENTS,
} from "./group-batch.ts";

let dir: string;
let path: string;
let hrana: HranaServer | undefined;
const opened: Client[] = [];

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), "espace-group-batch-"));
	path = join(dir, "group.db");
	const { client, ready } = createDatabase({ url: `file:${path}` });
	opened.push(client);
	await ready;
	await client.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
});

afterEach(async () => {
	for (const client of opened.splice(0)) client.close();
	await hrana?.close();
	hrana = undefined;
	await rm(dir, { recursive: true, force: true });
});

/** A client of the test's database, counting its batches (each one transaction, one commit). */
function counted(client: Client): { client: Client; batches: () => number } {
	let batches = 0;
	const wrapped = new Proxy(client, {
		get(target, property, receiver) {
			if (property === "batch")
				return (...args: Parameters<Client["batch"]>) => {
					batches++;
					return target.batch(...args);
				};
			const value = Reflect.get(target, property, receiver);
			return typeof value === "function" ? value.bind(target) : value;
		},
	});
	return { client: wrapped, batches: () => batches };
}

async function localClient(): Promise<{ client: Client; batches: () => number }> {
	const { client, ready } = createDatabase({ url: `file:${path}` });
	opened.push(client);
	await ready;
	const wrapped = counted(client);
	return { ...wrapped, client: groupAcrossRequests(wrapped.client) };
}

/** The Worker's client, as it is in workerd (not grouped), or grouped as a Node host's would be. */
async function webClient(grouped: boolean): Promise<{ client: Client; batches: () => number }> {
	hrana ??= await startHranaServer({ path });
	const { client } = createWebDatabase({ url: hrana.url });
	opened.push(client);
	const wrapped = counted(client);
	return grouped ? { ...wrapped, client: groupAcrossRequests(wrapped.client) } : wrapped;
}

const remoteClient = () => webClient(true);

/** What another connection sees: what is committed. */
async function committedNames(): Promise<string[]> {
	const { client } = createDatabase({ url: `file:${path}` });
	try {
		const rows = await client.execute("SELECT name FROM items ORDER BY id");
		return rows.rows.map((row) => String(row.name));
	} finally {
		client.close();
	}
}

const insert = (name: string): InStatement => ({ sql: "INSERT INTO items (name) VALUES (?)", args: [name] });
const count: InStatement = "SELECT count(*) AS n FROM items";
const countOf = (result: ResultSet | undefined) => Number(result?.rows[0]?.n);

describe.each([
	["the embedded database", localClient],
	["a remote database (Hrana, through the Worker's client)", remoteClient],
])("grouped batches on %s", (_, open) => {
	it("commits the batches queued together in one transaction, in order, each with its own results", async () => {
		const { client, batches } = await open();
		const [first, second, third] = await Promise.all([
			groupedBatch(client, [insert("a"), count]),
			groupedBatch(client, [count, insert("b"), insert("c"), count]),
			groupedBatch(client, [count]),
		]);
		expect(batches()).toBe(1);
		// Each member sees what the members queued before it wrote.
		expect(first?.map((result) => result.rowsAffected)).toEqual([1, 0]);
		expect(countOf(first?.[1])).toBe(1);
		expect(second).toHaveLength(4);
		expect(countOf(second?.[0])).toBe(1);
		expect(countOf(second?.[3])).toBe(3);
		expect(third?.map(countOf)).toEqual([3]);
		expect(await committedNames()).toEqual(["a", "b", "c"]);
	});

	it("answers no member before the group has committed: its rows are then visible to another connection", async () => {
		const { client } = await open();
		const seen: string[][] = [];
		const members = ["a", "b", "c"].map((name) =>
			groupedBatch(client, [insert(name)]).then(async () => {
				seen.push(await committedNames());
			}),
		);
		// Queued, not yet written: nothing is visible, and no member has been answered.
		expect(await committedNames()).toEqual([]);
		expect(seen).toEqual([]);
		await Promise.all(members);
		expect(seen).toEqual([
			["a", "b", "c"],
			["a", "b", "c"],
			["a", "b", "c"],
		]);
	});

	it("fails a member whose statement fails, alone: nothing of it is written, its neighbours commit", async () => {
		const { client, batches } = await open();
		const results = await Promise.allSettled([
			groupedBatch(client, [insert("a")]),
			// Its first insert succeeds, its second breaks the UNIQUE constraint on "a".
			groupedBatch(client, [insert("x"), insert("a")]),
			groupedBatch(client, [insert("b"), count]),
		]);
		expect(results[0]?.status).toBe("fulfilled");
		expect(results[2]?.status).toBe("fulfilled");
		if (results[2]?.status === "fulfilled") expect(countOf(results[2].value[1])).toBe(2);
		const failed = results[1];
		expect(failed?.status).toBe("rejected");
		if (failed?.status === "rejected") {
			expect(failed.reason).toBeInstanceOf(LibsqlBatchError);
			// The index within the member's own batch, as its own batch would have given it.
			expect((failed.reason as LibsqlBatchError).statementIndex).toBe(1);
			expect((failed.reason as LibsqlBatchError).code).toBe("SQLITE_CONSTRAINT");
			expect((failed.reason as Error).message).toMatch(/^SQLITE_CONSTRAINT: .*UNIQUE/);
		}
		expect(await committedNames()).toEqual(["a", "b"]);
		// The group, then the group without the failing member.
		expect(batches()).toBe(2);
	});

	it("queues the batches that arrive while a group is being written for the next group", async () => {
		const { client, batches } = await open();
		const first = groupedBatch(client, [insert("a")]);
		const second = first.then(() => groupedBatch(client, [insert("b"), count]));
		const third = groupedBatch(client, [insert("c")]);
		const [, secondResults] = await Promise.all([first, second, third]);
		expect(countOf(secondResults?.[1])).toBe(3);
		expect(batches()).toBe(2);
		expect(await committedNames()).toEqual(["a", "c", "b"]);
	});

	it("refuses a statement that would end the group's transaction, before anything runs", async () => {
		const { client, batches } = await open();
		await expect(groupedBatch(client, [insert("a"), "COMMIT"])).rejects.toThrow(/cannot begin or end/);
		expect(batches()).toBe(0);
		expect(await groupedBatch(client, [])).toEqual([]);
	});
});

describe("batches on a client not shared by one event loop (the Worker's, in workerd)", () => {
	it("run each on its own, so that no request waits on another's round trip", async () => {
		const { client, batches } = await webClient(false);
		const [first, second] = await Promise.all([
			groupedBatch(client, [insert("a"), count]),
			groupedBatch(client, [insert("b"), count]),
		]);
		expect(batches()).toBe(2);
		expect(countOf(first?.[1]) + countOf(second?.[1])).toBe(3);
		expect(await committedNames()).toEqual(["a", "b"]);
	});

	it("are grouped on the Node host's own clients, embedded or remote, and not on the Worker's", async () => {
		hrana ??= await startHranaServer({ path });
		const local = createDatabase({ url: `file:${path}` });
		const remote = createDatabase({ url: hrana.url });
		const worker = createWebDatabase({ url: hrana.url });
		opened.push(local.client, remote.client, worker.client);
		expect(groupsAcrossRequests(local.client)).toBe(true);
		expect(groupsAcrossRequests(local.db.$client)).toBe(true);
		expect(groupsAcrossRequests(remote.db.$client)).toBe(true);
		expect(groupsAcrossRequests(worker.db.$client)).toBe(false);
	});
});

describe("grouped batches on the embedded database", () => {
	it("runs each member on its own after an error that names no statement, so that only its batch fails", async () => {
		const { client, batches } = await localClient();
		const results = await Promise.allSettled([
			groupedBatch(client, [insert("a")]),
			// An argument the client refuses before SQLite sees it: the error names no statement.
			groupedBatch(client, [{ sql: "INSERT INTO items (name) VALUES (?)", args: [Number.NaN] }]),
			groupedBatch(client, [insert("b")]),
		]);
		expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
		expect(await committedNames()).toEqual(["a", "b"]);
		// The group (rolled back), then each member alone.
		expect(batches()).toBe(4);
	});

	it("splits a long queue into groups of at most MAX_GROUP_STATEMENTS statements", async () => {
		const { client, batches } = await localClient();
		const perMember = 10;
		const members = Math.ceil((MAX_GROUP_STATEMENTS * 2) / perMember) + 1;
		const all = await Promise.all(
			Array.from({ length: members }, (_, member) =>
				groupedBatch(
					client,
					Array.from({ length: perMember }, (_, index) => insert(`${member}-${index}`)),
				),
			),
		);
		expect(all.every((results) => results.length === perMember)).toBe(true);
		expect(batches()).toBe(3);
		expect(await committedNames()).toHaveLength(members * perMember);
	});
});
