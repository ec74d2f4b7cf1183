// The transfers a practice received (issue 13, « Paiements »): every transfer with its date,
// amount and reference, newest first; one transfer with the invoices it settles (reconciliation:
// what each invoice was accepted for, what this transfer paid, what remains, a partial payment
// shown as such); and the accepted invoices still waiting for a transfer. Scoped by the practice.
import { and, asc, count, desc, eq, gte, inArray, lte, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { paymentInvoices, professionalPayments, tpInvoices } from "../../schema/tables/index.ts";

export const PAYMENTS_PAGE_SIZE = 25;

export interface PaymentFilter {
	readonly from?: string | undefined;
	readonly to?: string | undefined;
}

export interface PaymentRow {
	readonly id: number;
	readonly paidOn: string;
	readonly amountCents: number;
	readonly reference: string;
	readonly invoiceCount: number;
}

export type PaymentPage =
	| {
			readonly ok: true;
			readonly rows: readonly PaymentRow[];
			readonly page: number;
			readonly pageCount: number;
			readonly total: number;
	  }
	| { readonly ok: false; readonly reason: "page_out_of_range"; readonly pageCount: number };

const ROW = {
	id: professionalPayments.id,
	paidOn: professionalPayments.paidOn,
	amountCents: professionalPayments.amountCents,
	reference: professionalPayments.reference,
	invoiceCount: professionalPayments.invoiceCount,
};

export async function listPayments(
	db: Database,
	professionalId: number,
	filter: PaymentFilter,
	page: number,
): Promise<PaymentPage> {
	const where: SQL[] = [eq(professionalPayments.professionalId, professionalId)];
	if (filter.from) where.push(gte(professionalPayments.paidOn, filter.from));
	if (filter.to) where.push(lte(professionalPayments.paidOn, filter.to));
	const [counted] = await db
		.select({ total: count() })
		.from(professionalPayments)
		.where(and(...where));
	const total = counted?.total ?? 0;
	const pageCount = Math.max(1, Math.ceil(total / PAYMENTS_PAGE_SIZE));
	if (page > pageCount) return { ok: false, reason: "page_out_of_range", pageCount };
	const rows = await db
		.select(ROW)
		.from(professionalPayments)
		.where(and(...where))
		.orderBy(desc(professionalPayments.paidOn), desc(professionalPayments.id))
		.limit(PAYMENTS_PAGE_SIZE)
		.offset((page - 1) * PAYMENTS_PAGE_SIZE);
	return { ok: true, rows, page, pageCount, total };
}

export interface SettledInvoice {
	readonly id: number;
	readonly invoiceNumber: string;
	readonly memberNumber: string;
	readonly careDate: string;
	/** What the insurer accepted to pay for the invoice. */
	readonly acceptedCents: number;
	/** What this transfer paid of it. */
	readonly paidCents: number;
	/** Every transfer's share of it, this one included. */
	readonly settledCents: number;
	/** Accepted and not settled yet: above zero, the invoice is paid in part. */
	readonly remainingCents: number;
}

export interface PaymentDetail extends PaymentRow {
	readonly invoices: readonly SettledInvoice[];
}

/** Per invoice, what every transfer paid of it. */
async function settledSoFar(db: Database, invoiceIds: readonly number[]): Promise<Map<number, number>> {
	if (invoiceIds.length === 0) return new Map();
	const rows = await db
		.select({
			invoiceId: paymentInvoices.invoiceId,
			settled: sql<number>`sum(${paymentInvoices.amountCents})`,
		})
		.from(paymentInvoices)
		.where(inArray(paymentInvoices.invoiceId, [...invoiceIds]))
		.groupBy(paymentInvoices.invoiceId);
	return new Map(rows.map((row) => [row.invoiceId, Number(row.settled)]));
}

export async function getPayment(
	db: Database,
	professionalId: number,
	id: number,
): Promise<PaymentDetail | null> {
	const [payment] = await db
		.select(ROW)
		.from(professionalPayments)
		.where(and(eq(professionalPayments.id, id), eq(professionalPayments.professionalId, professionalId)));
	if (!payment) return null;
	const rows = await db
		.select({
			id: tpInvoices.id,
			invoiceNumber: tpInvoices.invoiceNumber,
			memberNumber: tpInvoices.memberNumberAsSent,
			careDate: tpInvoices.careDate,
			acceptedCents: tpInvoices.acceptedCents,
			paidCents: paymentInvoices.amountCents,
		})
		.from(paymentInvoices)
		.innerJoin(tpInvoices, eq(tpInvoices.id, paymentInvoices.invoiceId))
		.where(and(eq(paymentInvoices.paymentId, id), eq(tpInvoices.professionalId, professionalId)))
		.orderBy(asc(tpInvoices.careDate), asc(tpInvoices.id));
	const settled = await settledSoFar(
		db,
		rows.map((row) => row.id),
	);
	return {
		...payment,
		invoices: rows.map((row) => {
			const accepted = row.acceptedCents ?? 0;
			const settledCents = settled.get(row.id) ?? row.paidCents;
			return {
				...row,
				acceptedCents: accepted,
				settledCents,
				remainingCents: Math.max(0, accepted - settledCents),
			};
		}),
	};
}

export interface UnpaidInvoice {
	readonly id: number;
	readonly invoiceNumber: string;
	readonly memberNumber: string;
	readonly careDate: string;
	readonly acceptedCents: number;
	readonly settledCents: number;
	readonly remainingCents: number;
}

/** Accepted invoices not (fully) settled yet, oldest first: what the next transfers will pay. */
export async function listUnpaidInvoices(db: Database, professionalId: number): Promise<UnpaidInvoice[]> {
	const settled = sql<number>`coalesce((SELECT sum(${paymentInvoices.amountCents}) FROM ${paymentInvoices} WHERE ${paymentInvoices.invoiceId} = ${tpInvoices.id}), 0)`;
	const rows = await db
		.select({
			id: tpInvoices.id,
			invoiceNumber: tpInvoices.invoiceNumber,
			memberNumber: tpInvoices.memberNumberAsSent,
			careDate: tpInvoices.careDate,
			acceptedCents: tpInvoices.acceptedCents,
			settledCents: settled,
		})
		.from(tpInvoices)
		.where(
			and(
				eq(tpInvoices.professionalId, professionalId),
				inArray(tpInvoices.status, ["acceptee", "payee"]),
				sql`${tpInvoices.acceptedCents} > ${settled}`,
			),
		)
		.orderBy(asc(tpInvoices.careDate), asc(tpInvoices.id));
	return rows.map((row) => {
		const accepted = row.acceptedCents ?? 0;
		const settledCents = Number(row.settledCents);
		return { ...row, acceptedCents: accepted, settledCents, remainingCents: accepted - settledCents };
	});
}
