// A contribution statement (bordereau / appel de cotisations) as a PDF: the company, the
// contract and the period, the lines per category and option, the totals and the payment status.
import type { StatementDetail } from "../../../core/employeur/statements.ts";
import { formatCents, formatDay } from "../../../core/format.ts";
import { PdfWriter } from "../../pdf/document.ts";
import { drawTable } from "../../pdf/table.ts";
import { lineRate } from "./bordereaux-page.tsx";
import { OPTION_LABELS, periodLabel } from "./labels.ts";
import { paymentStatus } from "./statements-table.tsx";

export async function renderBordereauPdf(statement: StatementDetail, now: Date): Promise<Uint8Array> {
	const title = `Bordereau de cotisations – ${periodLabel(statement.period)}`;
	const writer = await PdfWriter.create({
		title,
		subject: `Cotisations du contrat ${statement.contractNumber}`,
		keywords: ["bordereau de cotisations", statement.period],
		now,
		orientation: "landscape",
	});
	writer.heading(title, 1);
	writer.facts([
		["Entreprise", `${statement.company.name}, SIRET ${statement.company.siret}`],
		["Contrat", `n° ${statement.contractNumber}`],
		["Période", `du ${formatDay(statement.periodStart)} au ${formatDay(statement.periodEnd)}`],
		...(statement.pmssCents !== null
			? [["Plafond mensuel de la Sécurité sociale", formatCents(statement.pmssCents)] as const]
			: []),
		["Effectif", String(statement.headcount)],
		["Paiement", paymentStatus(statement)],
	]);
	drawTable(writer, {
		caption: "Cotisations par catégorie et option",
		columns: [
			{ header: "Catégorie", weight: 3 },
			{ header: "Option", weight: 1.3 },
			{ header: "Effectif", weight: 1.2, align: "right" },
			{ header: "Assiette", weight: 2, align: "right" },
			{ header: "Taux", weight: 2.2 },
			{ header: "Montant", weight: 1.8, align: "right" },
			{ header: "Part entreprise", weight: 1.8, align: "right" },
			{ header: "Part salariés", weight: 1.8, align: "right" },
		],
		rows: [
			...statement.lines.map((line) => ({
				cells: [
					line.categoryLabel,
					OPTION_LABELS[line.option],
					String(line.headcount),
					formatCents(line.baseCents),
					lineRate(line),
					formatCents(line.amountCents),
					formatCents(line.employerCents),
					formatCents(line.employeeCents),
				],
			})),
			{
				kind: "total" as const,
				span: 2,
				cells: [
					"Total",
					"",
					String(statement.headcount),
					"",
					"",
					formatCents(statement.totalCents),
					formatCents(statement.employerCents),
					formatCents(statement.employeeCents),
				],
			},
		],
		size: 8.5,
		rowHeaders: true,
	});
	return writer.finish();
}
