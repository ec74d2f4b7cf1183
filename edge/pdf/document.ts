// The frame of every PDF the spaces hand out (relevés de prestations, tableau de garanties, carte
// de tiers payant…): A4, the insurer's identity from core/organisation.ts at the top of each
// page, "Page 1 sur 3" and the day of issue at the bottom, the document's metadata (title,
// author, language, dates from the injected clock). A writer keeps a cursor and opens a new page
// whenever the next block does not fit, so callers only say what comes next.
// Every PDF is tagged (tagging.ts): what callers draw through the writer becomes headings,
// paragraphs and tables of the structure tree, while the frame (header, footer, rules, shading)
// is drawn as artifacts, so a screen reader reads the document once, not the page furniture.
// Callers drawing on a page themselves wrap it in `mark` or `artifact`.
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import { formatInstantDay } from "../../core/format.ts";
import { organisation } from "../../core/organisation.ts";
import {
	type ArtifactKind,
	type ElementOptions,
	type StructElement,
	type StructTag,
	StructureTree,
} from "./tagging.ts";
import { pdfSafe, wrapText } from "./text.ts";

export interface PdfFrameOptions {
	/** Title of the document: its metadata and the top right of every page. */
	readonly title: string;
	readonly subject?: string;
	readonly keywords?: readonly string[];
	/** The clock's instant: creation date and "édité le" of the footer. */
	readonly now: Date;
	readonly orientation?: "portrait" | "landscape";
	/**
	 * For a document that draws no title of its own (the card): the title at the top of the first
	 * page is then its H1. The other pages' copies, and every copy otherwise, are artifacts.
	 */
	readonly titleIsHeading?: boolean;
}

export interface TextOptions {
	readonly size?: number;
	readonly bold?: boolean;
	readonly muted?: boolean;
	/** Space left below the block, in points. */
	readonly after?: number;
	readonly indent?: number;
	/** What the block is in the structure tree: a paragraph unless told. */
	readonly tag?: Extract<StructTag, "P" | "H1" | "H2" | "Caption">;
	/** The element it belongs to: the document itself unless told (e.g. a table, for its caption). */
	readonly parent?: StructElement;
}

const A4: readonly [number, number] = [595.28, 841.89];
export const INK = rgb(0.1, 0.1, 0.12);
export const MUTED = rgb(0.35, 0.35, 0.4);
export const RULE = rgb(0.7, 0.7, 0.74);
export const SHADE = rgb(0.93, 0.94, 0.96);
const HEADER_HEIGHT = 48;
const FOOTER_HEIGHT = 28;

export class PdfWriter {
	readonly doc: PDFDocument;
	readonly regular: PDFFont;
	readonly bold: PDFFont;
	readonly margin = 36;
	readonly #options: PdfFrameOptions;
	readonly #structure = new StructureTree();
	#page: PDFPage | null = null;
	/** Baseline of the next block, from the bottom of the page (PDF coordinates). */
	y = 0;

	private constructor(doc: PDFDocument, regular: PDFFont, bold: PDFFont, options: PdfFrameOptions) {
		this.doc = doc;
		this.regular = regular;
		this.bold = bold;
		this.#options = options;
	}

	static async create(options: PdfFrameOptions): Promise<PdfWriter> {
		const doc = await PDFDocument.create();
		const regular = await doc.embedFont(StandardFonts.Helvetica);
		const bold = await doc.embedFont(StandardFonts.HelveticaBold);
		doc.setTitle(pdfSafe(options.title, regular), { showInWindowTitleBar: true });
		doc.setAuthor(organisation.name);
		doc.setCreator(`${organisation.productName} ${organisation.name}`);
		doc.setProducer(`${organisation.productName} ${organisation.name}`);
		if (options.subject) doc.setSubject(pdfSafe(options.subject, regular));
		if (options.keywords) doc.setKeywords(options.keywords.map((keyword) => pdfSafe(keyword, regular)));
		doc.setLanguage("fr-FR");
		doc.setCreationDate(options.now);
		doc.setModificationDate(options.now);
		const writer = new PdfWriter(doc, regular, bold, options);
		writer.addPage();
		return writer;
	}

