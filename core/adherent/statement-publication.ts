// Publication of the monthly relevés de prestations (DOMAIN.md §4): once a calendar month is over,
// every member with lines paid that month (payment_date, a Paris calendar day) gets one statement
// grouping them, with the month's transfers, and a `statement.published` message in the outbox of
// the same transaction (the worker e-mails the member that a statement is available). Only the
// payment month counts: a line paid in November is on November's statement whatever its date of
// care, and a published statement never changes. Members are taken a bounded batch at a time,
// one IMMEDIATE transaction per batch that has something to publish, so that a run over the
// whole population never holds the write lock for long. Re-running finds nothing left to do.
import { and, type Column, count, eq, gt, gte, inArray, lt, notExists, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { memberPayments, members, prestations, statements } from "../../schema/tables/index.ts";
import { appendAuditEvent } from "../audit.ts";
import { addMonths, parisDay } from "../calendar.ts";
import { enqueue } from "../queue.ts";
import { yieldToEventLoop } from "../yield.ts";

type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

/**
 * Members per transaction. Each statement costs its insert, its message and its audit entry
 * (about 0.3 ms on a development machine): 100 statements hold the write lock for about 35 ms,
 * 200 for about 65 ms.
 */
export const PUBLICATION_BATCH = 100;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export type StatementMonthProblem = "malformed_month" | "month_not_ended";

/**
 * Who publishes: the daily worker task, staff through `npm run statements`, or the import of
 * the core system's statements (core/import/statements.ts, run by staff).
 */
export type PublicationActor = "worker" | "cli" | "import";

export interface PublicationOptions {
	/** `YYYY-MM`: the month of the payments. */
	readonly month: string;
	/** The publication instant (`published_at`); the month must be over in Paris by then. */
	readonly now: Date;
	readonly actor?: PublicationActor;
	readonly batchSize?: number;
}

export interface PublicationCounts {
	/** Members who had lines paid that month and no statement for it yet. */
	readonly members: number;
	/** Statements created by this run. */
	readonly statements: number;
	/** Lines put on those statements. */
	readonly lines: number;
	/** Lines paid that month but recorded after its statement was published: left on no statement. */
	readonly lateLines: number;
}

/** Why a month cannot be published now, or null when it can: well formed and over in Paris. */
export function checkStatementMonth(month: string, now: Date): StatementMonthProblem | null {
	if (!MONTH.test(month)) return "malformed_month";
	return nextMonthStart(month) <= parisDay(now) ? null : "month_not_ended";
}

/** `2026-10` → `2026-11-01`: the first day after the month. */
function nextMonthStart(month: string): string {
	return addMonths(`${month}-01`, 1);
}

interface PaymentMonth {
	readonly month: string;
	readonly from: string;
	/** Exclusive. */
	readonly until: string;
}

function paidInMonth(period: PaymentMonth) {
	return and(gte(prestations.paymentDate, period.from), lt(prestations.paymentDate, period.until));
}

/**
 * "Not on a statement yet", written so that SQLite never reads it through the statement_id index
 * (the unary plus): without ANALYZE statistics the planner prefers that index and walks every
 * line not on a statement, of all members, instead of seeking each member's month by member and
 * payment date (about 30 times slower per batch, measured on 400 000 lines).
 */
function notOnStatement(column: Column) {
	return sql`+${column} IS NULL`;
}

/** The member's statement of the month, as a subquery correlated on `memberColumn`. */
function statementOf(db: Pick<Database, "select">, memberColumn: Column, period: PaymentMonth) {
	return db
		.select({ id: statements.id })
		.from(statements)
		.where(and(eq(statements.memberId, memberColumn), eq(statements.month, period.month)));
}

/**
 * Publishes the statements of `month` for every member who has lines paid that month and no
 * statement for it yet. Throws on a month that `checkStatementMonth` refuses: publishing a month
 * still under way would leave its later payments on no statement.
 */
export async function publishStatements(
	db: Database,
	options: PublicationOptions,
): Promise<PublicationCounts> {
	const problem = checkStatementMonth(options.month, options.now);
	if (problem) throw new RangeError(`cannot publish statements of "${options.month}": ${problem}`);
	const period: PaymentMonth = {
		month: options.month,
		from: `${options.month}-01`,
		until: nextMonthStart(options.month),
	};
	const batchSize = options.batchSize ?? PUBLICATION_BATCH;
	const totals = { members: 0, statements: 0, lines: 0, lateLines: 0 };
	let after = 0;
	for (;;) {
		const batch = await db
			.select({ id: members.id })
			.from(members)
			.where(gt(members.id, after))
			.orderBy(members.id)
			.limit(batchSize);
		if (batch.length === 0) break;
		after = batch.at(-1)?.id ?? after;
		// Read first, outside any transaction: most batches have nothing to publish and never
		// take the write lock.
		const pending = await db
			.select({ memberId: prestations.memberId, lines: count(), statementId: statements.id })
			.from(prestations)
			.leftJoin(
				statements,
				and(eq(statements.memberId, prestations.memberId), eq(statements.month, period.month)),
			)
			.where(
				and(
					inArray(
						prestations.memberId,
						batch.map((member) => member.id),
					),
					paidInMonth(period),
					notOnStatement(prestations.statementId),
				),
			)
			.groupBy(prestations.memberId);
		const due = pending.filter((row) => row.statementId === null).map((row) => row.memberId);
		for (const row of pending) if (row.statementId !== null) totals.lateLines += row.lines;
		if (due.length > 0) {
			totals.members += due.length;
			const published = await db.transaction((tx) => publishBatch(tx, due, period, options), {
				behavior: "immediate",
			});
			totals.statements += published.statements;
			totals.lines += published.lines;
		}
		if (batch.length < batchSize) break;
		await yieldToEventLoop();
	}
	return totals;
}

/**
 * One member's statement of `month`, in the caller's IMMEDIATE transaction (the import of the
 * core system's statements): the same statement, links, transfers, message and audit entry as
 * the monthly publication. The caller has checked the month is over.
 */
export async function publishMemberStatement(
	tx: Transaction,
	memberId: number,
	options: PublicationOptions,
): Promise<{ statements: number; lines: number }> {
	const period = { month: options.month, from: `${options.month}-01`, until: nextMonthStart(options.month) };
	return publishBatch(tx, [memberId], period, options);
}

/** One batch, in the caller's IMMEDIATE transaction: what was read before is read again under the lock. */
async function publishBatch(
	tx: Transaction,
	memberIds: readonly number[],
	period: PaymentMonth,
	options: PublicationOptions,
): Promise<{ statements: number; lines: number }> {
	const sums = await tx
		.select({
			memberId: prestations.memberId,
			lineCount: count(),
			chargedCents: sql<number>`sum(${prestations.chargedCents})`.mapWith(Number),
			ssPaidCents: sql<number>`sum(${prestations.ssPaidCents})`.mapWith(Number),
			mutuelleCents: sql<number>`sum(${prestations.mutuelleCents})`.mapWith(Number),
			remainingCents: sql<number>`sum(${prestations.remainingCents})`.mapWith(Number),
			// As the demo seed computes them: the mutuelle's share, by whom it was paid to.
			paidToMemberCents:
				sql<number>`sum(CASE WHEN ${prestations.paidTo} = 'member' THEN ${prestations.mutuelleCents} ELSE 0 END)`.mapWith(
					Number,
				),
			paidToProfessionalsCents:
				sql<number>`sum(CASE WHEN ${prestations.paidTo} = 'member' THEN 0 ELSE ${prestations.mutuelleCents} END)`.mapWith(
					Number,
				),
		})
		.from(prestations)
		.where(
			and(
				inArray(prestations.memberId, [...memberIds]),
				paidInMonth(period),
				notOnStatement(prestations.statementId),
				notExists(statementOf(tx, prestations.memberId, period)),
			),
		)
		.groupBy(prestations.memberId)
		.orderBy(prestations.memberId);
	if (sums.length === 0) return { statements: 0, lines: 0 };
	// No ON CONFLICT: under the lock, a statement of the month cannot have appeared since the read.
	const created = await tx
		.insert(statements)
		.values(sums.map((row) => ({ ...row, month: period.month, publishedAt: options.now })))
		.returning({ id: statements.id, memberId: statements.memberId, lineCount: statements.lineCount });
	const publishedMembers = created.map((statement) => statement.memberId);
	const linked = await tx
		.update(prestations)
		.set({ statementId: sql`(${statementOf(tx, prestations.memberId, period)})` })
		.where(
			and(
				inArray(prestations.memberId, publishedMembers),
				paidInMonth(period),
				notOnStatement(prestations.statementId),
			),
		);
	const lines = created.reduce((sum, statement) => sum + statement.lineCount, 0);
	// The totals were read in this transaction: anything else is a bug, and nothing is published.
	if (linked.rowsAffected !== lines) {
		throw new Error(`statement publication: ${linked.rowsAffected} lines linked, ${lines} counted`);
	}
	// The month's transfers, by the day they were made and whatever their status (as the seed does).
	await tx
		.update(memberPayments)
		.set({
			statementId: sql`(${statementOf(tx, memberPayments.memberId, period)})`,
		})
		.where(
			and(
				inArray(memberPayments.memberId, publishedMembers),
				gte(memberPayments.paidOn, period.from),
				lt(memberPayments.paidOn, period.until),
				notOnStatement(memberPayments.statementId),
			),
		);
	const byStaff = options.actor === "cli" || options.actor === "import";
	for (const statement of created) {
		await enqueue(
			tx,
			{ type: "statement.published", payload: { statementId: statement.id } },
			{ now: options.now, idempotencyKey: `statement.published:${statement.id}` },
		);
		await appendAuditEvent(tx, {
			occurredAt: options.now,
			actorKind: byStaff ? "staff" : "system",
			action: byStaff ? "gestion.statement.published" : "worker.statement.published",
			objectType: "statement",
			objectId: String(statement.id),
			outcome: "success",
			details: { month: period.month, lineCount: statement.lineCount, via: options.actor ?? "worker" },
		});
	}
	return { statements: created.length, lines };
}
