import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/client.ts";
import type { AccountState } from "../schema/enums.ts";
import {
	type Account,
	accounts,
	auditEvents,
	oneTimeTokens,
	persons,
	sessions,
} from "../schema/tables/index.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import { closeAccount, mayChangeState, reopenAccount, suspendAccount } from "./account-state.ts";
import { verifyAuditChain } from "./audit.ts";
import { cryptoRandomBytes } from "./deps.ts";
import { createOneTimeToken } from "./one-time-token.ts";
import { createSession, generateSessionToken, validateSessionToken } from "./session.ts";

const now = new Date("2026-11-26T09:00:00.000Z");
const staff = { kind: "staff", via: "test" } as const;
let handle: DatabaseHandle;
let personId: number;
let next = 1;

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
	personId = person?.id ?? 0;
});

afterAll(() => handle.client.close());

/** A fresh account in the given state, with a password unless told otherwise. */
async function account(
	state: AccountState,
	passwordHash: string | null = "$argon2id$test",
): Promise<Account> {
	const identifier = `9${String(next++).padStart(9, "0")}`;
	const [row] = await handle.db
		.insert(accounts)
		.values({
			identifier,
			space: "gestionnaire",
			staffPersonId: personId,
			email: `${identifier}@demo.espace.test`,
			passwordHash,
			state,
			createdAt: now,
			updatedAt: now,
		})
		.returning();
	if (!row) throw new Error("account not written");
	return row;
}

async function withSession(target: Account): Promise<string> {
	const token = generateSessionToken(cryptoRandomBytes);
	await createSession(handle.db, { token, account: target, now, secondFactorVerified: true });
	return token;
}

async function reload(target: Account): Promise<Account> {
	const [row] = await handle.db.select().from(accounts).where(eq(accounts.id, target.id));
	if (!row) throw new Error("account vanished");
	return row;
}

function input(target: Pick<Account, "identifier">, reason = "vérification") {
	return { identifier: target.identifier, reason, now, actor: staff };
}

describe("suspending an account", () => {
	it("blocks it, ends every session at once, voids its links and records who did it", async () => {
		const target = await account("active");
		const token = await withSession(target);
		await withSession(target);
		await createOneTimeToken(handle.db, {
			purpose: "reset",
			accountId: target.id,
			now,
			randomBytes: cryptoRandomBytes,
		});
		await createOneTimeToken(handle.db, {
			purpose: "fraud_report",
			accountId: target.id,
			now,
			randomBytes: cryptoRandomBytes,
		});

		const result = await suspendAccount(handle.db, input(target, "contrôle de sécurité"));

		expect(result).toEqual({
			ok: true,
			accountId: target.id,
			from: "active",
			to: "suspended",
			sessionsEnded: 2,
		});
		expect(await reload(target)).toMatchObject({
			state: "suspended",
			stateReason: "contrôle de sécurité",
			suspendedAt: now,
		});
		expect(await handle.db.select().from(sessions).where(eq(sessions.accountId, target.id))).toEqual([]);
		expect((await validateSessionToken(handle.db, token, now)).session).toBeNull();
		const live = await handle.db
			.select({ purpose: oneTimeTokens.purpose })
			.from(oneTimeTokens)
			.where(and(eq(oneTimeTokens.accountId, target.id), isNull(oneTimeTokens.usedAt)));
		expect(live).toEqual([{ purpose: "fraud_report" }]);
		const [entry] = await handle.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.objectId, String(target.id)));
		expect(entry).toMatchObject({ actorKind: "staff", action: "account.state.suspend", outcome: "success" });
		expect(entry?.details).toMatchObject({ from: "active", to: "suspended", sessionsEnded: 2 });
	});

	it("suspends a pending account too, but not a suspended, closed or deleted one", async () => {
		expect(await suspendAccount(handle.db, input(await account("pending", null)))).toMatchObject({
			ok: true,
			to: "suspended",
		});
		for (const state of ["suspended", "closed", "deleted"] as const) {
			const target = await account(state);
			expect(await suspendAccount(handle.db, input(target)), state).toEqual({
				ok: false,
				reason: "transition_refused",
				from: state,
			});
			expect((await reload(target)).state).toBe(state);
		}
	});
});

describe("reopening an account", () => {
	it("makes a suspended account active again, clearing the suspension", async () => {
		const target = await account("active");
		await suspendAccount(handle.db, input(target));
		expect(await reopenAccount(handle.db, input(target))).toMatchObject({
			ok: true,
			from: "suspended",
			to: "active",
		});
		expect(await reload(target)).toMatchObject({ state: "active", stateReason: null, suspendedAt: null });
	});

	it("sends an account that never chose a password back to activation", async () => {
		const target = await account("suspended", null);
		expect(await reopenAccount(handle.db, input(target))).toMatchObject({ ok: true, to: "pending" });
	});

	it("reopens a closed account for staff only, never for a schedule", async () => {
		const target = await account("closed");
		const bySystem = await reopenAccount(handle.db, { ...input(target), actor: { kind: "system" } });
		expect(bySystem).toEqual({ ok: false, reason: "transition_refused", from: "closed" });
		expect(await reopenAccount(handle.db, input(target))).toMatchObject({
			ok: true,
			from: "closed",
			to: "active",
		});
		expect(mayChangeState("reopen", "closed", { kind: "system" })).toBe(false);
	});

	it("refuses an active, pending or deleted account", async () => {
		for (const state of ["active", "pending", "deleted"] as const) {
			expect(await reopenAccount(handle.db, input(await account(state))), state).toMatchObject({
				ok: false,
				from: state,
			});
		}
	});
});

describe("closing an account", () => {
	it("closes an active or suspended account and ends its sessions", async () => {
		const active = await account("active");
		await withSession(active);
		expect(await closeAccount(handle.db, input(active, "demande de l'adhérent"))).toMatchObject({
			ok: true,
			to: "closed",
			sessionsEnded: 1,
		});
		expect(await reload(active)).toMatchObject({
			state: "closed",
			closedAt: now,
			stateReason: "demande de l'adhérent",
		});
		expect(await closeAccount(handle.db, input(await account("suspended")))).toMatchObject({
			ok: true,
			from: "suspended",
		});
	});

	it("refuses a closed or deleted account: deleted is final", async () => {
		for (const state of ["closed", "deleted"] as const) {
			const target = await account(state);
			expect(await closeAccount(handle.db, input(target)), state).toMatchObject({
				ok: false,
				reason: "transition_refused",
			});
		}
	});
});

describe("every change", () => {
	it("answers an unknown identifier without writing anything", async () => {
		for (const change of [suspendAccount, reopenAccount, closeAccount]) {
			expect(await change(handle.db, input({ identifier: "9999999999" }))).toEqual({
				ok: false,
				reason: "unknown_account",
			});
		}
	});

	it("records refused changes too, and keeps the audit chain intact", async () => {
		const target = await account("deleted");
		await reopenAccount(handle.db, input(target));
		const [entry] = await handle.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.objectId, String(target.id)));
		expect(entry).toMatchObject({ action: "account.state.reopen", outcome: "denied" });
		expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true });
	});
});
