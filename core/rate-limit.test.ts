import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "../db/client.ts";
import { rateLimitBuckets } from "../schema/tables/index.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import { consumeRateLimit, pruneRateLimitBuckets, releaseRateLimit } from "./rate-limit.ts";

const T0 = new Date("2026-03-02T10:00:00Z");
const MINUTE = 60_000;
const later = (ms: number): Date => new Date(T0.getTime() + ms);

let handle: DatabaseHandle;
let db: Database;

beforeEach(async () => {
	handle = await createTestDatabase();
	db = handle.db;
});
afterEach(() => handle.client.close());

const emails = (now: Date) =>
	consumeRateLimit(db, { key: "reset_email:ip:abc", limit: 3, windowMs: 10 * MINUTE, now });

describe("rate limit", () => {
	it("allows `limit` requests per window and counts down what remains", async () => {
		expect(await emails(T0)).toEqual({ ok: true, remaining: 2 });
		expect(await emails(later(1000))).toEqual({ ok: true, remaining: 1 });
		expect(await emails(later(2000))).toEqual({ ok: true, remaining: 0 });
	});

	it("refuses the next one with the seconds left until the window ends", async () => {
		for (let i = 0; i < 3; i++) await emails(T0);
		expect(await emails(later(4 * MINUTE))).toEqual({ ok: false, retryAfterSeconds: 6 * 60 });
		expect(await emails(later(10 * MINUTE - 1))).toEqual({ ok: false, retryAfterSeconds: 1 });
	});

	it("starts a new window once the previous one is over", async () => {
		for (let i = 0; i < 4; i++) await emails(T0);
		expect(await emails(later(10 * MINUTE))).toEqual({ ok: true, remaining: 2 });
		const [bucket] = await db.select().from(rateLimitBuckets);
		expect(bucket?.windowStartedAt).toEqual(later(10 * MINUTE));
		expect(bucket?.count).toBe(1);
	});

	it("keeps keys apart", async () => {
		for (let i = 0; i < 3; i++) await emails(T0);
		const other = await consumeRateLimit(db, {
			key: "reset_email:ip:def",
			limit: 3,
			windowMs: MINUTE,
			now: T0,
		});
		expect(other).toEqual({ ok: true, remaining: 2 });
	});

	// CGU art. 6
	it("never lets concurrent requests exceed the limit", async () => {
		const results = await Promise.all(
			Array.from({ length: 20 }, () =>
				consumeRateLimit(db, { key: "rights_check:account:1", limit: 5, windowMs: MINUTE, now: T0 }),
			),
		);
		expect(results.filter((result) => result.ok)).toHaveLength(5);
		const remaining = results.flatMap((result) => (result.ok ? [result.remaining] : [])).sort();
		expect(remaining).toEqual([0, 1, 2, 3, 4]);
	});

	it("prunes buckets of old windows only", async () => {
		await emails(T0);
		await consumeRateLimit(db, {
			key: "bank_details:account:1",
			limit: 1,
			windowMs: MINUTE,
			now: later(60 * MINUTE),
		});
		expect(await pruneRateLimitBuckets(db, later(30 * MINUTE))).toBe(1);
		expect(await pruneRateLimitBuckets(db, later(30 * MINUTE))).toBe(0);
		const keys = (await db.select().from(rateLimitBuckets)).map((bucket) => bucket.key);
		expect(keys).toEqual(["bank_details:account:1"]);
	});

	it("gives a slot back on release, never going below zero", async () => {
		for (let i = 0; i < 3; i++) await emails(T0);
		await releaseRateLimit(db, "reset_email:ip:abc");
		expect(await emails(T0)).toEqual({ ok: true, remaining: 0 });
		for (let i = 0; i < 5; i++) await releaseRateLimit(db, "reset_email:ip:abc");
		await releaseRateLimit(db, "unknown:key");
		const [bucket] = await db.select().from(rateLimitBuckets);
		expect(bucket?.count).toBe(0);
	});
});
