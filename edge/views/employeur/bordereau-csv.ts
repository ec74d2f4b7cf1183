// The lines of a contribution statement as CSV, for a payroll spreadsheet: the same format as the
// adhérent's exports (`;`, a UTF-8 byte-order mark, decimal commas, formulae escaped).
import Papa from "papaparse";
import type { StatementDetail } from "../../../core/employeur/statements.ts";
import { formatPlainAmount } from "../../../core/format.ts";
import { BYTE_ORDER_MARK } from "../adherent/remboursements-csv.ts";
import { OPTION_LABELS } from "./labels.ts";

export const BORDEREAU_CSV_HEADER = [
	"Période",
	"Contrat",
	"Catégorie",
	"Option",
	"Effectif",
	"Assiette (€)",
	"Taux (% du PMSS)",
	"Montant unitaire mensuel (€)",
	"Montant (€)",
	"Part entreprise (€)",
	"Part salariés (€)",
] as const;

const PERCENT = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2, useGrouping: false });

export function bordereauCsv(statement: StatementDetail): string {
	const data = statement.lines.map((line) => [
		statement.period,
		statement.contractNumber,
		line.categoryLabel,
		OPTION_LABELS[line.option],
		String(line.headcount),
		formatPlainAmount(line.baseCents),
		line.rateBp === null ? "" : PERCENT.format(line.rateBp / 100),
		line.unitAmountCents === null ? "" : formatPlainAmount(line.unitAmountCents),
		formatPlainAmount(line.amountCents),
		formatPlainAmount(line.employerCents),
		formatPlainAmount(line.employeeCents),
	]);
	return (
		BYTE_ORDER_MARK +
		Papa.unparse(
			{ fields: [...BORDEREAU_CSV_HEADER], data },
			{ delimiter: ";", newline: "\r\n", quotes: false, escapeFormulae: true },
		)
	);
}

export function bordereauFileName(statement: StatementDetail, extension: "csv" | "pdf"): string {
	return `bordereau-${statement.contractNumber.toLowerCase()}-${statement.period.toLowerCase()}.${extension}`;
}
