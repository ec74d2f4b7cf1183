// The publication of the monthly statements on a few hand-made members whose totals are written
// down here: one statement per member paid in the month, its lines and transfers linked, one
// message each in the outbox, nothing more on a second run, and lines paid the next month kept for
// the next month's statement.
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.ts";
import { auditEvents, jobs, memberPayments, prestations, statements } from "../../schema/tables/index.ts";
import { createSeededTestDatabase } from "../../tests/support/demo.ts";
import {
	addLine,
	addPayment,
	createCatalogue,
	createMember,
	type FixtureMember,
} from "../../tests/support/statement-fixture.ts";
import { createTestDatabase } from "../../tests/support/test-database.ts";
import { verifyAuditChain } from "../audit.ts";
import { checkStatementMonth, publishStatements } from "./statement-publication.ts";

const OCTOBER_DONE = new Date("2026-11-02T02:30:00Z");
const NOVEMBER_DONE = new Date("2026-12-01T02:30:00Z");
let handle: DatabaseHandle;
let anne: FixtureMember;
let bruno: FixtureMember;
let claire: FixtureMember;
let denis: FixtureMember;
const line: Record<string, number> = {};
const payment: Record<string, number> = {};

beforeAll(async () => {
	handle = await createTestDatabase();
	const { db } = handle;
	await createCatalogue(db);
	// In this order, two members per batch: Anne and Claire, then Denis and Bruno.
	anne = await createMember(db, 1, "Anne");
	claire = await createMember(db, 3, "Claire");
	denis = await createMember(db, 4, "Denis");
	bruno = await createMember(db, 2, "Bruno");
	const paid = { chargedCents: 3000, ssPaidCents: 1900, mutuelleCents: 900 };
	// Anne: cared for in September, paid on 1 October: October's statement.
	line.anneFirstDay = await addLine(db, anne, {
		careDate: "2026-09-28",
		paymentDate: "2026-10-01",
		paidTo: "member",
		...paid,
	});
	line.anneMiddle = await addLine(db, anne, {
		careDate: "2026-10-12",
		paymentDate: "2026-10-15",
		paidTo: "member",
		chargedCents: 5000,
		ssPaidCents: 2005,
		mutuelleCents: 2520,
	});
	line.anneTiersPayant = await addLine(db, anne, {
		careDate: "2026-10-20",
		paymentDate: "2026-10-31",
		paidTo: "professional",
		chargedCents: 1000,
		ssPaidCents: 550,
		mutuelleCents: 350,
	});
	line.anneNextMonth = await addLine(db, anne, {
		careDate: "2026-10-28",
		paymentDate: "2026-11-02",
		paidTo: "member",
		...paid,
	});
	line.anneUnpaid = await addLine(db, anne, {
		careDate: "2026-10-30",
		paymentDate: null,
		paidTo: "member",
		...paid,
	});
	line.annePreviousMonth = await addLine(db, anne, {
		careDate: "2026-09-10",
		paymentDate: "2026-09-30",
		paidTo: "member",
		...paid,
	});
	payment.anneFirstDay = await addPayment(db, anne, "2026-10-01", 900);
	payment.anneMiddle = await addPayment(db, anne, "2026-10-15", 2520);
	payment.anneNextMonth = await addPayment(db, anne, "2026-11-02", 900);
	payment.annePreviousMonth = await addPayment(db, anne, "2026-09-30", 900);
	line.bruno = await addLine(db, bruno, {
		careDate: "2026-10-05",
		paymentDate: "2026-10-08",
		paidTo: "professional",
		chargedCents: 12000,
		ssPaidCents: 7200,
		mutuelleCents: 4800,
	});
	// Claire: nothing paid in October (one line paid in November, one not paid at all).
	line.claireNextMonth = await addLine(db, claire, {
		careDate: "2026-10-29",
		paymentDate: "2026-11-02",
		paidTo: "member",
		...paid,
	});
	line.claireUnpaid = await addLine(db, claire, {
		careDate: "2026-10-03",
		paymentDate: null,
		paidTo: "member",
		...paid,
	});
});
afterAll(() => handle.client.close());

