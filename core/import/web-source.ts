// Reads a core-system file from a web stream (the import API's request body, on either host): CSV
// with a header line (« ; » or « , », whichever the header has more of; BOM dropped; quoted
// fields may hold the separator, quotes and line breaks) or JSON Lines. Records come out one at
// a time as the body arrives, and the next chunk is read only when the import asks for the next
// record, so memory stays bounded by a batch, whatever the body's size. A record longer than
// MAX_RECORD_CHARS stops the read: no core-system line is that long.
import Papa from "papaparse";
import { jsonRecord, type SourceLine } from "./run.ts";

export const MAX_RECORD_CHARS = 64 * 1024;

export class SourceTooLongLine extends Error {
	constructor(readonly line: number) {
		super(`ligne ${line} : plus de ${MAX_RECORD_CHARS} caractères`);
	}
}

/** Physical text records: split on line breaks outside double quotes (CSV) or on every one (JSON Lines). */
async function* records(
	body: ReadableStream<Uint8Array>,
	quoted: boolean,
): AsyncGenerator<{ text: string; line: number }> {
	const decoder = new TextDecoder();
	let pending = "";
	let inQuotes = false;
	let scanned = 0;
	let line = 1;
	let startLine = 1;
	const reader = body.getReader();
	try {
		for (;;) {
			const { done, value } = await reader.read();
			pending += done ? decoder.decode() : decoder.decode(value, { stream: true });
			let start = 0;
			for (let i = scanned; i < pending.length; i++) {
				const char = pending[i];
				if (quoted && char === '"') inQuotes = !inQuotes;
				else if (char === "\n") {
					if (!inQuotes) {
						yield { text: pending.slice(start, i).replace(/\r$/, ""), line: startLine };
						start = i + 1;
						startLine = line + 1;
					}
					line++;
				}
			}
			pending = pending.slice(start);
			scanned = pending.length;
			if (pending.length > MAX_RECORD_CHARS) throw new SourceTooLongLine(startLine);
			if (done) break;
		}
		if (pending.replace(/\r$/, "") !== "") yield { text: pending.replace(/\r$/, ""), line: startLine };
	} finally {
		reader.releaseLock();
	}
}

async function* csvLines(body: ReadableStream<Uint8Array>): AsyncGenerator<SourceLine> {
	let header: string[] | null = null;
	let delimiter = ";";
	for await (const { text, line } of records(body, true)) {
		if (header === null) {
			const clean = text.replace(/^\uFEFF/, "");
			delimiter = (clean.match(/;/g)?.length ?? 0) >= (clean.match(/,/g)?.length ?? 0) ? ";" : ",";
			header = (Papa.parse<string[]>(clean, { delimiter }).data[0] ?? []).map((name) => name.trim());
			continue;
		}
		if (text.trim() === "") continue;
		const cells = Papa.parse<string[]>(text, { delimiter }).data[0] ?? [];
		const record: Record<string, string> = {};
		// A cell beyond the header is a column without a name: the kind's strict schema refuses it.
		cells.forEach((cell, index) => {
			record[header?.[index] ?? `colonne_${index + 1}`] = cell;
		});
		yield { line, record };
	}
}

async function* jsonLines(body: ReadableStream<Uint8Array>): AsyncGenerator<SourceLine> {
	for await (const { text, line } of records(body, false)) {
		if (text.trim() === "") continue;
		yield { line, record: jsonRecord(text) };
	}
}

export function readWebSource(
	body: ReadableStream<Uint8Array>,
	format: "csv" | "jsonl",
): AsyncGenerator<SourceLine> {
	return format === "csv" ? csvLines(body) : jsonLines(body);
}
