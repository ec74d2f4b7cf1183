import { PDFBool, PDFDict, PDFDocument, PDFName, PDFString } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { formatCents, formatDay, formatInstantDay, formatMonth, formatRate } from "../../core/format.ts";
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
} from "../../tests/support/pdf.ts";
import { PdfWriter } from "./document.ts";
import { pdfResponse, safeFileName } from "./response.ts";
import { drawTable } from "./table.ts";

const NOW = new Date("2026-11-26T09:00:00Z");

beforeAll(() => ensurePdftotext(), 300_000);

describe("the French formats", () => {
	it("writes money, days, months and rates as French readers expect", () => {
		expect(formatCents(1250).replace(/\s/g, " ")).toBe("12,50 €");
		expect(formatCents(123456).replace(/\s/g, " ")).toBe("1 234,56 €");
		expect(formatDay("2026-11-26")).toBe("26/11/2026");
		expect(formatMonth("2026-10")).toBe("octobre 2026");
		expect(formatRate(7000).replace(/\s/g, " ")).toBe("70 %");
		expect(formatRate(1250).replace(/\s/g, " ")).toBe("12,5 %");
		// 23:30 UTC on 30 November is already 1 December in Paris.
		expect(formatInstantDay(new Date("2026-11-30T23:30:00Z"))).toBe("01/12/2026");
	});
});

describe("a PDF written in the frame", () => {
	it("carries the insurer's identity, its metadata and numbered pages", async () => {
		const writer = await PdfWriter.create({ title: "Document d'essai", subject: "Essai", now: NOW });
		writer.heading("Un titre", 1);
		writer.text("Un paragraphe où l'on trouve « des guillemets », 1 234,56 € et œ.");
		drawTable(writer, {
			caption: "Une longue table",
			columns: [
				{ header: "Ligne", weight: 1 },
				{ header: "Montant", weight: 1, align: "right" },
			],
			rows: [
				{ kind: "group", title: "Premier groupe" },
				...Array.from({ length: 120 }, (_, i) => ({ cells: [`Ligne ${i + 1}`, formatCents(i * 100)] })),
				{ kind: "total", cells: ["Total", formatCents(714_000)] },
			],
		});
		const bytes = await writer.finish();
		const loaded = await PDFDocument.load(bytes, { updateMetadata: false });
		const pages = loaded.getPageCount();
		expect(pages).toBeGreaterThan(1);
		expect(loaded.getTitle()).toBe("Document d'essai");
		expect(loaded.getAuthor()).toBe("Harmonie Mutuelle");
		expect(loaded.getCreationDate()?.toISOString()).toBe(NOW.toISOString());
		const text = await pdfText(bytes);
		const pageTexts = text.split("\f").filter(Boolean);
		expect(pageTexts).toHaveLength(pages);
		pageTexts.forEach((page, i) => {
			expect(page).toContain("Harmonie Mutuelle");
			expect(page).toContain(`Page ${i + 1} sur ${pages}`);
			// The header row is repeated on every page of the table.
			expect(page).toContain("Montant");
		});
		expect(text).toContain("« des guillemets », 1 234,56 € et œ.");
		expect(text).toContain("Ligne 120");
		expect(text).toContain("édité le 26/11/2026");
	});

	it("wraps a long cell instead of cutting it", async () => {
		const writer = await PdfWriter.create({ title: "Essai", now: NOW, orientation: "landscape" });
		const long = "Aide auditive à tarif libre (classe II) posée par un audioprothésiste du réseau";
		drawTable(writer, {
			columns: [
				{ header: "Acte", weight: 1 },
				{ header: "Autre", weight: 8 },
			],
			rows: [{ cells: [long, "x"] }],
		});
		const text = await pdfText(await writer.finish());
		for (const word of long.split(" ")) expect(text).toContain(word);
	});

	it("replaces what the standard font cannot draw instead of failing", async () => {
		const writer = await PdfWriter.create({ title: "Essai ✓", now: NOW });
		writer.text("Nom : Nguyễn ✓\u202f%");
		const text = await pdfText(await writer.finish());
		expect(text).toContain("Nguy?n ? %");
	});
});

