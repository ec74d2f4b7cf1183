// Prepared queries run as one batch (db/batch.ts): each result mapped as the query's own `.all()`
// maps it (columns by name, instants as dates), alone or committed with other requests' batches
// (ADR 0052), on the embedded database and through the Worker's remote client.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rateLimitBuckets } from "../schema/tables/index.ts";
import { type HranaServer, startHranaServer } from "../tests/support/hrana-server.ts";
import { runBatch, runGroupedBatch } from "./batch.ts";
import { createDatabase, type Database } from "./client.ts";
import { createWebDatabase } from "./client-web.ts";
import { migrateDatabase } from "./migrate.ts";
import { rowValuesOf } from "./row-values.ts";

let dir: string;
let hrana: HranaServer;
const closers: (() => void)[] = [];

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), "espace-batch-"));
	const path = join(dir, "batch.db");
	const { client, db, ready } = createDatabase({ url: `file:${path}` });
	await ready;
	await migrateDatabase(db);
	closers.push(() => client.close());
	hrana = await startHranaServer({ path });
}, 60_000);

afterAll(async () => {
	for (const close of closers) close();
	await hrana?.close();
	await rm(dir, { recursive: true, force: true });
});

function localDatabase(): Database {
	const { client, db } = createDatabase({ url: `file:${join(dir, "batch.db")}` });
	closers.push(() => client.close());
	return db;
}

function remoteDatabase(): Database {
	const { client, db } = createWebDatabase({ url: hrana.url });
	closers.push(() => client.close());
	return db;
}

function queries(db: Database) {
	return {
		count: db
			.insert(rateLimitBuckets)
			.values({ key: sql.placeholder("key"), count: 1, windowStartedAt: sql.placeholder("at") })
			.onConflictDoUpdate({
				target: rateLimitBuckets.key,
				set: { count: sql`${rateLimitBuckets.count} + 1` },
			})
			.returning({ count: rateLimitBuckets.count, since: rateLimitBuckets.windowStartedAt })
			.prepare(),
		list: db
			.select({
				key: rateLimitBuckets.key,
				count: rateLimitBuckets.count,
				since: rateLimitBuckets.windowStartedAt,
			})
			.from(rateLimitBuckets)
			.where(sql`${rateLimitBuckets.key} LIKE ${sql.placeholder("prefix")}`)
			.orderBy(asc(rateLimitBuckets.key))
			.prepare(),
	};
}

describe.each([
	["the embedded database", localDatabase],
	["a remote database (the Worker's client)", remoteDatabase],
])("batches of prepared queries on %s", (name, open) => {
	const at = new Date("2026-12-06T07:00:00.000Z");
	const prefix = `batch:${name.length}:`;

	it("maps each result as the query's own .all() does, alone and grouped", async () => {
		const db = open();
		const query = queries(db);
		const [first, listed] = await runBatch(db, "write", [
			{ all: query.count, values: { key: `${prefix}a`, at } },
			{ all: query.list, values: { prefix: `${prefix}%` } },
		]);
		expect(first).toEqual([{ count: 1, since: at }]);
		expect(listed).toEqual(await query.list.all({ prefix: `${prefix}%` }));
		const [a, b] = await Promise.all([
			runGroupedBatch(db, [
				{ all: query.count, values: { key: `${prefix}a`, at } },
				{ all: query.count, values: { key: `${prefix}b`, at } },
			]),
			runGroupedBatch(db, [{ all: query.list, values: { prefix: `${prefix}%` } }]),
		]);
		expect(a).toEqual([[{ count: 2, since: at }], [{ count: 1, since: at }]]);
		expect(b).toEqual([
			[
				{ key: `${prefix}a`, count: 2, since: at },
				{ key: `${prefix}b`, count: 1, since: at },
			],
		]);
	});
});

describe("the rows' values", () => {
	it("are the local client's rows' own array, in column order; other clients' rows have none", async () => {
		const local = await localDatabase().$client.execute("SELECT 1 AS one, 'deux' AS two");
		const [row] = local.rows;
		expect(row && rowValuesOf(row)).toEqual([1, "deux"]);
		const remote = await remoteDatabase().$client.execute("SELECT 1 AS one, 'deux' AS two");
		expect(remote.rows[0] && rowValuesOf(remote.rows[0])).toBeUndefined();
	});
});
