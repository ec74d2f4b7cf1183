import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "../db/client.ts";
import { accounts, oneTimeTokens, persons } from "../schema/tables/index.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import {
	consumeOneTimeToken,
	createOneTimeToken,
	createSignInCode,
	invalidateTokens,
	pruneOneTimeTokens,
	verifySignInCode,
} from "./one-time-token.ts";

const T0 = new Date("2026-03-02T10:00:00Z");
const MINUTE = 60_000;
const later = (ms: number): Date => new Date(T0.getTime() + ms);
const randomBytes = (n: number): Uint8Array => crypto.getRandomValues(new Uint8Array(n));

let handle: DatabaseHandle;
let db: Database;
let accountId: number;

async function createAccount(identifier: string): Promise<number> {
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
	const [account] = await db
		.insert(accounts)
		.values({
			identifier,
			space: "gestionnaire",
			staffPersonId: person?.id,
			email: `${identifier}@demo.espace.test`,
			state: "active",
			createdAt: T0,
			updatedAt: T0,
		})
		.returning({ id: accounts.id });
	return account?.id ?? 0;
}

beforeEach(async () => {
	handle = await createTestDatabase();
	db = handle.db;
	accountId = await createAccount("4000000001");
});
afterEach(() => handle.client.close());

const reset = (now = T0) => createOneTimeToken(db, { purpose: "reset", accountId, now, randomBytes });

describe("link tokens", () => {
	it("carries at least 128 random bits and stores only their SHA-256", async () => {
		const { token, id } = await reset();
		// 20 bytes in base32: 32 characters of 5 bits = 160 bits.
		expect(token).toMatch(/^[a-z2-7]{32}$/);
		const [row] = await db.select().from(oneTimeTokens).where(eq(oneTimeTokens.id, id));
		expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(row)).not.toContain(token);
	});

	it("is spent once, then answers that it was used", async () => {
		const { token } = await createOneTimeToken(db, {
			purpose: "email_change",
			accountId,
			payload: { newEmail: "claire@example.fr" },
			now: T0,
			randomBytes,
		});
		expect(await consumeOneTimeToken(db, { token, purpose: "email_change", now: later(MINUTE) })).toEqual({
			ok: true,
			accountId,
			payload: { newEmail: "claire@example.fr" },
		});
		expect(await consumeOneTimeToken(db, { token, purpose: "email_change", now: later(MINUTE) })).toEqual({
			ok: false,
			reason: "used",
		});
	});

	it("lets only one of two concurrent clicks through", async () => {
		const { token } = await reset();
		const results = await Promise.all(
			Array.from({ length: 5 }, () => consumeOneTimeToken(db, { token, purpose: "reset", now: T0 })),
		);
		expect(results.filter((result) => result.ok)).toHaveLength(1);
	});

	it("expires a reset link after 30 minutes and refuses a longer lifetime", async () => {
		const { token, expiresAt } = await reset();
		expect(expiresAt).toEqual(later(30 * MINUTE));
		expect(await consumeOneTimeToken(db, { token, purpose: "reset", now: later(30 * MINUTE) })).toEqual({
			ok: false,
			reason: "expired",
		});
		await expect(
			createOneTimeToken(db, { purpose: "reset", accountId, ttlMs: 31 * MINUTE, now: T0, randomBytes }),
		).rejects.toThrow(RangeError);
	});

	it("honours a shorter lifetime and an activation link of 24 hours", async () => {
		const short = await createOneTimeToken(db, {
			purpose: "reset",
			accountId,
			ttlMs: 15 * MINUTE,
			now: T0,
			randomBytes,
		});
		expect(short.expiresAt).toEqual(later(15 * MINUTE));
		const activation = await createOneTimeToken(db, {
			purpose: "activation",
			accountId,
			now: T0,
			randomBytes,
		});
		expect(activation.expiresAt).toEqual(later(24 * 60 * MINUTE));
		expect(
			(
				await consumeOneTimeToken(db, {
					token: activation.token,
					purpose: "activation",
					now: later(23 * 60 * MINUTE),
				})
			).ok,
		).toBe(true);
	});

	it("refuses a token used for another purpose, and leaves it usable for its own", async () => {
		const { token } = await reset();
		expect(await consumeOneTimeToken(db, { token, purpose: "activation", now: T0 })).toEqual({
			ok: false,
			reason: "invalid",
		});
		expect((await consumeOneTimeToken(db, { token, purpose: "reset", now: T0 })).ok).toBe(true);
	});

	it("refuses an unknown token", async () => {
		expect(await consumeOneTimeToken(db, { token: "a".repeat(32), purpose: "reset", now: T0 })).toEqual({
			ok: false,
			reason: "invalid",
		});
	});

	it("voids the previous reset links when a new one is requested, and only those", async () => {
		const first = await reset();
		const activation = await createOneTimeToken(db, {
			purpose: "activation",
			accountId,
			now: T0,
			randomBytes,
		});
		expect(await invalidateTokens(db, accountId, "reset", later(MINUTE))).toBe(1);
		const second = await reset(later(MINUTE));
		expect(
			(await consumeOneTimeToken(db, { token: first.token, purpose: "reset", now: later(2 * MINUTE) })).ok,
		).toBe(false);
		expect(
			(await consumeOneTimeToken(db, { token: second.token, purpose: "reset", now: later(2 * MINUTE) })).ok,
		).toBe(true);
		expect(
			(
				await consumeOneTimeToken(db, {
					token: activation.token,
					purpose: "activation",
					now: later(2 * MINUTE),
				})
			).ok,
		).toBe(true);
	});

	it("prunes expired tokens", async () => {
		await reset();
		await createOneTimeToken(db, { purpose: "activation", accountId, now: T0, randomBytes });
		expect(await pruneOneTimeTokens(db, later(60 * MINUTE))).toBe(1);
		expect(await db.select().from(oneTimeTokens)).toHaveLength(1);
	});
});

