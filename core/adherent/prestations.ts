// The member's reimbursement lines (prestations, DOMAIN.md §3-4) as the espace adhérent shows
// them: newest first, filtered by beneficiary, period of care and care category, a page at a
// time or all at once for the CSV export, and one line with what its computation needs. Every
// query is scoped by the member: another member's line is as absent as a missing one.
import { and, type Column, count, desc, eq, gte, lte, notExists, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { CareBasket, DeductionKind, Payee, Profession, Relationship } from "../../schema/enums.ts";
import {
	accounts,
	acts,
	beneficiaries,
	careCategories,
	memberPayments,
	members,
	outgoingMails,
	persons,
	prestations,
	professionals,
	statements,
} from "../../schema/tables/index.ts";
import { addDays, parisDay } from "../calendar.ts";
import { queueMail } from "../send-mail.ts";

export const PRESTATIONS_PAGE_SIZE = 25;
const PAYMENT_NOTICE_KEY = "payment-notice/";

type Reader = Pick<Database, "select">;

export interface PrestationFilter {
	readonly beneficiaryId?: number | undefined;
	/** First day of care included, `YYYY-MM-DD`. */
	readonly from?: string | undefined;
	/** Last day of care included, `YYYY-MM-DD`. */
	readonly to?: string | undefined;
	readonly categoryCode?: string | undefined;
}

/** The amounts of one reimbursed act and who was paid when: the same on every page and document. */
export interface PrestationAmounts {
	readonly quantity: number;
	readonly chargedCents: number;
	/** Base de remboursement (BR). */
	readonly baseCents: number;
	readonly ssRateBp: number;
	/** What the Sécurité sociale paid: BR × rate − participation forfaitaire − franchise. */
	readonly ssPaidCents: number;
	readonly participationForfaitaireCents: number;
	readonly franchiseCents: number;
	readonly mutuelleCents: number;
	/** Reste à charge. */
	readonly remainingCents: number;
	/** Who the mutuelle paid: the member (transfer) or the professional (tiers payant). */
	readonly paidTo: Payee;
	/** Null until paid. */
	readonly paymentDate: string | null;
}

export interface PrestationLine extends PrestationAmounts {
	readonly id: number;
	readonly careDate: string;
	readonly beneficiary: { readonly id: number; readonly firstName: string; readonly lastName: string };
	readonly act: { readonly code: string; readonly label: string; readonly deduction: DeductionKind | null };
	readonly category: { readonly code: string; readonly label: string };
	readonly professional: { readonly name: string; readonly profession: Profession } | null;
}

export interface PrestationDetail extends PrestationLine {
	readonly basket: CareBasket;
	readonly statement: { readonly id: number; readonly month: string } | null;
}

export interface PrestationTotals {
	readonly count: number;
	readonly chargedCents: number;
	readonly ssPaidCents: number;
	readonly mutuelleCents: number;
	readonly remainingCents: number;
}

export type PrestationPage =
	| {
			readonly ok: true;
			readonly lines: readonly PrestationLine[];
			readonly page: number;
			readonly pageCount: number;
			readonly totals: PrestationTotals;
	  }
	| { readonly ok: false; readonly reason: "page_out_of_range"; readonly pageCount: number };

export interface FilterChoices {
	readonly beneficiaries: readonly {
		readonly id: number;
		readonly firstName: string;
		readonly lastName: string;
		readonly relationship: Relationship;
	}[];
	readonly categories: readonly { readonly code: string; readonly label: string }[];
}

const lineColumns = {
	id: prestations.id,
	careDate: prestations.careDate,
	beneficiaryId: prestations.beneficiaryId,
	beneficiaryFirstName: persons.firstName,
	beneficiaryLastName: persons.lastName,
	actCode: prestations.actCode,
	actLabel: acts.label,
	deduction: acts.deduction,
	basket: acts.basket,
	categoryCode: prestations.categoryCode,
	categoryLabel: careCategories.label,
	professionalFirstName: professionals.firstName,
	professionalLastName: professionals.lastName,
	practiceName: professionals.practiceName,
	profession: professionals.profession,
	quantity: prestations.quantity,
	chargedCents: prestations.chargedCents,
	baseCents: prestations.baseCents,
	ssRateBp: prestations.ssRateBp,
	ssPaidCents: prestations.ssPaidCents,
	participationForfaitaireCents: prestations.participationForfaitaireCents,
	franchiseCents: prestations.franchiseCents,
	mutuelleCents: prestations.mutuelleCents,
	remainingCents: prestations.remainingCents,
	paidTo: prestations.paidTo,
	paymentDate: prestations.paymentDate,
	statementId: prestations.statementId,
	statementMonth: statements.month,
};

/**
 * The lines with what a page shows of them; every join is on a primary key, so the cost is the
 * prestations index the WHERE clause picks (schema/tables/prestations.ts).
 */
export function selectPrestationLines(db: Reader) {
	return db
		.select(lineColumns)
		.from(prestations)
		.innerJoin(beneficiaries, eq(beneficiaries.id, prestations.beneficiaryId))
		.innerJoin(persons, eq(persons.id, beneficiaries.personId))
		.innerJoin(acts, eq(acts.code, prestations.actCode))
		.innerJoin(careCategories, eq(careCategories.code, prestations.categoryCode))
		.leftJoin(professionals, eq(professionals.id, prestations.professionalId))
		.leftJoin(statements, eq(statements.id, prestations.statementId));
}

type LineRow = Awaited<ReturnType<typeof selectPrestationLines>>[number];

/** What a reimbursement line is built from, whichever query read it (the list, the dashboard's JSON). */
export type PrestationLineSource = Omit<LineRow, "statementMonth" | "statementId" | "basket">;

/** A practice is known by its name; a natural person by theirs. */
function professionalName(row: PrestationLineSource): string | null {
	if (row.practiceName) return row.practiceName;
	const name = [row.professionalFirstName, row.professionalLastName].filter(Boolean).join(" ");
	return name || null;
}

export function toPrestationLine(row: PrestationLineSource): PrestationLine {
	const name = professionalName(row);
	return {
		id: row.id,
		careDate: row.careDate,
		beneficiary: {
			id: row.beneficiaryId,
			firstName: row.beneficiaryFirstName,
			lastName: row.beneficiaryLastName,
		},
		act: { code: row.actCode, label: row.actLabel, deduction: row.deduction },
		category: { code: row.categoryCode, label: row.categoryLabel },
		professional: name && row.profession ? { name, profession: row.profession } : null,
		quantity: row.quantity,
		chargedCents: row.chargedCents,
		baseCents: row.baseCents,
		ssRateBp: row.ssRateBp,
		ssPaidCents: row.ssPaidCents,
		participationForfaitaireCents: row.participationForfaitaireCents,
		franchiseCents: row.franchiseCents,
		mutuelleCents: row.mutuelleCents,
		remainingCents: row.remainingCents,
		paidTo: row.paidTo,
		paymentDate: row.paymentDate,
	};
}

function filterWhere(memberId: number, filter: PrestationFilter): SQL {
	return and(
		eq(prestations.memberId, memberId),
		filter.beneficiaryId === undefined ? undefined : eq(prestations.beneficiaryId, filter.beneficiaryId),
		filter.categoryCode === undefined ? undefined : eq(prestations.categoryCode, filter.categoryCode),
		filter.from === undefined ? undefined : gte(prestations.careDate, filter.from),
		filter.to === undefined ? undefined : lte(prestations.careDate, filter.to),
	) as SQL;
}

// Newest first; the id breaks ties between lines of the same day (the index ends with the rowid).
const NEWEST_FIRST = [desc(prestations.careDate), desc(prestations.id)] as const;

const total = (column: Column) => sql<number>`coalesce(sum(${column}), 0)`.mapWith(Number);

export async function summarisePrestations(
	db: Reader,
	memberId: number,
	filter: PrestationFilter,
): Promise<PrestationTotals> {
	const [row] = await db
		.select({
			count: count(),
			chargedCents: total(prestations.chargedCents),
			ssPaidCents: total(prestations.ssPaidCents),
			mutuelleCents: total(prestations.mutuelleCents),
			remainingCents: total(prestations.remainingCents),
		})
		.from(prestations)
		.where(filterWhere(memberId, filter));
	return row ?? { count: 0, chargedCents: 0, ssPaidCents: 0, mutuelleCents: 0, remainingCents: 0 };
}

/** One page of the filtered lines (1-based); a page past the last one is refused. */
export async function listPrestations(
	db: Reader,
	memberId: number,
	filter: PrestationFilter,
	page: number,
	pageSize = PRESTATIONS_PAGE_SIZE,
): Promise<PrestationPage> {
	const totals = await summarisePrestations(db, memberId, filter);
	const pageCount = Math.max(1, Math.ceil(totals.count / pageSize));
	if (page > pageCount) return { ok: false, reason: "page_out_of_range", pageCount };
	const rows = await selectPrestationLines(db)
		.where(filterWhere(memberId, filter))
		.orderBy(...NEWEST_FIRST)
		.limit(pageSize)
		.offset((page - 1) * pageSize);
	return { ok: true, lines: rows.map(toPrestationLine), page, pageCount, totals };
}

/** Every filtered line, newest first (the CSV export). */
export async function exportPrestations(
	db: Reader,
	memberId: number,
	filter: PrestationFilter,
): Promise<PrestationLine[]> {
	const rows = await selectPrestationLines(db)
		.where(filterWhere(memberId, filter))
		.orderBy(...NEWEST_FIRST);
	return rows.map(toPrestationLine);
}

/** The line, if it is the member's; null otherwise, whoever it belongs to. */
export async function getPrestation(
	db: Reader,
	memberId: number,
	prestationId: number,
): Promise<PrestationDetail | null> {
	const [row] = await selectPrestationLines(db)
		.where(and(eq(prestations.id, prestationId), eq(prestations.memberId, memberId)))
		.limit(1);
	if (!row) return null;
	return {
		...toPrestationLine(row),
		basket: row.basket,
		statement:
			row.statementId !== null && row.statementMonth !== null
				? { id: row.statementId, month: row.statementMonth }
				: null,
	};
}

/** What the filters may hold: the member's beneficiaries (past ones too) and the care categories. */
export async function listFilterChoices(db: Reader, memberId: number): Promise<FilterChoices> {
	const [people, categories] = await Promise.all([
		db
			.select({
				id: beneficiaries.id,
				firstName: persons.firstName,
				lastName: persons.lastName,
				relationship: beneficiaries.relationship,
			})
			.from(beneficiaries)
			.innerJoin(persons, eq(persons.id, beneficiaries.personId))
			.where(eq(beneficiaries.memberId, memberId))
			.orderBy(beneficiaries.rank, beneficiaries.id),
		db
			.select({ code: careCategories.code, label: careCategories.label })
			.from(careCategories)
			.orderBy(careCategories.sortOrder),
	]);
	return { beneficiaries: people, categories };
}

export type FilterProblem = "unknown_beneficiary" | "unknown_category";

/** The allow-lists of the filters are the member's own beneficiaries and the known categories. */
export function checkFilterChoices(choices: FilterChoices, filter: PrestationFilter): FilterProblem | null {
	if (
		filter.beneficiaryId !== undefined &&
		!choices.beneficiaries.some((beneficiary) => beneficiary.id === filter.beneficiaryId)
	)
		return "unknown_beneficiary";
	if (
		filter.categoryCode !== undefined &&
		!choices.categories.some((category) => category.code === filter.categoryCode)
	)
		return "unknown_category";
	return null;
}

/** How far back a payment is still news: older ones are never announced (a first run sends no backlog). */
export const PAYMENT_NOTICE_LOOKBACK_DAYS = 7;

export interface PaymentNoticeOptions {
	readonly now: Date;
	readonly publicUrl: URL;
	readonly lookbackDays?: number;
}

/**
 * Queues the `payment-notice` e-mail (the date only: the amount, the act or the beneficiary would
 * be health data) for every transfer made to a member in the last days and not announced yet.
 * "Announced" is the outbox row under `payment-notice/<payment id>`, so that running twice, or
 * two workers at once, sends one mail per payment. Only members with an active adherent account
 * are told, at the address that account verified.
 */
export async function notifyPaymentsMade(
	db: Database,
	options: PaymentNoticeOptions,
): Promise<{ readonly payments: number; readonly queued: number }> {
	const today = parisDay(options.now);
	const since = addDays(today, -(options.lookbackDays ?? PAYMENT_NOTICE_LOOKBACK_DAYS));
	const due = await db
		.select({
			paymentId: memberPayments.id,
			paidOn: memberPayments.paidOn,
			accountId: accounts.id,
			email: accounts.email,
			firstName: persons.firstName,
			lastName: persons.lastName,
		})
		.from(memberPayments)
		.innerJoin(members, eq(members.id, memberPayments.memberId))
		.innerJoin(persons, eq(persons.id, members.personId))
		.innerJoin(
			accounts,
			and(
				eq(accounts.memberId, memberPayments.memberId),
				eq(accounts.space, "adherent"),
				eq(accounts.state, "active"),
			),
		)
		.where(
			and(
				eq(memberPayments.status, "paid"),
				gte(memberPayments.paidOn, since),
				lte(memberPayments.paidOn, today),
				notExists(
					db
						.select({ one: sql`1` })
						.from(outgoingMails)
						.where(eq(outgoingMails.idempotencyKey, sql`${PAYMENT_NOTICE_KEY} || ${memberPayments.id}`)),
				),
			),
		)
		.orderBy(memberPayments.paidOn, memberPayments.id);
	let queued = 0;
	for (const payment of due) {
		// The outbox row and its delivery job are written together, or not at all.
		const { created } = await db.transaction((tx) =>
			queueMail(tx, {
				template: "payment-notice",
				data: {
					displayName: `${payment.firstName} ${payment.lastName}`.slice(0, 80),
					paidOn: payment.paidOn,
					paymentsPath: "/adherent/remboursements",
				},
				to: payment.email,
				accountId: payment.accountId,
				idempotencyKey: `${PAYMENT_NOTICE_KEY}${payment.paymentId}`,
				now: options.now,
				publicUrl: options.publicUrl,
			}),
		);
		if (created) queued++;
	}
	return { payments: due.length, queued };
}
