// On a phone a table becomes a stack of rows, one card per row, each cell under its column's
// header (issue 11; the stylesheet's narrow-screen rules read `data-label`). Rather than every
// table repeating its headers on every cell, the rendered page is labelled once here: each body
// or footer cell gets the text of its column header (colspans counted), unless it has a label
// already. Cells spanning every column (group titles) stay unlabelled. The markup is the
// portal's own (hono/jsx and Astro output, escaped), so a scan of tags is enough: no parser.
// Used by the private pages (views/page.tsx) and the public site's build (site/build).
const TABLE = /<table\b[^>]*>[\s\S]*?<\/table>/g;
const THEAD = /<thead\b[^>]*>([\s\S]*?)<\/thead>/;
const ROW = /<tr\b[^>]*>([\s\S]*?)<\/tr>/g;
const HEADER_CELL = /<th\b([^>]*)>([\s\S]*?)<\/th>/g;
const CELL_OPENING = /<(td|th)\b([^>]*?)(\/?)>/g;
const COLSPAN = /\bcolspan="?(\d+)"?/;
const TAG = /<[^>]*>/g;

function span(attributes: string): number {
	const match = COLSPAN.exec(attributes);
	return match ? Math.max(1, Number(match[1])) : 1;
}

/** The column headers of the last row of a table's head, one entry per column. */
function columnHeaders(head: string): string[] {
	const rows = [...head.matchAll(ROW)];
	const last = rows.at(-1)?.[1] ?? "";
	const headers: string[] = [];
	for (const [, attributes = "", content = ""] of last.matchAll(HEADER_CELL)) {
		// Already escaped text: only the quote needs escaping inside an attribute.
		const text = content.replace(TAG, " ").replace(/\s+/g, " ").trim().replaceAll('"', "&quot;");
		for (let i = 0; i < span(attributes); i++) headers.push(text);
	}
	return headers;
}

function labelRow(row: string, headers: readonly string[]): string {
	let column = 0;
	return row.replace(CELL_OPENING, (tag, name: string, attributes: string, selfClosing: string) => {
		const width = span(attributes);
		const header = headers[column];
		column += width;
		if (width >= headers.length || !header || attributes.includes("data-label=")) return tag;
		return `<${name}${attributes.trimEnd()} data-label="${header}"${selfClosing}>`;
	});
}

function labelTable(table: string): string {
	const head = THEAD.exec(table);
	if (!head) return table;
	const headers = columnHeaders(head[1] ?? "");
	if (headers.length < 2) return table;
	const bodyStart = (head.index ?? 0) + head[0].length;
	const body = table.slice(bodyStart).replace(ROW, (row) => labelRow(row, headers));
	return table.slice(0, bodyStart) + body;
}

/** `html` with every body cell of every table labelled with its column header. */
export function labelTableCells(html: string): string {
	return html.includes("<table") ? html.replace(TABLE, labelTable) : html;
}
