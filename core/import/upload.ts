// What the two upload paths of a core-system file share: the staff API
// (`POST /api/v1/gestion/imports/<kind>`, the body itself) and the back-office form
// (`POST /gestion/imports`, a multipart file). Both pick the reader from the file's media type or
// name, then stream it through the same reader and the same run as `npm run import`: one import
// path, whoever sends the file.
import type { Database } from "../../db/client.ts";
import { type ImportKind, type ImportOptions, type ImportReport, runImport } from "./run.ts";
import { readWebSource } from "./web-source.ts";

export type ImportFormat = "csv" | "jsonl";

const MEDIA_TYPES: Readonly<Record<string, ImportFormat>> = {
	"text/csv": "csv",
	"application/x-ndjson": "jsonl",
	"application/jsonl": "jsonl",
	"application/jsonlines": "jsonl",
};

const EXTENSIONS: Readonly<Record<string, ImportFormat>> = { csv: "csv", jsonl: "jsonl", ndjson: "jsonl" };

/** The format a `Content-Type` names (parameters ignored), or null. */
export function formatOfMediaType(contentType: string): ImportFormat | null {
	const mediaType = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
	return MEDIA_TYPES[mediaType] ?? null;
}

/**
 * An uploaded file's format: its extension first (browsers give a `.jsonl` file no media type,
 * and some give a `.csv` one a spreadsheet's), else its media type.
 */
export function formatOfFile(name: string, contentType: string): ImportFormat | null {
	const extension = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase() ?? "";
	return EXTENSIONS[extension] ?? formatOfMediaType(contentType);
}

/**
 * Whether a file's first bytes are UTF-8 text: no NUL byte, no invalid sequence (a sequence cut
 * at the end of `head` is fine). An image or a spreadsheet sent by mistake is refused before the
 * run, rather than reported as thousands of unreadable lines.
 */
export function looksLikeText(head: Uint8Array): boolean {
	if (head.includes(0)) return false;
	try {
		new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
		return true;
	} catch {
		return false;
	}
}

/** Streams `body` through the format's reader into the import run. */
export function importStream(
	db: Database,
	kind: ImportKind<unknown>,
	body: ReadableStream<Uint8Array>,
	format: ImportFormat,
	options: ImportOptions,
): Promise<ImportReport> {
	return runImport(db, kind, readWebSource(body, format), options);
}
