import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { PdfWriter } from "./document.ts";
import { formatCents, formatDay, formatInstantDay, formatMonth, formatRate } from "./format.ts";
import { pdfResponse, safeFileName } from "./response.ts";
import { drawTable } from "./table.ts";
import { ensurePdftotext, pdfText } from "./testing.ts";

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
