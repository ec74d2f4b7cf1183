// Tiers payant: invoices that health professionals send the insurer, their lines, and the
// payments that settle them (one payment settles many invoices).
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { invoiceStatuses } from "../enums.ts";
import { acts } from "./care.ts";
import { calendarDate, cents, oneOf } from "./columns.ts";
import { beneficiaries, members } from "./members.ts";
import { prestations } from "./prestations.ts";
import { professionals } from "./professionals.ts";

export const tpInvoices = sqliteTable(
	"tp_invoices",
	{
		id: integer().primaryKey(),
		professionalId: integer()
			.notNull()
			.references(() => professionals.id),
		/** Null when the invoice named nobody the insurer knows (rejected). */
		memberId: integer().references(() => members.id),
		beneficiaryId: integer().references(() => beneficiaries.id),
		/** Member number as the professional sent it. */
		memberNumberAsSent: text().notNull(),
		invoiceNumber: text().notNull(),
		careDate: calendarDate().notNull(),
		receivedOn: calendarDate().notNull(),
		processedOn: calendarDate(),
		chargedCents: cents().notNull(),
		/** Part complémentaire claimed by the professional. */
		claimedCents: cents().notNull(),
		acceptedCents: cents(),
		status: text({ enum: invoiceStatuses }).notNull(),
		rejectionCode: text(),
		rejectionLabel: text(),
		paidOn: calendarDate(),
	},
	(t) => [
		oneOf("tp_invoices_status_check", t.status, invoiceStatuses),
		check("tp_invoices_rejection_check", sql`${t.status} <> 'rejetee' OR ${t.rejectionCode} IS NOT NULL`),
		check("tp_invoices_paid_check", sql`${t.status} <> 'payee' OR ${t.paidOn} IS NOT NULL`),
		uniqueIndex("tp_invoices_professional_number_idx").on(t.professionalId, t.invoiceNumber),
		index("tp_invoices_professional_care_date_idx").on(t.professionalId, t.careDate),
		index("tp_invoices_professional_status_idx").on(t.professionalId, t.status, t.receivedOn),
		index("tp_invoices_professional_paid_idx").on(t.professionalId, t.paidOn),
		index("tp_invoices_member_idx").on(t.memberId, t.careDate),
	],
);

export const tpInvoiceLines = sqliteTable(
	"tp_invoice_lines",
	{
		id: integer().primaryKey(),
		invoiceId: integer()
			.notNull()
			.references(() => tpInvoices.id, { onDelete: "cascade" }),
		lineNumber: integer().notNull(),
		actCode: text()
			.notNull()
			.references(() => acts.code),
		careDate: calendarDate().notNull(),
		quantity: integer().notNull().default(1),
		chargedCents: cents().notNull(),
		baseCents: cents().notNull(),
		ssPaidCents: cents().notNull(),
		claimedCents: cents().notNull(),
		acceptedCents: cents(),
		/** The reimbursement line the accepted invoice line became. */
		prestationId: integer().references(() => prestations.id),
	},
	(t) => [
		uniqueIndex("tp_invoice_lines_invoice_line_idx").on(t.invoiceId, t.lineNumber),
		index("tp_invoice_lines_prestation_idx").on(t.prestationId),
	],
);

export const professionalPayments = sqliteTable(
	"professional_payments",
	{
		id: integer().primaryKey(),
		professionalId: integer()
			.notNull()
			.references(() => professionals.id),
		paidOn: calendarDate().notNull(),
		amountCents: cents().notNull(),
		/** Transfer reference shown on the avis de paiement. */
		reference: text().notNull(),
		invoiceCount: integer().notNull(),
	},
	(t) => [
		uniqueIndex("professional_payments_reference_idx").on(t.reference),
		index("professional_payments_professional_idx").on(t.professionalId, t.paidOn),
	],
);

export const paymentInvoices = sqliteTable(
	"payment_invoices",
	{
		paymentId: integer()
			.notNull()
			.references(() => professionalPayments.id, { onDelete: "cascade" }),
		invoiceId: integer()
			.notNull()
			.references(() => tpInvoices.id),
		amountCents: cents().notNull(),
	},
	(t) => [
		primaryKey({ columns: [t.paymentId, t.invoiceId] }),
		index("payment_invoices_invoice_idx").on(t.invoiceId),
	],
);
