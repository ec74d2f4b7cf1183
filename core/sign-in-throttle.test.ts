import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "../db/client.ts";
import { accounts, persons, signInThrottles } from "../schema/tables/index.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import {
	checkSignInAllowed,
	identifierDelayMs,
	pruneSignInThrottles,
	recordSignInFailure,
	recordSignInSuccess,
} from "./sign-in-throttle.ts";

const T0 = new Date("2026-03-02T10:00:00Z");
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

let handle: DatabaseHandle;
let db: Database;
let clock: number;

beforeEach(async () => {
	handle = await createTestDatabase();
	db = handle.db;
	clock = T0.getTime();
});
afterEach(() => handle.client.close());

const now = (): Date => new Date(clock);
const advance = (ms: number): void => {
	clock += ms;
};
const check = (identifier = "1000000001", ipKey = "ip-a") =>
	checkSignInAllowed(db, { identifier, ipKey, now: now() });
const fail = (identifier = "1000000001", ipKey = "ip-a") =>
	recordSignInFailure(db, { identifier, ipKey, now: now() });
const succeed = (identifier = "1000000001") => recordSignInSuccess(db, { identifier, now: now() });

/** One wrong password the way the route does it: the gate, then the outcome. */
async function attemptAndFail(identifier = "1000000001", ipKey = "ip-a"): Promise<void> {
	expect(await check(identifier, ipKey)).toEqual({ allowed: true });
	await fail(identifier, ipKey);
}

/** Waits out whatever delay is running, then fails once more. */
async function failAfterWaiting(identifier = "1000000001"): Promise<void> {
	const gate = await check(identifier);
	if (gate.allowed) return fail(identifier);
	advance(gate.retryAfterSeconds * SECOND);
	await attemptAndFail(identifier);
}

describe("sign-in throttle: per identifier (CNIL 2022-100 case 2)", () => {
	it("lets 5 failures through, then imposes a delay of one minute", async () => {
		for (let i = 0; i < 4; i++) await attemptAndFail();
		expect(await check()).toEqual({ allowed: true });
		await fail();
		expect(await check()).toEqual({ allowed: false, retryAfterSeconds: 60 });
		advance(59 * SECOND);
		expect(await check()).toEqual({ allowed: false, retryAfterSeconds: 1 });
		advance(SECOND);
		expect(await check()).toEqual({ allowed: true });
	});

	it("doubles the delay after each further failure, up to one hour", async () => {
		expect([5, 6, 7, 8, 9, 10, 11, 20, 1000].map((n) => identifierDelayMs(n) / MINUTE)).toEqual([
			1, 2, 4, 8, 16, 32, 60, 60, 60,
		]);
		for (let i = 0; i < 5; i++) await attemptAndFail();
		const delays: number[] = [];
		for (let i = 0; i < 3; i++) {
			const gate = await check();
			delays.push(gate.allowed ? 0 : gate.retryAfterSeconds);
			await failAfterWaiting();
		}
		expect(delays).toEqual([60, 120, 240]);
		expect(await check()).toEqual({ allowed: false, retryAfterSeconds: 480 });
	});

	it("allows at most 25 failures per 24 hours, then opens again by itself", async () => {
		for (let i = 0; i < 25; i++) await failAfterWaiting();
		const gate = await check();
		// Blocked until the window that the first failure opened ends, beyond any delay.
		expect(gate.allowed).toBe(false);
		const windowEnd = T0.getTime() + 24 * HOUR;
		expect(gate).toEqual({ allowed: false, retryAfterSeconds: Math.ceil((windowEnd - clock) / SECOND) });
		clock = windowEnd - SECOND;
		expect((await check()).allowed).toBe(false);
		clock = windowEnd;
		// A new window: 5 free failures again.
		for (let i = 0; i < 4; i++) await attemptAndFail();
		expect(await check()).toEqual({ allowed: true });
	});

	it("a success resets the consecutive failures but not the 24-hour count", async () => {
		for (let round = 0; round < 6; round++) {
			for (let i = 0; i < 4; i++) await attemptAndFail();
			expect(await check()).toEqual({ allowed: true });
			await succeed();
		}
		// 24 failures so far, never a delay; the 25th blocks until the end of the window.
		await attemptAndFail();
		const gate = await check();
		expect(gate.allowed).toBe(false);
		expect(gate.allowed ? 0 : gate.retryAfterSeconds).toBeGreaterThan(23 * 3600);
	});

	it("keeps identifiers apart and answers the same whether an account exists or not", async () => {
		const [person] = await db
			.insert(persons)
			.values({
				lastName: "Martin",
				firstName: "Claire",
				birthDate: "1980-04-02",
				sex: "F",
				createdAt: T0,
				updatedAt: T0,
			})
			.returning({ id: persons.id });
		await db.insert(accounts).values({
			identifier: "1000000001",
			space: "gestionnaire",
			staffPersonId: person?.id,
			email: "claire@demo.espace.test",
			state: "active",
			createdAt: T0,
			updatedAt: T0,
		});
		for (let i = 0; i < 5; i++) await attemptAndFail("1000000001");
		for (let i = 0; i < 5; i++) await attemptAndFail("9999999999");
		expect(await check("1000000001")).toEqual(await check("9999999999"));
		expect(await check("1000000002", "ip-b")).toEqual({ allowed: true });
		// What was typed, spaces aside, is the key: " 1000000001 " is the same identifier.
		expect((await check(" 1000000001 ")).allowed).toBe(false);
	});

	it("lets no more parallel attempts through than failures left before the delay", async () => {
		for (let i = 0; i < 3; i++) await attemptAndFail();
		const gates = await Promise.all(Array.from({ length: 20 }, () => check()));
		expect(gates.filter((gate) => gate.allowed)).toHaveLength(2);
		expect(gates.find((gate) => !gate.allowed)).toEqual({ allowed: false, retryAfterSeconds: 1 });
		await fail();
		await fail();
		expect(await check()).toEqual({ allowed: false, retryAfterSeconds: 60 });
	});

	it("frees the slot of an attempt left without outcome after a few seconds", async () => {
		for (let i = 0; i < 5; i++) await failAfterWaiting();
		advance(MINUTE);
		expect(await check()).toEqual({ allowed: true });
		// The route never recorded the outcome (a crash, a dropped connection…).
		expect(await check()).toEqual({ allowed: false, retryAfterSeconds: 1 });
		advance(15 * SECOND);
		expect(await check()).toEqual({ allowed: true });
	});

	it("does not count a success as pending: a user may sign in again and again", async () => {
		for (let i = 0; i < 30; i++) {
			expect(await check()).toEqual({ allowed: true });
			await succeed();
		}
	});
});

