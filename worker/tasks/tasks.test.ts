import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appendAuditEvent, recordAuditEvent } from "../../core/audit.ts";
import { createLogger } from "../../core/logger.ts";
import type { DatabaseHandle } from "../../db/client.ts";
import {
	accounts,
	jobs,
	oneTimeTokens,
	outgoingMails,
	persons,
	requests,
	sessions,
	taskRuns,
} from "../../schema/tables/index.ts";
import { createTestDatabase } from "../../tests/support/test-database.ts";
import { runDueTasks } from "../schedules.ts";
import { accountDeletion } from "./account-deletion.ts";
import { accountLifecycle } from "./account-lifecycle.ts";
import { auditVerify } from "./audit-verify.ts";
import { dataProtectionReminders } from "./data-protection-reminders.ts";
import { purgeExpiredAuth } from "./purge-expired-auth.ts";
import { securityLogPurge } from "./security-log-purge.ts";
import type { ScheduledTask, TaskContext } from "./task.ts";

const publicUrl = new URL("http://localhost:4321");
let handle: DatabaseHandle;

beforeEach(async () => {
	handle = await createTestDatabase();
});
afterEach(() => handle.client.close());

function context(now: Date): TaskContext {
	return { db: handle.db, logger: createLogger("silent"), now, config: { publicUrl, env: "test" } };
}

/** A staff account (its space needs no contract): enough for lifecycle rules that read `accessUntil`. */
async function createAccount(
	identifier: string,
	fields: Partial<typeof accounts.$inferInsert> = {},
): Promise<number> {
	const at = new Date("2024-01-01T00:00:00Z");
	const [person] = await handle.db
		.insert(persons)
		.values({
			lastName: "Martin",
			firstName: "Claire",
			birthDate: "1980-04-02",
			sex: "F",
			createdAt: at,
			updatedAt: at,
		})
		.returning({ id: persons.id });
	const [account] = await handle.db
		.insert(accounts)
		.values({
			identifier,
			space: "gestionnaire",
			staffPersonId: person?.id,
			email: `${identifier}@demo.espace.test`,
			state: "active",
			createdAt: at,
			updatedAt: at,
			...fields,
		})
		.returning({ id: accounts.id });
	return account?.id ?? 0;
}

async function mailsTo(address: string) {
	return handle.db.select().from(outgoingMails).where(eq(outgoingMails.toAddress, address));
}

describe("account lifecycle (article 7: two years after the end of the contract)", () => {
	// CGU art. 7
	it("warns 30 days, then 7 days before, once each, then closes the account and ends its sessions", async () => {
		const id = await createAccount("9000000101", { accessUntil: "2026-12-31" });
		await handle.db.insert(sessions).values({
			id: "s1",
			accountId: id,
			secretHash: "x",
			createdAt: new Date("2026-11-01T00:00:00Z"),
			lastUsedAt: new Date("2026-11-01T00:00:00Z"),
			expiresAt: new Date("2027-01-02T00:30:00Z"),
			absoluteExpiresAt: new Date("2027-01-02T12:00:00Z"),
		});
		const address = "9000000101@demo.espace.test";

		expect(await accountLifecycle.run(context(new Date("2026-11-30T02:30:00Z")))).toMatchObject({
			warned: 0,
		});
		expect(await accountLifecycle.run(context(new Date("2026-12-02T02:30:00Z")))).toMatchObject({
			warned: 1,
		});
		expect(await accountLifecycle.run(context(new Date("2026-12-03T02:30:00Z")))).toMatchObject({
			warned: 0,
		});
		expect(await accountLifecycle.run(context(new Date("2026-12-25T02:30:00Z")))).toMatchObject({
			warned: 1,
		});
		const warnings = await mailsTo(address);
		expect(warnings.map((mail) => mail.template)).toEqual(["account-closing-soon", "account-closing-soon"]);
		expect(warnings[0]?.textBody).toMatch(/30 jours/);
		expect(warnings[1]?.textBody).toMatch(/7 jours/);

		// Still usable on its last day.
		expect(await accountLifecycle.run(context(new Date("2026-12-31T20:00:00Z")))).toMatchObject({
			closed: 0,
		});
		expect(await accountLifecycle.run(context(new Date("2027-01-01T02:30:00Z")))).toMatchObject({
			closed: 1,
		});
		const [account] = await handle.db.select().from(accounts).where(eq(accounts.id, id));
		expect(account).toMatchObject({ state: "closed", stateReason: "access_period_ended" });
		expect(await handle.db.select().from(sessions)).toEqual([]);
		expect((await mailsTo(address)).map((mail) => mail.template)).toContain("account-closed");
		// Safe to run twice.
		expect(await accountLifecycle.run(context(new Date("2027-01-01T03:00:00Z")))).toMatchObject({
			closed: 0,
			warned: 0,
		});
	});
});

