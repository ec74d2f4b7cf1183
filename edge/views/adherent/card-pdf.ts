// The attestation de tiers payant as a PDF (DOMAIN.md §2, Inter-AMC harmonised layout), in the
// shared frame of edge/pdf: the pavé normalisé at the top left with its five labels (validity
// period first, then numéro AMC, type de convention, critère secondaire de routage, numéro
// d'adhérent), the datamatrix carrying the same content beside it, the "R" of a contrat
// responsable, the beneficiaries, the care domains with the codes and levels the insurer
// configures, and the QR code for health professionals. Barcodes are drawn module by module
// (bwip-js `raw` for the datamatrix, loaded on first use by datamatrix.ts, uqr `encode` for the QR code): no image, no font needed.
// The platform-neutral build: `raw` needs neither a canvas nor Node, so it runs on Workers too.
// Tagged like the card's page (edge/views/adherent/carte.tsx): the pavé is a table of labelled
// values, each code a figure with the same text alternative as on the page, the "R" box an
// artifact beside the words "Contrat responsable" (it is hidden from screen readers there too).
import type { PDFPage } from "pdf-lib";
import { encode } from "uqr";
import {
	datamatrixContent,
	formatNir,
	type MemberCard,
	type ProfessionalAccess,
} from "../../../core/adherent/card.ts";
import { datamatrixModules } from "../../../core/adherent/datamatrix.ts";
import { formatDay } from "../../../core/format.ts";
import { relationshipLabels } from "../../../schema/enums.ts";
import { INK, MUTED, PdfWriter, RULE } from "../../pdf/document.ts";
import { drawTable } from "../../pdf/table.ts";
import { pdfSafe } from "../../pdf/text.ts";

/** Dark modules of the QR code (error correction M, quiet zone drawn by the caller's margin). */
export function qrModules(text: string): boolean[][] {
	return encode(text, { ecc: "M", border: 0 }).data;
}

function drawModules(page: PDFPage, modules: boolean[][], x: number, top: number, size: number): void {
	const count = Math.max(modules.length, modules[0]?.length ?? 0);
	const cell = size / count;
	modules.forEach((row, r) => {
		row.forEach((dark, col) => {
			if (!dark) return;
			// A hair wider than the cell, so that anti-aliasing leaves no seams between modules.
			page.drawRectangle({
				x: x + col * cell,
				y: top - (r + 1) * cell,
				width: cell + 0.05,
				height: cell + 0.05,
				color: INK,
			});
		});
	});
}

export interface CardPdfInput {
	readonly card: MemberCard;
	readonly access: ProfessionalAccess;
	readonly now: Date;
}

