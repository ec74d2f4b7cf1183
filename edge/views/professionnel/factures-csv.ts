// The CSV export of the practice's invoices, for a spreadsheet as French users have it (the same
// choices as the espace adhérent's export: `;`, a byte-order mark, decimal commas, formulae escaped).
import Papa from "papaparse";
import { formatDay, formatPlainAmount } from "../../../core/format.ts";
import type { InvoiceRow } from "../../../core/professionnel/invoices.ts";
import { BYTE_ORDER_MARK } from "../adherent/remboursements-csv.ts";
import { INVOICE_STATUS_LABELS } from "./labels.ts";

export const INVOICES_CSV_HEADER = [
	"Numéro de facture",
	"Reçue le",
	"Date des soins",
	"Numéro d'adhérent",
	"Montant facturé (€)",
	"Part mutuelle demandée (€)",
	"Part mutuelle acceptée (€)",
	"Statut",
	"Code de rejet",
	"Motif de rejet",
	"Traitée le",
	"Payée le",
] as const;

export function facturesCsv(rows: readonly InvoiceRow[]): string {
	const data = rows.map((row) => [
		row.invoiceNumber,
		formatDay(row.receivedOn),
		formatDay(row.careDate),
		row.memberNumber,
		formatPlainAmount(row.chargedCents),
		formatPlainAmount(row.claimedCents),
		row.acceptedCents === null ? "" : formatPlainAmount(row.acceptedCents),
		INVOICE_STATUS_LABELS[row.status],
		row.rejection?.code ?? "",
		row.rejection?.label ?? "",
		row.processedOn ? formatDay(row.processedOn) : "",
		row.paidOn ? formatDay(row.paidOn) : "",
	]);
	return (
		BYTE_ORDER_MARK +
		Papa.unparse(
			{ fields: [...INVOICES_CSV_HEADER], data },
			{ delimiter: ";", newline: "\r\n", quotes: false, escapeFormulae: true },
		)
	);
}