function statementsOf(member: FixtureMember) {
	return handle.db.select().from(statements).where(eq(statements.memberId, member.memberId));
}

async function statementOf(member: FixtureMember, month: string) {
	const [row] = await handle.db
		.select()
		.from(statements)
		.where(and(eq(statements.memberId, member.memberId), eq(statements.month, month)));
	if (!row) throw new Error(`no statement of ${month}`);
	return row;
}

async function statementOfLine(id: number | undefined) {
	const [row] = await handle.db
		.select({ statementId: prestations.statementId })
		.from(prestations)
		.where(eq(prestations.id, id ?? 0));
	return row?.statementId;
}

async function statementOfPayment(id: number | undefined) {
	const [row] = await handle.db
		.select({ statementId: memberPayments.statementId })
		.from(memberPayments)
		.where(eq(memberPayments.id, id ?? 0));
	return row?.statementId;
}

function publishedJobs() {
	return handle.db.select().from(jobs).where(eq(jobs.type, "statement.published")).orderBy(jobs.id);
}

describe("the months that can be published", () => {
	it("are well-formed months that are over in Paris", () => {
		const now = new Date("2026-11-26T09:00:00Z");
		expect(checkStatementMonth("2026-13", now)).toBe("malformed_month");
		expect(checkStatementMonth("2026-00", now)).toBe("malformed_month");
		expect(checkStatementMonth("2026-1", now)).toBe("malformed_month");
		expect(checkStatementMonth("octobre", now)).toBe("malformed_month");
		expect(checkStatementMonth("2026-11", now)).toBe("month_not_ended");
		expect(checkStatementMonth("2027-01", now)).toBe("month_not_ended");
		expect(checkStatementMonth("2026-10", now)).toBeNull();
		expect(checkStatementMonth("2025-12", now)).toBeNull();
		// 23:59:59 on 31 October in Paris (UTC+1 since the 25th), then 00:00 on 1 November.
		expect(checkStatementMonth("2026-10", new Date("2026-10-31T22:59:59Z"))).toBe("month_not_ended");
		expect(checkStatementMonth("2026-10", new Date("2026-10-31T23:00:00Z"))).toBeNull();
	});

	it("are checked before anything is written", async () => {
		await expect(
			publishStatements(handle.db, { month: "2026-11", now: new Date("2026-11-30T22:00:00Z") }),
		).rejects.toThrow(RangeError);
		await expect(publishStatements(handle.db, { month: "2026-13", now: NOVEMBER_DONE })).rejects.toThrow(
			RangeError,
		);
		expect(await handle.db.$count(statements)).toBe(0);
		expect(await handle.db.$count(jobs)).toBe(0);
	});
});

