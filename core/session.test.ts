// The session read on every request: validateSessionToken decodes the joined row itself (not
// through drizzle's generic mapper), so its objects are checked against drizzle's own reading of
// the same rows, every column, with nulls, dates, flags and JSON filled in.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/client.ts";
import { accounts, persons, sessions } from "../schema/tables/index.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import { createSession, generateSessionToken, IDLE_TIMEOUT_MS, validateSessionToken } from "./session.ts";

const now = new Date("2026-11-26T09:00:00.000Z");
let handle: DatabaseHandle;
let accountId: number;
let counter = 0;
const randomBytes = (length: number) => new Uint8Array(length).fill(++counter);

beforeAll(async () => {
	handle = await createTestDatabase();
	const [person] = await handle.db
		.insert(persons)
		.values({
			lastName: "Moreau",
			firstName: "Claire",
			birthDate: "1980-02-03",
			sex: "F",
			createdAt: now,
			updatedAt: now,
		})
		.returning({ id: persons.id });
	const [account] = await handle.db
		.insert(accounts)
		.values({
			identifier: "9000000001",
			space: "gestionnaire",
			staffPersonId: person?.id ?? 0,
			email: "9000000001@demo.espace.test",
			emailVerifiedAt: new Date("2026-01-02T03:04:05.678Z"),
			passwordHash: "$argon2id$test",
			state: "active",
			createdAt: now,
			activatedAt: now,
			accessUntil: "2028-12-31",
			totpSecret: "JBSWY3DPEHPK3PXP",
			totpEnabled: true,
			totpEnabledAt: now,
			totpLastUsedStep: 123_456,
			recoveryCodeHashes: ["a".repeat(64), "b".repeat(64)],
			secondFactorMethod: "totp",
			updatedAt: now,
		})
		.returning({ id: accounts.id });
	accountId = account?.id ?? 0;
});

afterAll(() => handle.client.close());

async function newSession(): Promise<string> {
	const token = generateSessionToken(randomBytes);
	await createSession(handle.db, {
		token,
		account: { id: accountId, space: "gestionnaire" },
		now,
		userAgentLabel: "Firefox sur Linux",
		approximatePlace: null,
		secondFactorVerified: true,
	});
	return token;
}

describe("validateSessionToken", () => {
	it("gives the session and its account exactly as drizzle reads them", async () => {
		const token = await newSession();
		const id = token.split(".")[0] ?? "";
		const found = await validateSessionToken(handle.db, token, new Date(now.getTime() + 1000));
		const [session] = await handle.db.select().from(sessions).where(eq(sessions.id, id));
		const [account] = await handle.db.select().from(accounts).where(eq(accounts.id, accountId));
		expect(found.session).toStrictEqual(session);
		expect(found.account).toStrictEqual(account);
		expect(found.account?.recoveryCodeHashes).toEqual(["a".repeat(64), "b".repeat(64)]);
		expect(found.account?.totpEnabled).toBe(true);
		expect(found.session?.lastUsedAt).toBeInstanceOf(Date);
	});

	it("refuses an unknown id, a wrong secret and a malformed token", async () => {
		const token = await newSession();
		const [id, secret] = token.split(".") as [string, string];
		const later = new Date(now.getTime() + 1000);
		expect((await validateSessionToken(handle.db, `x${id}.${secret}`, later)).session).toBeNull();
		expect((await validateSessionToken(handle.db, `${id}.${secret}x`, later)).session).toBeNull();
		expect((await validateSessionToken(handle.db, id, later)).session).toBeNull();
	});

	it("ends an idle session and writes the last use at most once a minute", async () => {
		const token = await newSession();
		const id = token.split(".")[0] ?? "";
		const touched = new Date(now.getTime() + 2 * 60_000);
		const found = await validateSessionToken(handle.db, token, touched);
		expect(found.session?.lastUsedAt).toEqual(touched);
		const [stored] = await handle.db.select().from(sessions).where(eq(sessions.id, id));
		expect(stored?.lastUsedAt).toEqual(touched);
		expect(stored?.expiresAt).toEqual(new Date(touched.getTime() + IDLE_TIMEOUT_MS));
		const idle = new Date(touched.getTime() + IDLE_TIMEOUT_MS);
		expect((await validateSessionToken(handle.db, token, idle)).session).toBeNull();
		expect(await handle.db.select().from(sessions).where(eq(sessions.id, id))).toEqual([]);
	});
});