describe("account deletion on request", () => {
	// CGU art. 7
	it("is carried out after the grace period: credentials erased, sessions ended, request closed", async () => {
		const id = await createAccount("9000000102", {
			passwordHash: "$argon2id$…",
			totpSecret: "JBSWY3DPEHPK3PXP",
			totpEnabled: true,
		});
		const asked = new Date("2026-11-01T10:00:00Z");
		await handle.db.insert(requests).values({
			reference: "S2026-000001",
			kind: "account_deletion",
			accountId: id,
			payload: {},
			status: "received",
			createdAt: asked,
			updatedAt: asked,
		});
		expect(await accountDeletion.run(context(new Date("2026-11-10T02:30:00Z")))).toMatchObject({
			deleted: 0,
		});
		expect(await accountDeletion.run(context(new Date("2026-11-16T02:30:00Z")))).toMatchObject({
			deleted: 1,
		});
		const [account] = await handle.db.select().from(accounts).where(eq(accounts.id, id));
		expect(account).toMatchObject({
			state: "deleted",
			passwordHash: null,
			totpSecret: null,
			totpEnabled: false,
		});
		expect(account?.email).not.toContain("9000000102@");
		const [request] = await handle.db.select().from(requests);
		expect(request?.status).toBe("closed");
		expect((await mailsTo("9000000102@demo.espace.test")).map((mail) => mail.template)).toEqual([
			"account-closed",
		]);
		expect(await accountDeletion.run(context(new Date("2026-11-17T02:30:00Z")))).toMatchObject({
			requests: 0,
		});
	});
});

describe("data-protection reminders", () => {
	it("remind staff once of a request due within a week", async () => {
		await createAccount("9000000001");
		const received = new Date("2026-11-01T10:00:00Z");
		await handle.db.insert(requests).values({
			reference: "D2026-000001",
			kind: "data_protection",
			payload: { right: "erasure" },
			status: "received",
			createdAt: received,
			answerBy: new Date("2026-12-01T10:00:00Z"),
			updatedAt: received,
		});
		expect(await dataProtectionReminders.run(context(new Date("2026-11-20T02:30:00Z")))).toMatchObject({
			reminders: 0,
		});
		expect(await dataProtectionReminders.run(context(new Date("2026-11-25T02:30:00Z")))).toMatchObject({
			reminders: 1,
		});
		expect(await dataProtectionReminders.run(context(new Date("2026-11-26T02:30:00Z")))).toMatchObject({
			reminders: 0,
		});
		const [mail] = await mailsTo("9000000001@demo.espace.test");
		expect(mail?.subject).toMatch(/D2026-000001/);
	});
});

describe("purges", () => {
	it("delete expired sessions and tokens every 5 minutes", async () => {
		const id = await createAccount("9000000103");
		const now = new Date("2026-11-26T10:00:00Z");
		const base = {
			accountId: id,
			secretHash: "x",
			createdAt: now,
			lastUsedAt: now,
			absoluteExpiresAt: new Date("2026-11-26T20:00:00Z"),
		};
		await handle.db.insert(sessions).values([
			{ ...base, id: "idle", expiresAt: new Date("2026-11-26T09:59:00Z") },
			{ ...base, id: "alive", expiresAt: new Date("2026-11-26T10:20:00Z") },
		]);
		await handle.db.insert(oneTimeTokens).values([
			{
				tokenHash: "a",
				purpose: "reset",
				accountId: id,
				createdAt: now,
				expiresAt: new Date("2026-11-26T09:00:00Z"),
			},
			{
				tokenHash: "b",
				purpose: "reset",
				accountId: id,
				createdAt: now,
				expiresAt: new Date("2026-11-26T10:30:00Z"),
			},
		]);
		expect(await purgeExpiredAuth.run(context(now))).toEqual({ sessions: 1, tokens: 1 });
		expect((await handle.db.select().from(sessions)).map((s) => s.id)).toEqual(["alive"]);
	});

	it("delete delivery logs older than 12 months", async () => {
		const old = new Date("2025-10-01T00:00:00Z");
		await handle.db.insert(jobs).values({
			type: "mail.queued",
			payload: { mailId: 1 },
			status: "done",
			availableAt: old,
			createdAt: old,
			updatedAt: old,
		});
		expect(await securityLogPurge.run(context(new Date("2026-11-26T02:30:00Z")))).toMatchObject({ jobs: 1 });
	});
});

