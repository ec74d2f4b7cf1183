// Text for the standard PDF fonts. Helvetica is encoded in WinAnsi: French letters, « », € and ’
// are in it, but Intl's narrow no-break space (U+202F, in "1 234,56 €" and "70 %") is not, and
// pdf-lib throws on a character it cannot encode. Every string goes through `pdfSafe` first.
import type { PDFFont } from "pdf-lib";

const charsets = new WeakMap<PDFFont, ReadonlySet<number>>();

function charsetOf(font: PDFFont): ReadonlySet<number> {
	let set = charsets.get(font);
	if (!set) {
		set = new Set(font.getCharacterSet());
		charsets.set(font, set);
	}
	return set;
}

const SPACES = /[\u2000-\u200a\u202f\u205f\u3000]/g;
const CONTROLS = /[\p{Cc}\u2028\u2029]+/gu;

/** The text with what the font cannot draw replaced: spaces by a no-break space, the rest by "?". */
export function pdfSafe(text: string, font: PDFFont): string {
	const charset = charsetOf(font);
	const cleaned = text.replace(SPACES, "\u00a0").replace(CONTROLS, " ");
	let out = "";
	for (const char of cleaned) out += charset.has(char.codePointAt(0) ?? 0) ? char : "?";
	return out;
}

/** Splits text into lines no wider than `maxWidth`; a word wider than a line is cut. */
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
	const lines: string[] = [];
	for (const paragraph of text.split("\n").map((part) => pdfSafe(part, font))) {
		// Most cells fit on one line: one measure, no word-by-word work.
		if (font.widthOfTextAtSize(paragraph, size) <= maxWidth) {
			lines.push(paragraph);
			continue;
		}
		let line = "";
		for (const word of paragraph.split(" ")) {
			const candidate = line ? `${line} ${word}` : word;
			if (font.widthOfTextAtSize(candidate, size) <= maxWidth) {
				line = candidate;
				continue;
			}
			if (line) lines.push(line);
			line = "";
			let rest = word;
			while (font.widthOfTextAtSize(rest, size) > maxWidth && rest.length > 1) {
				let cut = rest.length - 1;
				while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > maxWidth) cut--;
				lines.push(rest.slice(0, cut));
				rest = rest.slice(cut);
			}
			line = rest;
		}
		lines.push(line);
	}
	return lines;
}
