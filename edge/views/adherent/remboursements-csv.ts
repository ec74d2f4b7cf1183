// The CSV export of the member's reimbursement lines, for a spreadsheet as French users have it:
// `;` between fields, a UTF-8 byte-order mark (without it Excel reads the accents as Latin-1),
// amounts with a decimal comma and no currency sign, dates as "26/11/2026". Cells that a
// spreadsheet would take for a formula are escaped (a name starting with "=" stays text).
import Papa from "papaparse";
import type { PrestationLine } from "../../../core/adherent/prestations.ts";
import { formatDate, formatPlainAmount, PROFESSION_LABELS } from "./format.ts";

export const CSV_HEADER = [
	"Date des soins",
	"Bénéficiaire",
	"Acte",
	"Catégorie de soins",
	"Professionnel de santé",
	"Profession",
	"Quantité",
	"Montant dépensé (€)",
	"Base de remboursement (€)",
	"Taux Sécurité sociale (%)",
	"Participation forfaitaire (€)",
	"Franchise médicale (€)",
	"Part Sécurité sociale (€)",
	"Part mutuelle (€)",
	"Reste à charge (€)",
	"Part mutuelle versée à",
	"Date de paiement",
] as const;

const PERCENT = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2, useGrouping: false });

export const BYTE_ORDER_MARK = "\uFEFF";

export function remboursementsCsv(lines: readonly PrestationLine[]): string {
	const data = lines.map((line) => [
		formatDate(line.careDate),
		`${line.beneficiary.firstName} ${line.beneficiary.lastName}`,
		line.act.label,
		line.category.label,
		line.professional?.name ?? "",
		line.professional ? PROFESSION_LABELS[line.professional.profession] : "",
		String(line.quantity),
		formatPlainAmount(line.chargedCents),
		formatPlainAmount(line.baseCents),
		PERCENT.format(line.ssRateBp / 100),
		formatPlainAmount(line.participationForfaitaireCents),
		formatPlainAmount(line.franchiseCents),
		formatPlainAmount(line.ssPaidCents),
		formatPlainAmount(line.mutuelleCents),
		formatPlainAmount(line.remainingCents),
		line.paidTo === "member" ? "Vous" : "Professionnel (tiers payant)",
		line.paymentDate ? formatDate(line.paymentDate) : "",
	]);
	return (
		BYTE_ORDER_MARK +
		Papa.unparse(
			{ fields: [...CSV_HEADER], data },
			{ delimiter: ";", newline: "\r\n", quotes: false, escapeFormulae: true },
		)
	);
}

/** `remboursements-2026-11-26.csv`. */
export function csvFileName(today: string): string {
	return `remboursements-${today}.csv`;
}
