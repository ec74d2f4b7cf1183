// Tables for the PDFs: columns sized by weight over the content width, cells wrapped on several
// lines, the header row repeated at the top of each new page, group rows (a title across the
// table, e.g. one beneficiary) and total rows in bold.
// In the structure tree (tagging.ts) a table is one Table element whatever the pages it takes:
// its caption, a TR of column headers (TH), then a TR per row. The header row repeated on later
// pages, the shading and the rules are artifacts. A group title is a row header spanning the
// table (PDF has no "row group" scope), the label of a total row heads that row.
import type { PDFFont, PDFPage } from "pdf-lib";
import { INK, type PdfWriter, RULE, SHADE } from "./document.ts";
import type { ElementOptions, StructElement } from "./tagging.ts";
import { pdfSafe, wrapText } from "./text.ts";

export interface PdfColumn {
	readonly header: string;
	/** Relative width: the columns share the content width in proportion. */
	readonly weight: number;
	readonly align?: "left" | "right";
}

export type PdfRow =
	| { readonly kind?: "data"; readonly cells: readonly string[]; readonly span?: number }
	/** One title across the whole table. */
	| { readonly kind: "group"; readonly title: string }
	/** In bold on a shaded band; `span`: the first cell (the label) covers that many columns. */
	| { readonly kind: "total"; readonly cells: readonly string[]; readonly span?: number };

export interface PdfTable {
	readonly columns: readonly PdfColumn[];
	readonly rows: readonly PdfRow[];
	/** A title above the table, kept with its first rows. */
	readonly caption?: string;
	readonly size?: number;
	/** The first cell of a data row names the row (e.g. the care of a guarantee line). */
	readonly rowHeaders?: boolean;
}

const PADDING = 3;

interface Laid {
	readonly lines: readonly (readonly string[])[];
	readonly height: number;
}

export function drawTable(writer: PdfWriter, table: PdfTable): StructElement {
	const size = table.size ?? 8;
	const leading = size * 1.25;
	const total = table.columns.reduce((sum, column) => sum + column.weight, 0);
	const widths = table.columns.map((column) => (column.weight / total) * writer.contentWidth);
	const lay = (cells: readonly string[], font: PDFFont, span = 1): Laid => {
		// A spanning first cell takes the width of the columns it covers, which stay empty.
		const spanned = widths.slice(0, span).reduce((sum, width) => sum + width, 0);
		const lines = widths.map((width, i) =>
			i > 0 && i < span
				? []
				: wrapText(cells[i] ?? "", font, size, (i === 0 ? spanned : width) - 2 * PADDING),
		);
		const count = Math.max(1, ...lines.map((cell) => cell.length));
		return { lines, height: count * leading + 2 * PADDING };
	};
	const header = lay(
		table.columns.map((column) => column.header),
		writer.bold,
	);
	const element = writer.element("Table");

	/**
	 * The cells of one row of the structure tree: an element per column, none for the columns a
	 * spanning first cell covers; the first is a row header when it names its row.
	 */
	const rowCells = (firstIsHeader: boolean, span = 1): (StructElement | undefined)[] => {
		const row = writer.element("TR", element);
		return table.columns.map((_, i) => {
			if (i > 0 && i < span) return undefined;
			const options: ElementOptions = {
				...(i === 0 && firstIsHeader ? { scope: "Row" } : {}),
				...(i === 0 && span > 1 ? { colSpan: span } : {}),
			};
			return writer.element(i === 0 && firstIsHeader ? "TH" : "TD", row, options);
		});
	};

	/** `cells`: where each column's text goes in the structure tree; null for a repeated header. */
	const drawCells = (
		laid: Laid,
		font: PDFFont,
		shade: boolean,
		cells: readonly (StructElement | undefined)[] | null,
	) => {
		const top = writer.y;
		const furniture = cells ? "Layout" : "Pagination";
		if (shade) {
			writer.artifact(furniture, (page) =>
				page.drawRectangle({
					x: writer.margin,
					y: top - laid.height,
					width: writer.contentWidth,
					height: laid.height,
					color: SHADE,
				}),
			);
		}
		let x = writer.margin;
		laid.lines.forEach((lines, i) => {
			const width = widths[i] ?? 0;
			const right = table.columns[i]?.align === "right";
			const left = x;
			const cell = cells?.[i];
			lines.forEach((line, n) => {
				const textWidth = font.widthOfTextAtSize(line, size);
				const draw = (page: PDFPage) =>
					page.drawText(line, {
						x: right ? left + width - PADDING - textWidth : left + PADDING,
						y: top - PADDING - size - n * leading + 1,
						size,
						font,
						color: INK,
					});
				if (cell) writer.mark(cell, draw);
				else writer.artifact("Pagination", draw);
			});
			x += width;
		});
		writer.y = top - laid.height;
		const y = writer.y;
		writer.artifact(furniture, (page) =>
			page.drawLine({
				start: { x: writer.margin, y },
				end: { x: writer.margin + writer.contentWidth, y },
				thickness: 0.4,
				color: RULE,
			}),
		);
	};
	// Only the first drawing of the header row is content: its copies on later pages are furniture.
	let headerTagged = false;
	const drawHeader = () => {
		if (headerTagged) return drawCells(header, writer.bold, true, null);
		headerTagged = true;
		const row = writer.element("TR", element);
		const cells = table.columns.map(() => writer.element("TH", row, { scope: "Column" }));
		drawCells(header, writer.bold, true, cells);
	};

	const first = table.rows[0];
	const firstHeight =
		first && first.kind !== "group" ? lay(first.cells, writer.regular, first.span).height : leading * 2;
	if (table.caption) {
		writer.ensureSpace(size * 2 + header.height + firstHeight);
		writer.text(table.caption, { size: size + 2, bold: true, after: 3, tag: "Caption", parent: element });
	}
	writer.ensureSpace(header.height + firstHeight);
	drawHeader();

	for (const row of table.rows) {
		if (row.kind === "group") {
			const title = pdfSafe(row.title, writer.bold);
			const height = leading + 2 * PADDING + 2;
			if (writer.y - height - firstHeight < writer.bottom) {
				writer.addPage();
				drawHeader();
			}
			const groupRow = writer.element("TR", element);
			const cell = writer.element("TH", groupRow, { scope: "Row", colSpan: table.columns.length });
			const y = writer.y - PADDING - size - 2;
			writer.mark(cell, (page) =>
				page.drawText(title, {
					x: writer.margin + PADDING,
					y,
					size: size + 0.5,
					font: writer.bold,
					color: INK,
				}),
			);
			writer.y -= height;
			continue;
		}
		const font = row.kind === "total" ? writer.bold : writer.regular;
		const laid = lay(row.cells, font, row.span);
		if (writer.y - laid.height < writer.bottom) {
			writer.addPage();
			drawHeader();
		}
		const cells = rowCells(row.kind === "total" || table.rowHeaders === true, row.span);
		drawCells(laid, font, row.kind === "total", cells);
	}
	writer.gap(8);
	return element;
}