describe("publishing October's statements", () => {
	it("gives one statement to each member paid in October, whose totals are its lines' and add up", async () => {
		// Two members per batch: each batch publishes one statement, in its own transaction.
		const counts = await publishStatements(handle.db, { month: "2026-10", now: OCTOBER_DONE, batchSize: 2 });
		expect(counts).toEqual({ members: 2, statements: 2, lines: 4, lateLines: 0 });

		expect(await statementOf(anne, "2026-10")).toMatchObject({
			month: "2026-10",
			publishedAt: OCTOBER_DONE,
			lineCount: 3,
			chargedCents: 3000 + 5000 + 1000,
			ssPaidCents: 1900 + 2005 + 550,
			mutuelleCents: 900 + 2520 + 350,
			remainingCents: 200 + 475 + 100,
			paidToMemberCents: 900 + 2520,
			paidToProfessionalsCents: 350,
			documentStatus: "pending",
			documentKey: null,
			postedAt: null,
		});
		expect(await statementOf(bruno, "2026-10")).toMatchObject({
			lineCount: 1,
			chargedCents: 12000,
			ssPaidCents: 7200,
			mutuelleCents: 4800,
			remainingCents: 0,
			paidToMemberCents: 0,
			paidToProfessionalsCents: 4800,
		});
		// Nothing paid in October, or nothing at all: no statement.
		expect(await statementsOf(claire)).toEqual([]);
		expect(await statementsOf(denis)).toEqual([]);

		for (const statement of await handle.db.select().from(statements)) {
			expect(statement.ssPaidCents + statement.mutuelleCents + statement.remainingCents).toBe(
				statement.chargedCents,
			);
			expect(statement.paidToMemberCents + statement.paidToProfessionalsCents).toBe(statement.mutuelleCents);
			const lines = await handle.db
				.select()
				.from(prestations)
				.where(eq(prestations.statementId, statement.id));
			expect(lines).toHaveLength(statement.lineCount);
			expect(lines.reduce((sum, row) => sum + row.chargedCents, 0)).toBe(statement.chargedCents);
			expect(lines.every((row) => row.memberId === statement.memberId)).toBe(true);
		}
	});

	it("links the lines and the transfers paid in October, and only those", async () => {
		const october = (await statementOf(anne, "2026-10")).id;
		expect(await statementOfLine(line.anneFirstDay)).toBe(october);
		expect(await statementOfLine(line.anneMiddle)).toBe(october);
		expect(await statementOfLine(line.anneTiersPayant)).toBe(october);
		expect(await statementOfLine(line.bruno)).toBe((await statementOf(bruno, "2026-10")).id);
		for (const other of [line.anneNextMonth, line.anneUnpaid, line.annePreviousMonth, line.claireNextMonth])
			expect(await statementOfLine(other)).toBeNull();
		expect(await statementOfPayment(payment.anneFirstDay)).toBe(october);
		expect(await statementOfPayment(payment.anneMiddle)).toBe(october);
		expect(await statementOfPayment(payment.anneNextMonth)).toBeNull();
		expect(await statementOfPayment(payment.annePreviousMonth)).toBeNull();
	});

	it("puts one statement.published message per statement in the outbox and each in the audit trail", async () => {
		const published = await handle.db.select({ id: statements.id }).from(statements).orderBy(statements.id);
		const messages = await publishedJobs();
		expect(messages.map((job) => job.payload)).toEqual(published.map((row) => ({ statementId: row.id })));
		expect(messages.map((job) => job.idempotencyKey)).toEqual(
			published.map((row) => `statement.published:${row.id}`),
		);
		expect(
			messages.every(
				(job) => job.status === "pending" && job.availableAt.getTime() === OCTOBER_DONE.getTime(),
			),
		).toBe(true);

		const events = await handle.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, "worker.statement.published"))
			.orderBy(auditEvents.seq);
		expect(events.map((event) => event.objectId)).toEqual(published.map((row) => String(row.id)));
		for (const event of events) {
			expect(event).toMatchObject({ actorKind: "system", objectType: "statement", outcome: "success" });
			expect(event.details).toMatchObject({ month: "2026-10", via: "worker" });
			expect(JSON.stringify(event.details)).not.toMatch(/Anne|Bruno|Lefèvre|@/);
		}
		expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true });
	});

	it("publishes nothing more when run again, not even a line recorded late for October", async () => {
		const before = await handle.db.select().from(statements).orderBy(statements.id);
		const again = await publishStatements(handle.db, {
			month: "2026-10",
			now: new Date("2026-11-03T02:30:00Z"),
		});
		expect(again).toEqual({ members: 0, statements: 0, lines: 0, lateLines: 0 });

		// A payment of 20 October reaches the database after the statement was published: the
		// member's October statement stays as it was sent, and the line is counted aside.
		line.anneLate = await addLine(handle.db, anne, {
			careDate: "2026-10-19",
			paymentDate: "2026-10-20",
			paidTo: "member",
			chargedCents: 2500,
			ssPaidCents: 1650,
			mutuelleCents: 750,
		});
		const late = await publishStatements(handle.db, {
			month: "2026-10",
			now: new Date("2026-11-04T02:30:00Z"),
		});
		expect(late).toEqual({ members: 0, statements: 0, lines: 0, lateLines: 1 });
		expect(await statementOfLine(line.anneLate)).toBeNull();
		expect(await handle.db.select().from(statements).orderBy(statements.id)).toEqual(before);
		expect(await publishedJobs()).toHaveLength(2);
	});
});

