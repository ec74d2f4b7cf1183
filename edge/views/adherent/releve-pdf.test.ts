import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import type { StatementDetail, StatementLine, Totals } from "../../../core/adherent/statements.ts";
import {
	ensurePdftotext,
	type PdfStructNode,
	pdfInfo,
	pdfStructElements,
	pdfStructure,
	pdfText,
	structNodes,
	structText,
	taggingProblems,
} from "../../../tests/support/pdf.ts";
import { renderStatementPdf } from "./releve-pdf.ts";
import { STATEMENT_NOTES, statementTitle } from "./releves-labels.ts";

const NOW = new Date("2026-11-26T09:00:00Z");

beforeAll(() => ensurePdftotext(), 300_000);

function line(i: number): StatementLine {
	return {
		id: i,
		careDate: `2026-10-${String(1 + (i % 28)).padStart(2, "0")}`,
		actCode: i % 4 === 0 ? "AUDII" : "G",
		actLabel: i % 4 === 0 ? "Aide auditive à tarif libre (classe II)" : "Consultation de médecin généraliste",
		quantity: 1,
		chargedCents: 3000,
		baseCents: 3000,
		ssRateBp: 7000,
		ssPaidCents: 1900,
		participationForfaitaireCents: 200,
		franchiseCents: 0,
		mutuelleCents: 900,
		remainingCents: 200,
		paidTo: i % 2 === 0 ? "member" : "professional",
		professionalName: i % 2 === 0 ? null : "Pharmacie des Terreaux",
		paymentDate: "2026-10-23",
	};
}

function totals(count: number): Totals {
	return {
		chargedCents: 3000 * count,
		ssPaidCents: 1900 * count,
		mutuelleCents: 900 * count,
		remainingCents: 200 * count,
		deductionsCents: 200 * count,
	};
}

/** A family of four with ten lines each: a busy month. */
const busyMonth: StatementDetail = {
	statement: {
		id: 1,
		month: "2026-10",
		publishedAt: new Date("2026-11-01T05:00:00Z"),
		lineCount: 40,
		...totals(40),
		paidToMemberCents: 900 * 20,
		paidToProfessionalsCents: 900 * 20,
		postedAt: null,
	},
	member: {
		memberNumber: "400000001",
		firstName: "Julien",
		lastName: "Mercier",
		addressLines: ["27 rue Paul Bert"],
		postalCode: "69003",
		city: "Lyon",
		paperStatements: false,
	},
	groups: ["Julien", "Camille", "Léa", "Hugo"].map((firstName, g) => ({
		beneficiaryId: g + 1,
		firstName,
		lastName: "Mercier",
		relationship: g === 0 ? "adherent" : g === 1 ? "conjoint" : "enfant",
		lines: Array.from({ length: 10 }, (_, i) => line(g * 10 + i)),
		totals: totals(10),
	})),
	totals: totals(40),
	transfers: [{ paidOn: "2026-10-23", amountCents: 18_000, reference: "RB0000000156", ibanLast4: "0247" }],
};

