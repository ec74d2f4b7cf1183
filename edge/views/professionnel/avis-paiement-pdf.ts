// The avis de paiement of one transfer, as a PDF: the insurer, the practice, the transfer (date,
// amount, reference) and every invoice it settles with what was accepted, what this transfer paid
// and what remains (a partial payment says so). Portrait A4, tagged (edge/pdf).
import { formatCents, formatDay } from "../../../core/format.ts";
import type { PaymentDetail } from "../../../core/professionnel/payments.ts";
import type { PracticeSummary } from "../../../core/professionnel/practice.ts";
import { PdfWriter } from "../../pdf/document.ts";
import { drawTable } from "../../pdf/table.ts";

export function settlementText(invoice: { readonly remainingCents: number }): string {
	return invoice.remainingCents > 0 ? `Partiel, reste ${formatCents(invoice.remainingCents)}` : "Réglée";
}

export async function renderPaymentNoticePdf(
	payment: PaymentDetail,
	practice: PracticeSummary,
	now: Date,
): Promise<Uint8Array> {
	const title = `Avis de paiement ${payment.reference}`;
	const writer = await PdfWriter.create({
		title,
		subject: `Virement du ${formatDay(payment.paidOn)} à ${practice.name}`,
		keywords: ["avis de paiement", "tiers payant", payment.reference],
		now,
	});
	writer.heading(title, 1);
	writer.facts([
		["Bénéficiaire du virement", `${practice.name}, ${practice.city}`],
		["Date du virement", formatDay(payment.paidOn)],
		["Montant", formatCents(payment.amountCents)],
		["Référence", payment.reference],
		["Factures réglées", String(payment.invoices.length)],
	]);
	drawTable(writer, {
		caption: "Factures réglées par ce virement",
		columns: [
			{ header: "Facture", weight: 3 },
			{ header: "Date des soins", weight: 2 },
			{ header: "N° d'adhérent", weight: 2 },
			{ header: "Acceptée", weight: 2, align: "right" },
			{ header: "Payée par ce virement", weight: 2, align: "right" },
			{ header: "Situation", weight: 3 },
		],
		rows: [
			...payment.invoices.map((invoice) => ({
				cells: [
					invoice.invoiceNumber,
					formatDay(invoice.careDate),
					invoice.memberNumber,
					formatCents(invoice.acceptedCents),
					formatCents(invoice.paidCents),
					settlementText(invoice),
				],
			})),
			{ kind: "total" as const, cells: ["Total du virement", formatCents(payment.amountCents), ""], span: 4 },
		],
		size: 8,
	});
	return writer.finish();
}
