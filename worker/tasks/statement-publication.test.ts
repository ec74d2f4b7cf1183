// The nightly publication of the previous month's statements: which month "previous" is in Paris,
// a run and its repetition, and the whole path through the real worker down to the e-mail in the
// local mailbox.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../core/logger.ts";
import type { DatabaseHandle } from "../../db/client.ts";
import { jobs, outgoingMails, statements, taskRuns } from "../../schema/tables/index.ts";
import {
	addLine,
	createCatalogue,
	createMember,
	type FixtureMember,
} from "../../tests/support/statement-fixture.ts";
import { createTestDatabase } from "../../tests/support/test-database.ts";
import { createWorker } from "../index.ts";
import { createMailboxMailer } from "../mail/mailbox-mailer.ts";
import { scheduledTasks } from "../registry.ts";
import { previousMonth, statementPublication } from "./statement-publication.ts";
import type { TaskContext } from "./task.ts";

const publicUrl = new URL("http://localhost:4321");
let handle: DatabaseHandle;
let member: FixtureMember;

beforeEach(async () => {
	handle = await createTestDatabase();
	await createCatalogue(handle.db);
	member = await createMember(handle.db, 1, "Anne");
	const amounts = { paidTo: "member", chargedCents: 3000, ssPaidCents: 1900, mutuelleCents: 900 } as const;
	await addLine(handle.db, member, { careDate: "2026-12-30", paymentDate: "2026-12-31", ...amounts });
	await addLine(handle.db, member, { careDate: "2026-12-30", paymentDate: "2027-01-01", ...amounts });
});
afterEach(() => handle.client.close());

function context(now: Date): TaskContext {
	return { db: handle.db, logger: createLogger("silent"), now, config: { publicUrl, env: "test" } };
}

describe("the previous month", () => {
	it("is the calendar month before today's in Paris, across a year", () => {
		expect(previousMonth(new Date("2027-01-03T02:30:00Z"))).toBe("2026-12");
		expect(previousMonth(new Date("2026-11-26T09:00:00Z"))).toBe("2026-10");
		expect(previousMonth(new Date("2026-03-31T02:30:00Z"))).toBe("2026-02");
	});

	it("changes at midnight in Paris, not in UTC", () => {
		// Winter (UTC+1): 31 December 23:59:59, then 1 January 00:00 in Paris.
		expect(previousMonth(new Date("2026-12-31T22:59:59Z"))).toBe("2026-11");
		expect(previousMonth(new Date("2026-12-31T23:00:00Z"))).toBe("2026-12");
		// Summer (UTC+2): 30 June 23:59:59, then 1 July 00:00 in Paris.
		expect(previousMonth(new Date("2026-06-30T21:59:59Z"))).toBe("2026-05");
		expect(previousMonth(new Date("2026-06-30T22:00:00Z"))).toBe("2026-06");
	});
});

describe("the statement publication task", () => {
	it("is in the registry and runs every night with the other daily tasks", () => {
		expect(scheduledTasks).toContain(statementPublication);
		expect(statementPublication.cron).toBe("30 2 * * *");
	});

	it("publishes the previous month once, and nothing when it runs again", async () => {
		// 23:30 UTC on 31 December is already 1 January in Paris: December is over.
		expect(await statementPublication.run(context(new Date("2026-12-31T23:30:00Z")))).toEqual({
			members: 1,
			statements: 1,
			lines: 1,
			lateLines: 0,
		});
		const [december] = await handle.db.select().from(statements);
		expect(december).toMatchObject({ month: "2026-12", lineCount: 1, chargedCents: 3000 });
		expect(await statementPublication.run(context(new Date("2027-01-03T02:30:00Z")))).toEqual({
			members: 0,
			statements: 0,
			lines: 0,
			lateLines: 0,
		});
		expect(await handle.db.$count(statements)).toBe(1);
		expect(await handle.db.$count(jobs, eq(jobs.type, "statement.published"))).toBe(1);
	});

	it("publishes nothing of a month still under way in Paris", async () => {
		// 23:59:59 on 31 December in Paris: the previous month is November, which has no payment.
		expect(await statementPublication.run(context(new Date("2026-12-31T22:59:59Z")))).toEqual({
			members: 0,
			statements: 0,
			lines: 0,
			lateLines: 0,
		});
		expect(await handle.db.$count(statements)).toBe(0);
	});

	it("ends, through the worker, with the 'statement available' e-mail in the mailbox", async () => {
		const now = new Date("2027-01-01T02:30:00Z");
		const worker = createWorker(
			{
				db: handle.db,
				logger: createLogger("silent"),
				clock: () => now,
				random: () => 0,
				mailer: createMailboxMailer(),
				config: { publicUrl, env: "test" },
			},
			[statementPublication],
		);
		const report = await worker.tick();
		expect(report.schedules).toEqual([
			{
				name: "statement-publication",
				slot: "2027-01-01T02:30:00.000Z",
				outcome: "success",
				counts: { members: 1, statements: 1, lines: 1, lateLines: 0 },
			},
		]);
		// The statement's message, then the delivery of the e-mail it queued.
		expect(report.jobs).toEqual({ done: 2, retry: 0, deferred: 0, dead: 0, lost: 0 });
		const [statement] = await handle.db.select().from(statements);
		const mails = await handle.db.select().from(outgoingMails);
		expect(mails).toHaveLength(1);
		expect(mails[0]).toMatchObject({
			toAddress: member.email,
			template: "statement-available",
			status: "sent",
			idempotencyKey: `statement-available/${statement?.id}`,
		});
		expect(mails[0]?.textBody).toContain("http://localhost:4321/adherent/releves");
		expect(`${mails[0]?.subject}\n${mails[0]?.textBody}`).not.toMatch(/€|\d+,\d{2}/);
		const [run] = await handle.db.select().from(taskRuns);
		expect(run).toMatchObject({ taskName: "statement-publication", outcome: "success" });
	});
});
