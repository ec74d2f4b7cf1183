// The group contract as a PDF: the company and the contract, then each catégorie objective with
// its offer, contributions, the employer's share (≥ 50 %, L911-7 CSS) and its guarantee table.
import type { GroupContract } from "../../../core/employeur/contract.ts";
import { formatDay } from "../../../core/format.ts";
import { PdfWriter } from "../../pdf/document.ts";
import { drawTable } from "../../pdf/table.ts";
import { GUARANTEE_NOTES } from "../adherent/garanties-labels.ts";
import { GUARANTEE_PDF_COLUMNS, guaranteePdfRows } from "../adherent/guarantee-table.tsx";
import { categoryFacts, contractFacts, EMPLOYER_SHARE_NOTE } from "./contrat-labels.ts";

export function contractFileName(contract: GroupContract): string {
	return `contrat-${contract.number.toLowerCase()}.pdf`;
}

export async function renderContratPdf(contract: GroupContract, now: Date): Promise<Uint8Array> {
	const title = `Contrat collectif n° ${contract.number}`;
	const writer = await PdfWriter.create({
		title,
		subject: `Contrat collectif de ${contract.company.name}`,
		keywords: ["contrat collectif", "tableau de garanties"],
		now,
	});
	writer.heading(title, 1);
	writer.facts(contractFacts(contract));
	writer.text(EMPLOYER_SHARE_NOTE, { size: 9 });
	for (const category of contract.categories) {
		writer.heading(category.label);
		writer.facts(categoryFacts(category));
		if (!category.table) {
			writer.text("Le tableau de garanties de cette offre n'est pas disponible en ligne pour le moment.");
			continue;
		}
		drawTable(writer, {
			caption: `${category.table.label}, en vigueur depuis le ${formatDay(category.table.effectiveFrom)}`,
			columns: GUARANTEE_PDF_COLUMNS,
			rows: guaranteePdfRows(category.guarantees),
			size: 8.5,
			rowHeaders: true,
		});
	}
	for (const note of GUARANTEE_NOTES) writer.text(note, { size: 8, muted: true, after: 2 });
	return writer.finish();
}