describe("a statement PDF", () => {
	it("lays forty lines over numbered pages, each line with its beneficiary, and the totals", async () => {
		const bytes = await renderStatementPdf(busyMonth, NOW);
		const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
		const pages = pdf.getPageCount();
		expect(pages).toBeGreaterThan(1);
		const text = await pdfText(bytes);
		expect(text).toContain(`Page 1 sur ${pages}`);
		expect(text).toContain(`Page ${pages} sur ${pages}`);
		expect(text).toContain(
			"12/10/2026 Hugo Consultation de médecin généraliste 30,00 € 30,00 € 70 % 19,00 € 2,00 € 9,00 €",
		);
		expect(text).toContain("Total Léa 300,00 €");
		expect(text).toContain("Total du relevé 1 200,00 € 760,00 € 80,00 € 360,00 € 80,00 €");
		expect(text).toContain("se terminant par 0247");
	});

	it("is tagged: title, member, the detail and the transfers as tables, the notes, no page furniture", async () => {
		const bytes = await renderStatementPdf(busyMonth, NOW);
		expect((await pdfInfo(bytes)).Tagged).toBe("yes");
		expect(await taggingProblems(bytes)).toEqual([]);
		const roots = await pdfStructure(bytes);
		const [document] = roots;
		expect(roots.map((root) => root.type)).toEqual(["Document"]);
		expect(document?.children.map((child) => child.type)).toEqual([
			"H1",
			"Table",
			"Table",
			"P",
			"Table",
			"P",
			"P",
			"P",
		]);
		const [h1, facts, detail, share, transfers, ...notes] = document?.children ?? [];
		const title = statementTitle("2026-10");
		expect(h1?.lines).toEqual([title]);
		expect(facts?.children.map((row) => row.children.map(structText))).toContainEqual([
			"Numéro d'adhérent",
			"400000001",
		]);
		expect(structText(share as PdfStructNode)).toContain("dont 180,00 € versés sur votre compte");
		expect(notes.map(structText)).toEqual(STATEMENT_NOTES);

		// The detail: caption, one header row of eleven columns (a header wrapped on two lines is
		// one cell), then per beneficiary a group row, ten lines and a total: one table over the pages.
		const rows = detail?.children.filter((child) => child.type === "TR") ?? [];
		expect(structText(detail?.children[0] as PdfStructNode)).toBe("Détail des remboursements");
		expect(rows).toHaveLength(1 + 4 * 12 + 1);
		const header = rows[0]?.children ?? [];
		expect(header.map((cell) => [cell.type, cell.attributes.Scope])).toEqual(
			Array.from({ length: 11 }, () => ["TH", "/Column"]),
		);
		expect(header[0]?.lines).toEqual(["Date des", "soins"]);
		expect(header.map(structText).slice(0, 4)).toEqual(["Date des soins", "Bénéficiaire", "Acte", "Dépense"]);
		expect(rows[1]?.children.map((cell) => [cell.type, cell.attributes, structText(cell)])).toEqual([
			["TH", { Scope: "/Row", ColSpan: "11" }, "Julien Mercier (adhérent)"],
		]);
		expect(rows.map((row) => row.children.map(structText))).toContainEqual([
			"12/10/2026",
			"Hugo",
			"Consultation de médecin généraliste",
			"30,00 €",
			"30,00 €",
			"70 %",
			"19,00 €",
			"2,00 €",
			"9,00 €",
			"2,00 €",
			"Pharmacie des Terreaux (tiers payant), le 23/10/2026",
		]);
		const leaTotal = rows.find((row) => structText(row.children[0] as PdfStructNode) === "Total Léa");
		expect(leaTotal?.children.map((cell) => cell.type)).toEqual([
			"TH",
			...Array.from({ length: 8 }, () => "TD"),
		]);
		expect(leaTotal?.children[0]?.attributes).toEqual({ Scope: "/Row", ColSpan: "3" });
		expect(leaTotal?.children[1]?.lines).toEqual(["300,00 €"]);
		expect(structText(rows.at(-1)?.children[0] as PdfStructNode)).toBe("Total du relevé");
		expect(transfers?.children.at(-1)?.children.map(structText)).toEqual([
			"23/10/2026",
			"180,00 €",
			"se terminant par 0247",
			"RB0000000156",
		]);

		const pages = (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
		const cellPages = (await pdfStructElements(bytes))
			.filter((element) => element.type === "TD")
			.flatMap((element) => element.pages);
		expect(new Set(cellPages).size).toBe(pages);

		// The header, the footer and the repeated column headers are on the pages, not in the tree.
		const tree = structNodes(roots).flatMap((node) => node.lines);
		expect(tree.filter((line) => line === title)).toHaveLength(1);
		expect(tree.filter((line) => line === "Bénéficiaire")).toHaveLength(1);
		for (const line of tree) {
			expect(line).not.toMatch(/Page \d+ sur|édité le|Mutuelle soumise|Harmonie Mutuelle/);
		}
		const pageTexts = (await pdfText(bytes)).split("\f").filter(Boolean);
		expect(pageTexts.filter((page) => page.includes("Bénéficiaire")).length).toBeGreaterThan(1);
		for (const page of pageTexts) expect(page).toContain(title);
	});
});
