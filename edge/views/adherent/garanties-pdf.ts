// The guarantee table as a PDF (« téléchargement du descriptif de garanties », article 3 of the
// CGU): the insurer, the member, the offer, the table by care category, the payment terms.

import type { MemberGuarantees } from "../../../core/adherent/guarantees.ts";
import { formatDay } from "../../../core/format.ts";
import { PdfWriter } from "../../pdf/document.ts";
import { drawTable } from "../../pdf/table.ts";
import {
	contributionAmount,
	contributionSchedule,
	coveredPerson,
	GUARANTEE_NOTES,
	REIMBURSEMENT_NOTES,
	reimbursementAccount,
} from "./garanties-labels.ts";
import { GUARANTEE_PDF_COLUMNS, guaranteePdfRows } from "./guarantee-table.tsx";

export function guaranteesFileName(guarantees: MemberGuarantees): string {
	return `garanties-${guarantees.offer.code.toLowerCase()}.pdf`;
}

export async function renderGuaranteesPdf(guarantees: MemberGuarantees, now: Date): Promise<Uint8Array> {
	const { member, offer, table, categories, contract, covered } = guarantees;
	const title = `Tableau de garanties – ${offer.label}`;
	const writer = await PdfWriter.create({
		title,
		subject: `Garanties du contrat ${contract.number}`,
		keywords: ["tableau de garanties", offer.label],
		now,
	});
	writer.heading(title, 1);
	writer.facts([
		["Adhérent", `${member.firstName} ${member.lastName}`],
		["Numéro d'adhérent", member.memberNumber],
		["Adresse", [...member.addressLines, `${member.postalCode} ${member.city}`].join(", ")],
		["Contrat", `n° ${contract.number}, depuis le ${formatDay(contract.startDate)}`],
		["Offre", `${offer.label}${offer.responsible ? ", contrat responsable et solidaire" : ""}`],
		["Personnes couvertes", covered.map(coveredPerson).join(", ")],
	]);
	if (table) {
		drawTable(writer, {
			caption: `${table.label}, en vigueur depuis le ${formatDay(table.effectiveFrom)}`,
			columns: GUARANTEE_PDF_COLUMNS,
			rows: guaranteePdfRows(categories),
			size: 8.5,
			// The care names its line, as on the page (`<th scope="row">`).
			rowHeaders: true,
		});
	} else {
		writer.text("Le tableau de garanties de votre offre n'est pas disponible en ligne pour le moment.");
	}
	for (const note of GUARANTEE_NOTES) writer.text(note, { size: 8, muted: true, after: 2 });

	writer.heading("Cotisation");
	writer.facts([
		["Montant", `${contributionAmount(contract)}, toutes personnes couvertes comprises`],
		["Paiement", contributionSchedule(contract)],
		...(contract.mandate ? [["Mandat de prélèvement", contract.mandate.rum] as const] : []),
	]);
	writer.heading("Remboursements");
	writer.facts([["Compte de remboursement", reimbursementAccount(contract)]]);
	for (const note of REIMBURSEMENT_NOTES) writer.text(note, { size: 8.5, after: 2 });
	return writer.finish();
}