describe("the structure of a PDF (tagged for screen readers)", () => {
	const wrapped =
		"Ce paragraphe est assez long pour que le rédacteur le coupe sur plusieurs lignes : il reste pourtant un seul paragraphe, que le lecteur d'écran lit d'un trait, sans s'arrêter au bout de chaque ligne dessinée.";
	const continued = Array.from(
		{ length: 12 },
		(_, i) => `Phrase ${i + 1} d'un paragraphe commencé en bas d'une page et fini sur la suivante.`,
	).join(" ");
	const address =
		"Résidence des Tilleuls, bâtiment B, escalier 4, 27 rue Paul Bert, 69003 Lyon, France métropolitaine";

	async function writeLongDocument(): Promise<Uint8Array> {
		const writer = await PdfWriter.create({ title: "Document d'essai", now: NOW });
		writer.heading("Un titre", 1);
		writer.facts([
			["Adhérent", "Julien Mercier"],
			["Adresse", address],
		]);
		writer.heading("Une section");
		writer.text(wrapped);
		drawTable(writer, {
			caption: "Une longue table",
			columns: [
				{ header: "Ligne", weight: 1 },
				{ header: "Montant", weight: 1, align: "right" },
			],
			rows: [
				{ kind: "group", title: "Premier groupe" },
				...Array.from({ length: 120 }, (_, i) => ({ cells: [`Ligne ${i + 1}`, formatCents(i * 100)] })),
				{ kind: "total", cells: ["Total", formatCents(714_000)] },
			],
		});
		// Three lines above the footer: the paragraph goes on over the page break.
		writer.y = writer.bottom + 30;
		writer.text(continued);
		return writer.finish();
	}

	const childrenOf = (node: PdfStructNode | undefined) => node?.children.map((child) => child.type);

	it("is tagged, in French, with every drawn thing either in the tree or an artifact", async () => {
		const bytes = await writeLongDocument();
		expect((await pdfInfo(bytes)).Tagged).toBe("yes");
		expect(await taggingProblems(bytes)).toEqual([]);
		const loaded = await PDFDocument.load(bytes, { updateMetadata: false });
		expect(loaded.catalog.lookup(PDFName.of("Lang"), PDFString).decodeText()).toBe("fr-FR");
		const preferences = loaded.catalog.lookup(PDFName.of("ViewerPreferences"), PDFDict);
		expect(preferences.lookup(PDFName.of("DisplayDocTitle"))).toBe(PDFBool.True);
	});

	it("has headings, paragraphs and tables in reading order, each one element whatever its lines and pages", async () => {
		const bytes = await writeLongDocument();
		const roots = await pdfStructure(bytes);
		expect(roots.map((root) => root.type)).toEqual(["Document"]);
		const [document] = roots;
		expect(childrenOf(document)).toEqual(["H1", "Table", "H2", "P", "Table", "P"]);
		const [h1, facts, h2, paragraph, table, last] = document?.children ?? [];
		expect(h1?.lines).toEqual(["Un titre"]);
		expect(h2?.lines).toEqual(["Une section"]);

		// Label/value pairs: a row header and its value, the value on two lines in one cell.
		const [, addressRow] = facts?.children ?? [];
		expect(childrenOf(addressRow)).toEqual(["TH", "TD"]);
		expect(addressRow?.children[0]?.attributes).toEqual({ Scope: "/Row" });
		expect(addressRow?.children[0]?.lines).toEqual(["Adresse"]);
		expect(addressRow?.children[1]?.lines.length).toBeGreaterThan(1);
		expect(structText(addressRow?.children[1] as PdfStructNode)).toBe(address);

		// A paragraph drawn over several lines is one P.
		expect(paragraph?.lines.length).toBeGreaterThan(1);
		expect(structText(paragraph as PdfStructNode)).toBe(wrapped);

		// The table: its caption, one header row (not one per page), a group row, 120 rows, the total.
		const rows = table?.children.filter((child) => child.type === "TR") ?? [];
		expect(table?.children[0]?.type).toBe("Caption");
		expect(structText(table?.children[0] as PdfStructNode)).toBe("Une longue table");
		expect(rows).toHaveLength(1 + 1 + 120 + 1);
		const [header, group, firstRow] = rows;
		expect(header?.children.map((cell) => [cell.type, cell.attributes.Scope, structText(cell)])).toEqual([
			["TH", "/Column", "Ligne"],
			["TH", "/Column", "Montant"],
		]);
		expect(group?.children.map((cell) => [cell.type, cell.attributes, structText(cell)])).toEqual([
			["TH", { Scope: "/Row", ColSpan: "2" }, "Premier groupe"],
		]);
		expect(firstRow?.children.map((cell) => [cell.type, structText(cell)])).toEqual([
			["TD", "Ligne 1"],
			["TD", "0,00 €"],
		]);
		expect(rows.at(-1)?.children.map((cell) => [cell.type, cell.attributes.Scope, structText(cell)])).toEqual(
			[
				["TH", "/Row", "Total"],
				["TD", undefined, "7 140,00 €"],
			],
		);
		expect(structNodes(roots).filter((node) => structText(node) === "Montant")).toHaveLength(1);

		// The last paragraph is one P although its lines are on two pages.
		expect(structText(last as PdfStructNode)).toBe(continued);
		const elements = await pdfStructElements(bytes);
		const pages = (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
		expect(elements.at(-1)?.type).toBe("P");
		expect(new Set(elements.at(-1)?.pages)).toEqual(new Set([pages - 1, pages]));
		// The table's cells are on every page but the last.
		const cellPages = new Set(elements.filter((element) => element.type === "TD").flatMap((e) => e.pages));
		expect(cellPages).toEqual(new Set(Array.from({ length: pages - 1 }, (_, i) => i + 1)));
	});

	it("leaves the page furniture out of the tree while it stays on every page", async () => {
		const bytes = await writeLongDocument();
		const tree = (await pdfStructure(bytes)).map(structText).join(" ");
		for (const furniture of [
			"Harmonie Mutuelle",
			"Mutuelle soumise aux dispositions",
			"Document d'essai",
			"Page 1 sur",
			"édité le",
		]) {
			expect(tree, furniture).not.toContain(furniture);
		}
		const pageTexts = (await pdfText(bytes)).split("\f").filter(Boolean);
		expect(pageTexts.length).toBeGreaterThan(2);
		pageTexts.forEach((page, i) => {
			expect(page).toContain("Mutuelle soumise aux dispositions");
			expect(page).toContain("Document d'essai");
			expect(page).toContain(`Page ${i + 1} sur ${pageTexts.length}`);
			expect(page).toContain("édité le 26/11/2026");
		});
	});

	it("makes the header's title the H1 of a document that draws none, once", async () => {
		const writer = await PdfWriter.create({ title: "Attestation d'essai", now: NOW, titleIsHeading: true });
		writer.heading("Une section");
		for (let i = 0; i < 80; i++) writer.text(`Paragraphe ${i + 1}.`);
		const bytes = await writer.finish();
		expect(await taggingProblems(bytes)).toEqual([]);
		const roots = await pdfStructure(bytes);
		const [h1, h2] = roots[0]?.children ?? [];
		expect([h1?.type, h1?.lines]).toEqual(["H1", ["Attestation d'essai"]]);
		expect([h2?.type, h2?.lines]).toEqual(["H2", ["Une section"]]);
		expect(structNodes(roots).filter((node) => node.lines.includes("Attestation d'essai"))).toHaveLength(1);
		const pageTexts = (await pdfText(bytes)).split("\f").filter(Boolean);
		expect(pageTexts.length).toBeGreaterThan(1);
		for (const page of pageTexts) expect(page).toContain("Attestation d'essai");
	});
});

describe("a PDF response", () => {
	it("is an attachment with a plain file name, never stored", async () => {
		expect(safeFileName("relevé 2026/10")).toBe("releve-2026-10.pdf");
		const { Hono } = await import("hono");
		const app = new Hono().get("/", (c) =>
			pdfResponse(c, new Uint8Array([37, 80, 68, 70]), "releve-2026-10.pdf"),
		);
		const response = await app.request("/");
		expect(response.headers.get("Content-Type")).toBe("application/pdf");
		expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="releve-2026-10.pdf"');
		expect(response.headers.get("Cache-Control")).toBe("no-store");
	});
});