describe("publishing November's statements", () => {
	it("takes the lines and transfers paid in November, whatever the month of care", async () => {
		const counts = await publishStatements(handle.db, { month: "2026-11", now: NOVEMBER_DONE });
		expect(counts).toEqual({ members: 2, statements: 2, lines: 2, lateLines: 0 });
		const november = await statementOf(anne, "2026-11");
		expect(november).toMatchObject({ lineCount: 1, chargedCents: 3000, paidToMemberCents: 900 });
		expect(await statementOfLine(line.anneNextMonth)).toBe(november.id);
		expect(await statementOfPayment(payment.anneNextMonth)).toBe(november.id);
		expect(await statementOf(claire, "2026-11")).toMatchObject({ lineCount: 1, mutuelleCents: 900 });
		expect(await statementOfLine(line.claireNextMonth)).toBe((await statementOf(claire, "2026-11")).id);
		// October's late line was paid in October: it is not November's.
		expect(await statementOfLine(line.anneLate)).toBeNull();
		expect(await statementOf(anne, "2026-10")).toMatchObject({ lineCount: 3, chargedCents: 9000 });
		// Unpaid lines are on no statement.
		expect(
			await handle.db.$count(
				prestations,
				and(isNull(prestations.paymentDate), isNull(prestations.statementId)),
			),
		).toBe(2);
		expect(await publishedJobs()).toHaveLength(4);
	});
});

describe("the statements of the demo seed", () => {
	it("are computed again the same from their lines: totals, payees, lines and transfers", async () => {
		const now = new Date("2026-11-26T09:00:00Z");
		const seeded = await createSeededTestDatabase({
			scale: 0.01,
			seed: 42,
			pepper: "test-pepper-long-enough-for-the-config-check",
			now,
		});
		try {
			const { db } = seeded;
			const snapshot = async () => {
				const rows = await db.select().from(statements).orderBy(statements.memberId, statements.month);
				const monthOf = new Map(rows.map((row) => [row.id, `${row.memberId}/${row.month}`]));
				const lines = await db
					.select({ id: prestations.id, statementId: prestations.statementId })
					.from(prestations)
					.orderBy(prestations.id);
				const transfers = await db
					.select({ id: memberPayments.id, statementId: memberPayments.statementId })
					.from(memberPayments)
					.orderBy(memberPayments.id);
				const key = (id: number | null) => (id === null ? null : monthOf.get(id));
				return {
					statements: rows.map(({ id, publishedAt, documentStatus, postedAt, ...totals }) => totals),
					lines: lines.map((row) => [row.id, key(row.statementId)]),
					transfers: transfers.map((row) => [row.id, key(row.statementId)]),
				};
			};
			const before = await snapshot();
			expect(before.statements.length).toBeGreaterThan(50);
			const months = [...new Set(before.statements.map((row) => row.month))].sort();
			await db.update(prestations).set({ statementId: null });
			await db.update(memberPayments).set({ statementId: null });
			await db.delete(statements);

			let published = 0;
			for (const month of months) published += (await publishStatements(db, { month, now })).statements;
			expect(published).toBe(before.statements.length);
			expect(await snapshot()).toEqual(before);
		} finally {
			seeded.client.close();
		}
	}, 60_000);
});