export async function renderCardPdf({ card, access, now }: CardPdfInput): Promise<Uint8Array> {
	const writer = await PdfWriter.create({
		title: "Attestation de tiers payant",
		subject: `Attestation de tiers payant valable du ${formatDay(card.validFrom)} au ${formatDay(card.validTo)}`,
		keywords: ["tiers payant", "attestation", card.amcNumber],
		now,
		// The card prints no title of its own: the one in the page header is its heading.
		titleIsHeading: true,
	});
	const { margin, bold, regular } = writer;
	const top = writer.y;

	// The pavé normalisé, top left: its five labels, even when a value is empty.
	const pave: [string, string][] = [
		["Période de validité", `du ${formatDay(card.validFrom)} au ${formatDay(card.validTo)}`],
		["Numéro AMC", card.amcNumber],
		["Type de convention", card.conventionType],
		["Critère secondaire de routage", card.routingCriterion],
		["Numéro d'adhérent", card.memberNumber],
	];
	const paveWidth = 300;
	const rowHeight = 16;
	const paveHeight = pave.length * rowHeight + 8;
	writer.artifact("Layout", (page) =>
		page.drawRectangle({
			x: margin,
			y: top - paveHeight,
			width: paveWidth,
			height: paveHeight,
			borderColor: INK,
			borderWidth: 1,
		}),
	);
	const paveTable = writer.element("Table");
	pave.forEach(([label, value], index) => {
		const y = top - 4 - (index + 1) * rowHeight + 4;
		const row = writer.element("TR", paveTable);
		writer.mark(writer.element("TH", row, { scope: "Row" }), (page) =>
			page.drawText(pdfSafe(`${label} :`, bold), { x: margin + 6, y, size: 8.5, font: bold, color: INK }),
		);
		writer.mark(writer.element("TD", row), (page) =>
			page.drawText(pdfSafe(value, index === 0 ? bold : regular), {
				x: margin + 150,
				y,
				size: index === 0 ? 9.5 : 9,
				font: index === 0 ? bold : regular,
				color: INK,
			}),
		);
	});

	// The datamatrix beside it, with the same content; then the "R" of a contrat responsable.
	const matrixSize = paveHeight;
	const matrixX = margin + paveWidth + 16;
	const matrix = writer.element("Figure", undefined, {
		alt: "Datamatrix de l'attestation : il reprend le pavé normalisé ci-contre.",
		bbox: [matrixX, top - matrixSize, matrixX + matrixSize, top],
	});
	const modules = await datamatrixModules(datamatrixContent(card));
	writer.mark(matrix, (page) => drawModules(page, modules, matrixX, top, matrixSize));
	if (card.offer?.responsible) {
		const x = matrixX + matrixSize + 20;
		writer.artifact("Layout", (page) => {
			page.drawRectangle({ x, y: top - 40, width: 40, height: 40, borderColor: INK, borderWidth: 1.5 });
			page.drawText("R", { x: x + 12, y: top - 31, size: 24, font: bold, color: INK });
		});
		writer.mark(writer.element("P"), (page) =>
			page.drawText("Contrat responsable", { x, y: top - 52, size: 7, font: regular, color: MUTED }),
		);
	}
	writer.y = top - paveHeight - 14;

	writer.facts([
		["Adhérent", `${card.holder.firstName} ${card.holder.lastName}`],
		["Offre", card.offer?.label ?? "–"],
	]);

	writer.heading("Bénéficiaires");
	drawTable(writer, {
		columns: [
			{ header: "Nom", weight: 3 },
			{ header: "Prénom", weight: 3 },
			{ header: "Qualité", weight: 2.2 },
			{ header: "N° de sécurité sociale", weight: 3.6 },
			{ header: "Date de naissance", weight: 2.4 },
		],
		rows: card.beneficiaries.map((person) => ({
			cells: [
				person.lastName.toUpperCase(),
				person.firstName,
				relationshipLabels[person.relationship],
				person.nir ? formatNir(person.nir) : "–",
				formatDay(person.birthDate),
			],
		})),
		size: 9,
	});

	writer.heading("Garanties en tiers payant");
	drawTable(writer, {
		columns: [
			{ header: "Code", weight: 1 },
			{ header: "Domaine de soins", weight: 4 },
			{ header: "Niveau", weight: 2 },
		],
		rows: card.domains.map((domain) => ({ cells: [domain.code, domain.label ?? domain.code, domain.value] })),
		size: 9,
	});

	// The QR code for health professionals, with what it is for.
	const qrSize = 96;
	writer.ensureSpace(qrSize + 16);
	const qrTop = writer.y - 4;
	const qr = writer.element("Figure", undefined, {
		alt: "QR code réservé aux professionnels de santé : il ouvre les droits de cette attestation.",
		bbox: [margin, qrTop - qrSize, margin + qrSize, qrTop],
	});
	writer.mark(qr, (page) => drawModules(page, qrModules(access.url), margin, qrTop, qrSize));
	writer.artifact("Layout", (page) =>
		page.drawLine({
			start: { x: margin + qrSize + 12, y: qrTop },
			end: { x: margin + qrSize + 12, y: qrTop - qrSize },
			thickness: 0.5,
			color: RULE,
		}),
	);
	// Two paragraphs, the first broken over two lines by hand.
	const paragraphs = [
		[
			"Professionnels de santé : scannez ce code pour consulter",
			"les droits de cette attestation sans saisie.",
		],
		[`Code valable jusqu'au ${formatDay(access.lastDay)} inclus.`],
	];
	let index = 0;
	for (const lines of paragraphs) {
		const paragraph = writer.element("P");
		for (const line of lines) {
			const y = qrTop - 14 - index * 13;
			writer.mark(paragraph, (page) =>
				page.drawText(pdfSafe(line, regular), {
					x: margin + qrSize + 22,
					y,
					size: 9,
					font: regular,
					color: INK,
				}),
			);
			index++;
		}
	}
	writer.y = qrTop - qrSize - 12;

	writer.text(
		"Présentez cette attestation avec votre carte Vitale. Le datamatrix reprend le pavé normalisé.",
		{
			size: 8.5,
			muted: true,
		},
	);
	return writer.finish();
}