describe("audit verification", () => {
	it("passes on an intact chain and raises an alert job when an entry was altered", async () => {
		for (let i = 0; i < 5; i++) {
			await recordAuditEvent(handle.db, {
				occurredAt: new Date(`2026-11-26T09:0${i}:00Z`),
				accountId: 1,
				actorKind: "account",
				action: "auth.sign_in",
				outcome: "success",
			});
		}
		expect(await auditVerify.run(context(new Date("2026-11-26T02:30:00Z")))).toEqual({ checked: 5 });
		// Tampering through a raw connection, bypassing the triggers that refuse UPDATE.
		await handle.client.executeMultiple(`
			DROP TRIGGER audit_events_no_update;
			UPDATE audit_events SET action = 'auth.sign_out' WHERE seq = 3;
			UPDATE audit_events SET action = 'auth.sign_out' WHERE seq = 5;
		`);
		await expect(auditVerify.run(context(new Date("2026-11-27T02:30:00Z")))).rejects.toThrow(/entries 3, 5/);
		const [alert] = await handle.db.select().from(jobs).where(eq(jobs.type, "audit.chain_broken"));
		// Every broken link is named: a later tampering is not hidden behind the first.
		expect(alert?.payload).toMatchObject({ firstBrokenSeq: 3, brokenSeqs: [3, 5], brokenCount: 2 });
	});

	it("notices entries cut from the end of the chain since the last verification", async () => {
		await handle.db.transaction(
			async (tx) => {
				for (let i = 0; i < 3; i++) {
					await appendAuditEvent(tx, {
						occurredAt: new Date("2026-11-26T09:00:00Z"),
						actorKind: "system",
						action: "test",
						outcome: "success",
					});
				}
			},
			{ behavior: "immediate" },
		);
		const deps = {
			db: handle.db,
			logger: createLogger("silent"),
			config: { publicUrl, env: "test" as const },
			clock: () => new Date(),
		};
		await runDueTasks(deps, [auditVerify], new Date("2026-11-26T02:30:00Z"));
		await handle.client.executeMultiple(`
			DROP TRIGGER audit_events_no_delete;
			DELETE FROM audit_events WHERE seq = 3;
		`);
		const [report] = await runDueTasks(deps, [auditVerify], new Date("2026-11-27T02:30:00Z"));
		expect(report?.outcome).toBe("failure");
		const [alert] = await handle.db.select().from(jobs).where(eq(jobs.type, "audit.chain_broken"));
		expect(alert?.payload).toMatchObject({ firstBrokenSeq: 3 });
	});
});

describe("the schedule runner", () => {
	it("runs a slot once, even when asked twice or by two workers, and records the run", async () => {
		let runs = 0;
		const task: ScheduledTask = {
			name: "test",
			cron: "*/5 * * * *",
			description: "Tâche de test du planificateur.",
			run: async () => ({ runs: ++runs }),
		};
		const deps = {
			db: handle.db,
			logger: createLogger("silent"),
			config: { publicUrl, env: "test" as const },
			clock: () => new Date(),
		};
		const at = new Date("2026-11-26T10:06:00Z");
		const [a, b] = await Promise.all([runDueTasks(deps, [task], at), runDueTasks(deps, [task], at)]);
		expect([...(a ?? []), ...(b ?? [])]).toHaveLength(1);
		await runDueTasks(deps, [task], new Date("2026-11-26T10:09:59Z"));
		expect(runs).toBe(1);
		await runDueTasks(deps, [task], new Date("2026-11-26T10:10:00Z"));
		expect(runs).toBe(2);
		const recorded = await handle.db.select().from(taskRuns);
		expect(recorded.map((run) => [run.slot, run.outcome])).toEqual([
			["2026-11-26T10:05:00.000Z", "success"],
			["2026-11-26T10:10:00.000Z", "success"],
		]);
	});
});

describe("the CGU update notice", () => {
	// CGU art. 9
	it("tells every active account once, from 30 days before the new version's effective date", async () => {
		await createAccount("9000000201");
		const versions = async () => [
			{
				version: "1.0",
				effectiveDate: "2025-01-01",
				summary: "Version initiale",
				demo: false,
				url: "/cgu/1.0",
			},
			{
				version: "2.0",
				effectiveDate: "2026-12-01",
				summary: "Nouvelle version",
				demo: false,
				url: "/cgu/2.0",
			},
		];
		const { cguUpdateNotice } = await import("./cgu-update-notice.ts");
		const at = (iso: string) => ({ ...context(new Date(iso)), cguVersions: versions });
		expect(await cguUpdateNotice.run(at("2026-10-30T02:30:00Z"))).toEqual({ versions: 0, notices: 0 });
		expect(await cguUpdateNotice.run(at("2026-11-01T02:30:00Z"))).toEqual({ versions: 1, notices: 1 });
		expect(await cguUpdateNotice.run(at("2026-11-02T02:30:00Z"))).toEqual({ versions: 1, notices: 0 });
		const [mail] = await mailsTo("9000000201@demo.espace.test");
		expect(mail?.template).toBe("cgu-update");
		expect(mail?.textBody).toContain("http://localhost:4321/cgu/2.0/changements");
	});
});
