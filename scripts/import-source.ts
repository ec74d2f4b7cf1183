// Reads a core-system file one line at a time, whatever its size: CSV (header line; « ; » or
// « , » found by papaparse) or JSON Lines (one object per line), as records with their line
// number. Reading pauses while the import writes (async iteration), so memory stays bounded.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import Papa from "papaparse";
import { jsonRecord, type SourceLine } from "../core/import/run.ts";

export type SourceFormat = "csv" | "jsonl";

/**
 * Node flags of the import process (`npm run import` passes them to tsx; the bench runs both of
 * its phases with them). Loading drizzle-orm makes V8 grow its young generation to about
 * 150 MB, which it then keeps for the life of the process although the live heap is 20–60 MB;
 * a 4 MB semi-space keeps the whole process near 200 MB resident (ADR 0036). Each batch's lines
 * live until the batch is written, so they reach the old generation, and V8 then let it grow to
 * four times its live 20–30 MB before collecting it (at 1 000 000 lines the process peaked at
 * 251 MB); a growing factor of 1.2 keeps it near its live size, at no measurable CPU cost (ADR 0042).
 */
export const IMPORT_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=4", "--heap-growing-percent=20"];

export function formatOf(file: string): SourceFormat | null {
	if (/\.csv$/i.test(file)) return "csv";
	if (/\.(jsonl|ndjson)$/i.test(file)) return "jsonl";
	return null;
}

async function* csvLines(file: string, onBytes: (bytes: number) => void): AsyncGenerator<SourceLine> {
	const input = createReadStream(file);
	input.on("data", (chunk) => onBytes(chunk.length));
	const parser = Papa.parse(Papa.NODE_STREAM_INPUT, {
		header: true,
		skipEmptyLines: "greedy",
		transformHeader: (header: string) => header.replace(/^\uFEFF/, "").trim(),
	});
	input.pipe(parser);
	let line = 1;
	for await (const row of parser as AsyncIterable<Record<string, string>>) {
		line++;
		yield { line, record: row };
	}
}

async function* jsonLines(file: string, onBytes: (bytes: number) => void): AsyncGenerator<SourceLine> {
	const input = createReadStream(file);
	input.on("data", (chunk) => onBytes(chunk.length));
	let line = 0;
	for await (const text of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
		line++;
		if (text.trim() === "") continue;
		yield { line, record: jsonRecord(text) };
	}
}

export function readSource(
	file: string,
	format: SourceFormat,
	onBytes: (bytes: number) => void = () => {},
): AsyncGenerator<SourceLine> {
	return format === "csv" ? csvLines(file, onBytes) : jsonLines(file, onBytes);
}
