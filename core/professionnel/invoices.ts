// The tiers-payant invoices a practice sent (issue 13, « Factures »): newest first, filtered by
// the day they were received, their status and the member number, a page at a time or all at
// once for the CSV export; and one invoice with its lines and the transfers that settled it.
// Every query is scoped by the practice: another practice's invoice is as absent as a missing one.
import { and, asc, count, desc, eq, gte, lte, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { InvoiceStatus } from "../../schema/enums.ts";
import {
	acts,
	paymentInvoices,
	professionalPayments,
	tpInvoiceLines,
	tpInvoices,
} from "../../schema/tables/index.ts";

export const INVOICES_PAGE_SIZE = 25;
/** The CSV export stops there: a longer period is asked for in several files. */
export const INVOICES_EXPORT_LIMIT = 10_000;

export interface InvoiceFilter {
	/** First day of reception included, `YYYY-MM-DD`. */
	readonly from?: string | undefined;
	/** Last day of reception included, `YYYY-MM-DD`. */
	readonly to?: string | undefined;
	readonly status?: InvoiceStatus | undefined;
	readonly memberNumber?: string | undefined;
}

export interface InvoiceRow {
	readonly id: number;
	readonly invoiceNumber: string;
	readonly memberNumber: string;
	readonly careDate: string;
	readonly receivedOn: string;
	readonly processedOn: string | null;
	readonly chargedCents: number;
	/** Part complémentaire claimed by the practice. */
	readonly claimedCents: number;
	/** What the insurer accepted to pay (null until processed, 0 when rejected). */
	readonly acceptedCents: number | null;
	readonly status: InvoiceStatus;
	readonly rejection: { readonly code: string; readonly label: string } | null;
	readonly paidOn: string | null;
}

export type InvoicePage =
	| {
			readonly ok: true;
			readonly rows: readonly InvoiceRow[];
			readonly page: number;
			readonly pageCount: number;
			readonly total: number;
	  }
	| { readonly ok: false; readonly reason: "page_out_of_range"; readonly pageCount: number };

const ROW = {
	id: tpInvoices.id,
	invoiceNumber: tpInvoices.invoiceNumber,
	memberNumber: tpInvoices.memberNumberAsSent,
	careDate: tpInvoices.careDate,
	receivedOn: tpInvoices.receivedOn,
	processedOn: tpInvoices.processedOn,
	chargedCents: tpInvoices.chargedCents,
	claimedCents: tpInvoices.claimedCents,
	acceptedCents: tpInvoices.acceptedCents,
	status: tpInvoices.status,
	rejectionCode: tpInvoices.rejectionCode,
	rejectionLabel: tpInvoices.rejectionLabel,
	paidOn: tpInvoices.paidOn,
};

function toRow(
	row: {
		readonly rejectionCode: string | null;
		readonly rejectionLabel: string | null;
	} & Omit<InvoiceRow, "rejection">,
): InvoiceRow {
	const { rejectionCode, rejectionLabel, ...rest } = row;
	return {
		...rest,
		rejection: rejectionCode ? { code: rejectionCode, label: rejectionLabel ?? rejectionCode } : null,
	};
}

function conditions(professionalId: number, filter: InvoiceFilter): SQL | undefined {
	const where: SQL[] = [eq(tpInvoices.professionalId, professionalId)];
	if (filter.from) where.push(gte(tpInvoices.receivedOn, filter.from));
	if (filter.to) where.push(lte(tpInvoices.receivedOn, filter.to));
	if (filter.status) where.push(eq(tpInvoices.status, filter.status));
	if (filter.memberNumber) where.push(eq(tpInvoices.memberNumberAsSent, filter.memberNumber));
	return and(...where);
}

export async function listInvoices(
	db: Database,
	professionalId: number,
	filter: InvoiceFilter,
	page: number,
): Promise<InvoicePage> {
	const where = conditions(professionalId, filter);
	const [counted] = await db.select({ total: count() }).from(tpInvoices).where(where);
	const total = counted?.total ?? 0;
	const pageCount = Math.max(1, Math.ceil(total / INVOICES_PAGE_SIZE));
	if (page > pageCount) return { ok: false, reason: "page_out_of_range", pageCount };
	const rows = await db
		.select(ROW)
		.from(tpInvoices)
		.where(where)
		.orderBy(desc(tpInvoices.receivedOn), desc(tpInvoices.id))
		.limit(INVOICES_PAGE_SIZE)
		.offset((page - 1) * INVOICES_PAGE_SIZE);
	return { ok: true, rows: rows.map(toRow), page, pageCount, total };
}

export async function exportInvoices(
	db: Database,
	professionalId: number,
	filter: InvoiceFilter,
): Promise<InvoiceRow[]> {
	const rows = await db
		.select(ROW)
		.from(tpInvoices)
		.where(conditions(professionalId, filter))
		.orderBy(desc(tpInvoices.receivedOn), desc(tpInvoices.id))
		.limit(INVOICES_EXPORT_LIMIT);
	return rows.map(toRow);
}

export interface InvoiceLine {
	readonly lineNumber: number;
	readonly act: { readonly code: string; readonly label: string };
	readonly careDate: string;
	readonly quantity: number;
	readonly chargedCents: number;
	readonly ssPaidCents: number;
	/** The insurer's part: accepted once processed, claimed until then. */
	readonly insurerCents: number;
	/** What the patient pays: charged − Sécurité sociale − insurer. */
	readonly memberCents: number;
}

export interface InvoiceSettlement {
	readonly paymentId: number;
	readonly paidOn: string;
	readonly reference: string;
	readonly amountCents: number;
}

export interface InvoiceDetail extends InvoiceRow {
	readonly lines: readonly InvoiceLine[];
	readonly settlements: readonly InvoiceSettlement[];
	/** Accepted and not yet settled by a transfer. */
	readonly remainingCents: number;
}

export async function getInvoice(
	db: Database,
	professionalId: number,
	id: number,
): Promise<InvoiceDetail | null> {
	const [row] = await db
		.select(ROW)
		.from(tpInvoices)
		.where(and(eq(tpInvoices.id, id), eq(tpInvoices.professionalId, professionalId)));
	if (!row) return null;
	const lines = await db
		.select({
			lineNumber: tpInvoiceLines.lineNumber,
			actCode: tpInvoiceLines.actCode,
			actLabel: acts.label,
			careDate: tpInvoiceLines.careDate,
			quantity: tpInvoiceLines.quantity,
			chargedCents: tpInvoiceLines.chargedCents,
			ssPaidCents: tpInvoiceLines.ssPaidCents,
			claimedCents: tpInvoiceLines.claimedCents,
			acceptedCents: tpInvoiceLines.acceptedCents,
		})
		.from(tpInvoiceLines)
		.innerJoin(acts, eq(acts.code, tpInvoiceLines.actCode))
		.where(eq(tpInvoiceLines.invoiceId, id))
		.orderBy(asc(tpInvoiceLines.lineNumber));
	const settlements = await db
		.select({
			paymentId: professionalPayments.id,
			paidOn: professionalPayments.paidOn,
			reference: professionalPayments.reference,
			amountCents: paymentInvoices.amountCents,
		})
		.from(paymentInvoices)
		.innerJoin(professionalPayments, eq(professionalPayments.id, paymentInvoices.paymentId))
		.where(and(eq(paymentInvoices.invoiceId, id), eq(professionalPayments.professionalId, professionalId)))
		.orderBy(asc(professionalPayments.paidOn));
	const settled = settlements.reduce((total, s) => total + s.amountCents, 0);
	const processed = row.status === "acceptee" || row.status === "payee";
	return {
		...toRow(row),
		lines: lines.map((line) => {
			const insurerCents = processed ? (line.acceptedCents ?? line.claimedCents) : line.claimedCents;
			return {
				lineNumber: line.lineNumber,
				act: { code: line.actCode, label: line.actLabel },
				careDate: line.careDate,
				quantity: line.quantity,
				chargedCents: line.chargedCents,
				ssPaidCents: line.ssPaidCents,
				insurerCents,
				memberCents: Math.max(0, line.chargedCents - line.ssPaidCents - insurerCents),
			};
		}),
		settlements,
		remainingCents: processed ? Math.max(0, (row.acceptedCents ?? 0) - settled) : 0,
	};
}
