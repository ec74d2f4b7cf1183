// A relevé de prestations as a PDF, the online replacement of the paper décompte (article 3 of
// the CGU): the insurer, the member, every line (date of care, beneficiary, act, amount charged,
// SS base and rate, SS share and deductions, mutuelle share, remaining cost, paid to whom and
// when), totals per beneficiary and for the statement, and the transfers. Landscape A4.

import type { StatementDetail, Totals } from "../../../core/adherent/statements.ts";
import { formatCents, formatDay, formatInstantDay, formatRate } from "../../../core/format.ts";
import { PdfWriter } from "../../pdf/document.ts";
import { drawTable, type PdfRow } from "../../pdf/table.ts";
import {
	actLabel,
	beneficiaryLabel,
	paidToLabel,
	STATEMENT_NOTES,
	statementTitle,
} from "./releves-labels.ts";

function totalCells(label: string, totals: Totals): string[] {
	return [
		label,
		"",
		"",
		formatCents(totals.chargedCents),
		"",
		"",
		formatCents(totals.ssPaidCents),
		totals.deductionsCents > 0 ? formatCents(totals.deductionsCents) : "",
		formatCents(totals.mutuelleCents),
		formatCents(totals.remainingCents),
		"",
	];
}

export async function renderStatementPdf(detail: StatementDetail, now: Date): Promise<Uint8Array> {
	const { statement, member, groups, totals, transfers } = detail;
	const title = statementTitle(statement.month);
	const writer = await PdfWriter.create({
		title,
		subject: `${title}, adhérent n° ${member.memberNumber}`,
		keywords: ["relevé de prestations", statement.month],
		now,
		orientation: "landscape",
	});
	writer.heading(title, 1);
	writer.facts([
		["Adhérent", `${member.firstName} ${member.lastName}`],
		["Numéro d'adhérent", member.memberNumber],
		["Adresse", [...member.addressLines, `${member.postalCode} ${member.city}`].join(", ")],
		["Publié le", formatInstantDay(statement.publishedAt)],
		["Nombre d'actes", String(statement.lineCount)],
	]);

	const rows: PdfRow[] = [];
	for (const group of groups) {
		rows.push({ kind: "group", title: beneficiaryLabel(group) });
		for (const line of group.lines) {
			const deductions = line.participationForfaitaireCents + line.franchiseCents;
			rows.push({
				cells: [
					formatDay(line.careDate),
					group.firstName,
					actLabel(line),
					formatCents(line.chargedCents),
					formatCents(line.baseCents),
					formatRate(line.ssRateBp),
					formatCents(line.ssPaidCents),
					deductions > 0 ? formatCents(deductions) : "",
					formatCents(line.mutuelleCents),
					formatCents(line.remainingCents),
					`${paidToLabel(line)}${line.paymentDate ? `, le ${formatDay(line.paymentDate)}` : ""}`,
				],
			});
		}
		rows.push({ kind: "total", cells: totalCells(`Total ${group.firstName}`, group.totals), span: 3 });
	}
	rows.push({ kind: "total", cells: totalCells("Total du relevé", totals), span: 3 });
	drawTable(writer, {
		caption: "Détail des remboursements",
		columns: [
			{ header: "Date des soins", weight: 6.5 },
			{ header: "Bénéficiaire", weight: 7 },
			{ header: "Acte", weight: 15 },
			{ header: "Dépense", weight: 6.5, align: "right" },
			{ header: "Base SS", weight: 6.5, align: "right" },
			{ header: "Taux SS", weight: 4.5, align: "right" },
			{ header: "Part SS", weight: 6.5, align: "right" },
			{ header: "Particip. et franchise", weight: 6.5, align: "right" },
			{ header: "Part mutuelle", weight: 6.5, align: "right" },
			{ header: "Reste à charge", weight: 6.5, align: "right" },
			{ header: "Payé à, le", weight: 16 },
		],
		rows,
		size: 7.5,
	});

	writer.text(
		`Part mutuelle du relevé : ${formatCents(totals.mutuelleCents)}, dont ${formatCents(statement.paidToMemberCents)} versés sur votre compte et ${formatCents(statement.paidToProfessionalsCents)} aux professionnels de santé (tiers payant).`,
		{ size: 9, after: 6 },
	);
	if (transfers.length > 0) {
		drawTable(writer, {
			caption: "Virements sur votre compte",
			columns: [
				{ header: "Date", weight: 1 },
				{ header: "Montant", weight: 1, align: "right" },
				{ header: "Compte", weight: 2 },
				{ header: "Référence", weight: 2 },
			],
			rows: transfers.map((transfer) => ({
				cells: [
					formatDay(transfer.paidOn),
					formatCents(transfer.amountCents),
					transfer.ibanLast4 ? `se terminant par ${transfer.ibanLast4}` : "",
					transfer.reference,
				],
			})),
			size: 8,
		});
	}
	for (const note of STATEMENT_NOTES) writer.text(note, { size: 7.5, muted: true, after: 2 });
	return writer.finish();
}