describe("sign-in throttle: per client and global", () => {
	it("holds a client after 50 failures in an hour, whatever identifiers it tries", async () => {
		for (let i = 0; i < 50; i++) await attemptAndFail(String(2_000_000_000 + i), "ip-a");
		expect(await check("3000000001", "ip-a")).toEqual({ allowed: false, retryAfterSeconds: 3600 });
		expect(await check("3000000001", "ip-b")).toEqual({ allowed: true });
		advance(HOUR);
		expect(await check("3000000001", "ip-a")).toEqual({ allowed: true });
	});

	it("does not hold everyone below 1 000 failures a minute", async () => {
		for (let i = 0; i < 100; i++) await fail(String(2_000_000_000 + i), `ip-${i % 10}`);
		expect(await check("4000000001", "ip-fresh")).toEqual({ allowed: true });
	});

	it("holds everyone for the rest of the minute after 1 000 failures across the site", async () => {
		// 999 failures spread over many identifiers and clients, then one more.
		await db.insert(signInThrottles).values({
			key: "global",
			scope: "global",
			consecutiveFailures: 999,
			windowFailures: 999,
			windowStartedAt: now(),
		});
		await fail("2000000000", "ip-z");
		expect((await check("2000000001", "ip-y")).allowed).toBe(false);
		advance(20 * SECOND);
		expect(await check("4000000001", "ip-fresh")).toEqual({ allowed: false, retryAfterSeconds: 40 });
		advance(40 * SECOND);
		expect(await check("4000000001", "ip-fresh")).toEqual({ allowed: true });
	});

	it("stores identifiers, keyed client hashes and one global counter", async () => {
		await attemptAndFail("1000000001", "0123abcd");
		const keys = (await db.select().from(signInThrottles)).map((row) => `${row.scope}=${row.key}`).sort();
		expect(keys).toEqual(["global=global", "identifier=identifier:1000000001", "ip=ip:0123abcd"]);
	});

	it("prunes counters once their window and block are over", async () => {
		for (let i = 0; i < 5; i++) await attemptAndFail();
		advance(2 * MINUTE);
		expect(await pruneSignInThrottles(db, now())).toBe(1);
		advance(24 * HOUR);
		expect(await pruneSignInThrottles(db, now())).toBe(2);
		expect(await pruneSignInThrottles(db, now())).toBe(0);
	});
});