describe("sign-in codes", () => {
	it("are six digits, valid 10 minutes, stored hashed", async () => {
		const { code, id, expiresAt } = await createSignInCode(db, { accountId, now: T0, randomBytes });
		expect(code).toMatch(/^\d{6}$/);
		expect(expiresAt).toEqual(later(10 * MINUTE));
		const [row] = await db.select().from(oneTimeTokens).where(eq(oneTimeTokens.id, id));
		expect(row?.purpose).toBe("sign_in_code");
		expect(row?.tokenHash).not.toContain(code);
		expect(await verifySignInCode(db, { accountId, code, now: later(10 * MINUTE) })).toEqual({
			ok: false,
			reason: "expired",
		});
	});

	it("are accepted once", async () => {
		const { code } = await createSignInCode(db, { accountId, now: T0, randomBytes });
		expect(await verifySignInCode(db, { accountId, code, now: later(MINUTE) })).toEqual({ ok: true });
		expect(await verifySignInCode(db, { accountId, code, now: later(MINUTE) })).toEqual({
			ok: false,
			reason: "expired",
		});
	});

	it("are void after 5 wrong guesses, even when the 6th is right", async () => {
		const { code } = await createSignInCode(db, { accountId, now: T0, randomBytes });
		const wrong = code === "000000" ? "000001" : "000000";
		for (let i = 0; i < 4; i++) {
			expect(await verifySignInCode(db, { accountId, code: wrong, now: T0 })).toEqual({
				ok: false,
				reason: "invalid",
			});
		}
		expect(await verifySignInCode(db, { accountId, code: wrong, now: T0 })).toEqual({
			ok: false,
			reason: "too_many_attempts",
		});
		expect((await verifySignInCode(db, { accountId, code, now: T0 })).ok).toBe(false);
	});

	it("compare at most 5 guesses however many arrive at once", async () => {
		const { code } = await createSignInCode(db, { accountId, now: T0, randomBytes });
		const guesses = Array.from({ length: 50 }, (_, i) =>
			String((Number(code) + 1 + i) % 1_000_000).padStart(6, "0"),
		);
		guesses[40] = code;
		const results = await Promise.all(
			guesses.map((guess) => verifySignInCode(db, { accountId, code: guess, now: T0 })),
		);
		expect(results.filter((result) => !result.ok && result.reason === "invalid").length).toBeLessThanOrEqual(
			5,
		);
		expect(results.some((result) => result.ok)).toBe(false);
	});

	it("a new code voids the previous one", async () => {
		const first = await createSignInCode(db, { accountId, now: T0, randomBytes });
		const second = await createSignInCode(db, { accountId, now: later(MINUTE), randomBytes });
		if (first.code !== second.code) {
			expect((await verifySignInCode(db, { accountId, code: first.code, now: later(MINUTE) })).ok).toBe(
				false,
			);
		}
		expect(await verifySignInCode(db, { accountId, code: second.code, now: later(MINUTE) })).toEqual({
			ok: true,
		});
	});

	it("belong to one account and, when bound, to one session", async () => {
		const other = await createAccount("4000000002");
		const { code } = await createSignInCode(db, { accountId, sessionId: "session-a", now: T0, randomBytes });
		expect((await verifySignInCode(db, { accountId: other, code, now: T0, sessionId: "session-a" })).ok).toBe(
			false,
		);
		expect(await verifySignInCode(db, { accountId, code, now: T0, sessionId: "session-b" })).toEqual({
			ok: false,
			reason: "invalid",
		});
		expect(await verifySignInCode(db, { accountId, code, now: T0 })).toEqual({
			ok: false,
			reason: "invalid",
		});
		expect(await verifySignInCode(db, { accountId, code, now: T0, sessionId: "session-a" })).toEqual({
			ok: true,
		});
	});

	it("refuse a malformed code without spending an attempt", async () => {
		const { code, id } = await createSignInCode(db, { accountId, now: T0, randomBytes });
		expect(await verifySignInCode(db, { accountId, code: "12a456", now: T0 })).toEqual({
			ok: false,
			reason: "invalid",
		});
		const [row] = await db.select().from(oneTimeTokens).where(eq(oneTimeTokens.id, id));
		expect(row?.attempts).toBe(0);
		expect(
			await verifySignInCode(db, { accountId, code: `${code.slice(0, 3)} ${code.slice(3)}`, now: T0 }),
		).toEqual({ ok: true });
	});

	it("draw uniform digits by rejection, not modulo", async () => {
		// 0xFFFFF (1 048 575) is above 999 999 and must be redrawn, not folded to 048 575.
		const draws = [
			[0x0f, 0xff, 0xff],
			[0x00, 0x00, 0x2a],
		];
		const scripted = (n: number): Uint8Array =>
			n === 3 ? Uint8Array.from(draws.shift() ?? [0, 0, 0]) : new Uint8Array(n);
		const { code } = await createSignInCode(db, { accountId, now: T0, randomBytes: scripted });
		expect(code).toBe("000042");
	});
});
