// Tables for the PDFs: columns sized by weight over the content width, cells wrapped on several
// lines, the header row repeated at the top of each new page, group rows (a title across the
// table, e.g. one beneficiary) and total rows in bold.
import type { PDFFont } from "pdf-lib";
import { INK, type PdfWriter, RULE, SHADE } from "./document.ts";
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
}

const PADDING = 3;

interface Laid {
	readonly lines: readonly (readonly string[])[];
	readonly height: number;
}

export function drawTable(writer: PdfWriter, table: PdfTable): void {
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

	const drawCells = (laid: Laid, font: PDFFont, shade: boolean) => {
		const top = writer.y;
		if (shade) {
			writer.page.drawRectangle({
				x: writer.margin,
				y: top - laid.height,
				width: writer.contentWidth,
				height: laid.height,
				color: SHADE,
			});
		}
		let x = writer.margin;
		laid.lines.forEach((lines, i) => {
			const width = widths[i] ?? 0;
			const right = table.columns[i]?.align === "right";
			lines.forEach((line, n) => {
				const textWidth = font.widthOfTextAtSize(line, size);
				writer.page.drawText(line, {
					x: right ? x + width - PADDING - textWidth : x + PADDING,
					y: top - PADDING - size - n * leading + 1,
					size,
					font,
					color: INK,
				});
			});
			x += width;
		});
		writer.y = top - laid.height;
		writer.page.drawLine({
			start: { x: writer.margin, y: writer.y },
			end: { x: writer.margin + writer.contentWidth, y: writer.y },
			thickness: 0.4,
			color: RULE,
		});
	};
	const drawHeader = () => drawCells(header, writer.bold, true);

	const first = table.rows[0];
	const firstHeight =
		first && first.kind !== "group" ? lay(first.cells, writer.regular, first.span).height : leading * 2;
	if (table.caption) {
		writer.ensureSpace(size * 2 + header.height + firstHeight);
		writer.text(table.caption, { size: size + 2, bold: true, after: 3 });
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
			writer.page.drawText(title, {
				x: writer.margin + PADDING,
				y: writer.y - PADDING - size - 2,
				size: size + 0.5,
				font: writer.bold,
				color: INK,
			});
			writer.y -= height;
			continue;
		}
		const font = row.kind === "total" ? writer.bold : writer.regular;
		const laid = lay(row.cells, font, row.span);
		if (writer.y - laid.height < writer.bottom) {
			writer.addPage();
			drawHeader();
		}
		drawCells(laid, font, row.kind === "total");
	}
	writer.gap(8);
}
