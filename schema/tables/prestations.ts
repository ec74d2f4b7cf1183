// Reimbursement lines (prestations), the monthly statements that group them and the transfers
// made to members. The largest tables: about 100 lines per member over their history.
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { documentStatuses, memberPaymentStatuses, payees } from "../enums.ts";
import { acts, careCategories } from "./care.ts";
import { basisPoints, calendarDate, calendarMonth, cents, instant, oneOf } from "./columns.ts";
import { beneficiaries, members } from "./members.ts";
import { professionals } from "./professionals.ts";

export const statements = sqliteTable(
	"statements",
	{
		id: integer().primaryKey(),
		memberId: integer()
			.notNull()
			.references(() => members.id),
		/** Month of the payments the statement groups (`YYYY-MM`). */
		month: calendarMonth().notNull(),
		publishedAt: instant().notNull(),
		lineCount: integer().notNull(),
		chargedCents: cents().notNull(),
		ssPaidCents: cents().notNull(),
		mutuelleCents: cents().notNull(),
		remainingCents: cents().notNull(),
		paidToMemberCents: cents().notNull(),
		paidToProfessionalsCents: cents().notNull(),
		documentStatus: text({ enum: documentStatuses }).notNull().default("pending"),
		/** Storage key of the rendered PDF, when one is kept. */
		documentKey: text(),
		/** Set when a paper copy was posted (members.paperStatements). */
		postedAt: instant(),
	},
	(t) => [
		oneOf("statements_document_status_check", t.documentStatus, documentStatuses),
		check("statements_month_check", sql`${t.month} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'`),
		uniqueIndex("statements_member_month_idx").on(t.memberId, t.month),
		index("statements_published_idx").on(t.publishedAt),
	],
);

export const memberPayments = sqliteTable(
	"member_payments",
	{
		id: integer().primaryKey(),
		memberId: integer()
			.notNull()
			.references(() => members.id),
		statementId: integer().references(() => statements.id),
		paidOn: calendarDate().notNull(),
		amountCents: cents().notNull(),
		/** Reference printed on the member's bank statement. */
		reference: text().notNull(),
		ibanLast4: text(),
		status: text({ enum: memberPaymentStatuses }).notNull(),
	},
	(t) => [
		oneOf("member_payments_status_check", t.status, memberPaymentStatuses),
		check("member_payments_amount_check", sql`${t.amountCents} > 0`),
		check("member_payments_iban_last4_check", sql`${t.ibanLast4} IS NULL OR length(${t.ibanLast4}) = 4`),
		uniqueIndex("member_payments_reference_idx").on(t.reference),
		index("member_payments_member_idx").on(t.memberId, t.paidOn),
		index("member_payments_statement_idx").on(t.statementId),
		// The daily payment notices read the recent payments of every member.
		index("member_payments_status_paid_idx").on(t.status, t.paidOn),
	],
);

/**
 * One reimbursed act (DOMAIN.md §3). The amounts always add up:
 * charged = ssPaid + mutuelle + remaining, where ssPaid is BR × rate minus the deductions
 * (participation forfaitaire, franchise) and remaining is the reste à charge.
 */
export const prestations = sqliteTable(
	"prestations",
	{
		id: integer().primaryKey(),
		memberId: integer()
			.notNull()
			.references(() => members.id),
		beneficiaryId: integer()
			.notNull()
			.references(() => beneficiaries.id),
		careDate: calendarDate().notNull(),
		actCode: text()
			.notNull()
			.references(() => acts.code),
		/** Copied from the act so that "by category" pages read one index. */
		categoryCode: text()
			.notNull()
			.references(() => careCategories.code),
		professionalId: integer().references(() => professionals.id),
		quantity: integer().notNull().default(1),
		chargedCents: cents().notNull(),
		/** Base de remboursement (BR). */
		baseCents: cents().notNull(),
		ssRateBp: basisPoints().notNull(),
		/** Part RO actually paid: BR × rate − participation forfaitaire − franchise. */
		ssPaidCents: cents().notNull(),
		participationForfaitaireCents: cents().notNull().default(0),
		franchiseCents: cents().notNull().default(0),
		/** Part complémentaire (AMC). */
		mutuelleCents: cents().notNull(),
		/** Reste à charge. */
		remainingCents: cents().notNull(),
		paidTo: text({ enum: payees }).notNull(),
		/** Null until paid. */
		paymentDate: calendarDate(),
		statementId: integer().references(() => statements.id),
		memberPaymentId: integer().references(() => memberPayments.id),
		/** Line identifier in the insurer's core system, for idempotent imports. */
		sourceRef: text(),
	},
	(t) => [
		oneOf("prestations_paid_to_check", t.paidTo, payees),
		check(
			"prestations_amounts_check",
			sql`${t.chargedCents} >= 0 AND ${t.baseCents} >= 0 AND ${t.ssPaidCents} >= 0 AND ${t.mutuelleCents} >= 0 AND ${t.remainingCents} >= 0 AND ${t.participationForfaitaireCents} >= 0 AND ${t.franchiseCents} >= 0`,
		),
		check(
			"prestations_sum_check",
			sql`${t.ssPaidCents} + ${t.mutuelleCents} + ${t.remainingCents} = ${t.chargedCents}`,
		),
		check("prestations_ss_rate_check", sql`${t.ssRateBp} BETWEEN 0 AND 10000`),
		index("prestations_member_care_date_idx").on(t.memberId, t.careDate),
		index("prestations_member_payment_date_idx").on(t.memberId, t.paymentDate),
		index("prestations_member_category_idx").on(t.memberId, t.categoryCode, t.careDate),
		index("prestations_beneficiary_idx").on(t.beneficiaryId, t.careDate),
		index("prestations_statement_idx").on(t.statementId),
		uniqueIndex("prestations_source_ref_idx").on(t.sourceRef).where(sql`${t.sourceRef} IS NOT NULL`),
	],
);