	get page(): PDFPage {
		if (!this.#page) throw new Error("PdfWriter: no page");
		return this.#page;
	}

	get width(): number {
		return this.page.getWidth();
	}

	/** Width between the margins. */
	get contentWidth(): number {
		return this.width - 2 * this.margin;
	}

	/** Lowest baseline a block may use before the footer. */
	get bottom(): number {
		return this.margin + FOOTER_HEIGHT;
	}

	addPage(): PDFPage {
		const [w, h] = this.#options.orientation === "landscape" ? [A4[1], A4[0]] : A4;
		const page = this.doc.addPage([w, h]);
		this.#page = page;
		const top = h - this.margin;
		// The same on every page: read once from the metadata and the first heading, not per page.
		this.artifact("Header", () => {
			page.drawText(organisation.name, {
				x: this.margin,
				y: top - 12,
				size: 13,
				font: this.bold,
				color: INK,
			});
			page.drawText(pdfSafe(organisation.legalForm, this.regular), {
				x: this.margin,
				y: top - 25,
				size: 7.5,
				font: this.regular,
				color: MUTED,
			});
		});
		const title = pdfSafe(this.#options.title, this.bold);
		const titleWidth = this.bold.widthOfTextAtSize(title, 9);
		const drawTitle = () =>
			page.drawText(title, {
				x: w - this.margin - titleWidth,
				y: top - 12,
				size: 9,
				font: this.bold,
				color: INK,
			});
		if (this.#options.titleIsHeading && this.doc.getPageCount() === 1) {
			this.mark(this.element("H1"), drawTitle);
		} else {
			this.artifact("Header", drawTitle);
		}
		this.artifact("Layout", () =>
			page.drawLine({
				start: { x: this.margin, y: top - HEADER_HEIGHT + 12 },
				end: { x: w - this.margin, y: top - HEADER_HEIGHT + 12 },
				thickness: 0.75,
				color: RULE,
			}),
		);
		this.y = top - HEADER_HEIGHT - 6;
		return page;
	}

	/** Opens a new page unless `height` points still fit above the footer. */
	ensureSpace(height: number): void {
		if (this.y - height < this.bottom) this.addPage();
	}

	gap(points: number): void {
		this.y -= points;
	}

	/** A new element of the structure tree, after the ones already in `parent` (the document). */
	element(tag: StructTag, parent?: StructElement, options?: ElementOptions): StructElement {
		return this.#structure.element(tag, parent, options);
	}

	/** Draws, on the current page, a piece of `element`'s content. */
	mark(element: StructElement, draw: (page: PDFPage) => void): void {
		const page = this.page;
		this.#structure.mark(page, element, () => draw(page));
	}

	/** Draws, on the current page, furniture that screen readers skip (rules, shading, the frame). */
	artifact(kind: ArtifactKind, draw: (page: PDFPage) => void): void {
		const page = this.page;
		this.#structure.artifact(page, kind, () => draw(page));
	}

	/**
	 * A paragraph, wrapped to the content width, continued on the next page when needed: one
	 * element of the structure tree, however many lines and pages it takes.
	 */
	text(text: string, options: TextOptions = {}): StructElement {
		const size = options.size ?? 10;
		const font = options.bold ? this.bold : this.regular;
		const indent = options.indent ?? 0;
		const leading = size * 1.3;
		const element = this.element(options.tag ?? "P", options.parent);
		for (const line of wrapText(text, font, size, this.contentWidth - indent)) {
			this.ensureSpace(leading);
			this.y -= size;
			const y = this.y;
			this.mark(element, (page) =>
				page.drawText(line, {
					x: this.margin + indent,
					y,
					size,
					font,
					color: options.muted ? MUTED : INK,
				}),
			);
			this.y -= leading - size;
		}
		this.y -= options.after ?? 4;
		return element;
	}

	heading(text: string, level: 1 | 2 = 2): StructElement {
		const size = level === 1 ? 16 : 12;
		// Keep a heading with at least a few lines of what follows.
		this.ensureSpace(size * 1.3 + 48);
		this.gap(level === 1 ? 0 : 6);
		return this.text(text, { size, bold: true, after: level === 1 ? 8 : 4, tag: level === 1 ? "H1" : "H2" });
	}

	/**
	 * Label/value pairs in two columns, e.g. "Numéro d'adhérent : 400000001". Tagged as what they
	 * look like, a table of two columns whose labels head their rows, so a screen reader says
	 * which label a value answers (a paragraph per pair would lose that link).
	 */
	facts(
		pairs: readonly (readonly [string, string])[],
		options: { labelWidth?: number; size?: number } = {},
	): StructElement {
		const size = options.size ?? 9.5;
		const labelWidth = options.labelWidth ?? 150;
		const leading = size * 1.35;
		const table = this.element("Table");
		for (const [label, value] of pairs) {
			const lines = wrapText(value, this.regular, size, this.contentWidth - labelWidth);
			this.ensureSpace(leading * lines.length);
			const row = this.element("TR", table);
			const labelY = this.y - size;
			this.mark(this.element("TH", row, { scope: "Row" }), (page) =>
				page.drawText(pdfSafe(label, this.bold), {
					x: this.margin,
					y: labelY,
					size,
					font: this.bold,
					color: INK,
				}),
			);
			const cell = this.element("TD", row);
			for (const line of lines) {
				const y = this.y - size;
				this.mark(cell, (page) =>
					page.drawText(line, {
						x: this.margin + labelWidth,
						y,
						size,
						font: this.regular,
						color: INK,
					}),
				);
				this.y -= leading;
			}
		}
		this.y -= 4;
		return table;
	}

	/** Draws every page's footer ("Page 1 sur 3"), writes the structure tree and returns the file. */
	async finish(): Promise<Uint8Array> {
		const pages = this.doc.getPages();
		const issued = `${organisation.name} – ${organisation.website.replace(/^https?:\/\//, "")} – édité le ${formatInstantDay(this.#options.now)}`;
		pages.forEach((page, index) => {
			const y = this.margin;
			this.#structure.artifact(page, "Footer", () => {
				page.drawLine({
					start: { x: this.margin, y: y + 12 },
					end: { x: page.getWidth() - this.margin, y: y + 12 },
					thickness: 0.5,
					color: RULE,
				});
				page.drawText(pdfSafe(issued, this.regular), {
					x: this.margin,
					y,
					size: 7.5,
					font: this.regular,
					color: MUTED,
				});
				const label = `Page ${index + 1} sur ${pages.length}`;
				const width = this.regular.widthOfTextAtSize(label, 8);
				page.drawText(label, {
					x: page.getWidth() - this.margin - width,
					y,
					size: 8,
					font: this.regular,
					color: INK,
				});
			});
		});
		this.#structure.write(this.doc);
		return this.doc.save();
	}
}
