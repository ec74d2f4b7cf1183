// The import path from the core system (issue 16): lines read one at a time (the caller streams
// the file), each parsed with its kind's schema (a French reason for every line refused), the
// good ones written in batches, each batch one IMMEDIATE transaction of idempotent upserts keyed
// by the core system's identifiers. A failure mid-file leaves every earlier batch complete and
// nothing of the failing one; running the same file again rewrites what is there (same values)
// and finishes the rest. One audit entry records the run and its counts.
import type { z } from "zod";
import type { Database } from "../../db/client.ts";
import { recordAuditEvent } from "../audit.ts";
import { asStrings, firstReason } from "./fields.ts";

export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface Rejection {
	readonly line: number;
	readonly reason: string;
}

export interface ParsedLine<T> {
	readonly line: number;
	readonly data: T;
}

export interface BatchOutcome {
	/** Lines inserted or updated. */
	readonly written: number;
	/** Lines valid but left as they are (e.g. a prestation already on a published statement). */
	readonly unchanged: number;
	readonly rejected: readonly Rejection[];
}

export interface ImportKind<T> {
	readonly name: string;
	readonly schema: z.ZodType<T, Record<string, string>>;
	writeBatch(tx: Transaction, lines: readonly ParsedLine<T>[], now: Date): Promise<BatchOutcome>;
}

export interface SourceLine {
	readonly line: number;
	readonly record: Record<string, unknown>;
}

export interface ImportReport {
	readonly kind: string;
	readonly lines: number;
	readonly written: number;
	readonly unchanged: number;
	readonly rejected: number;
	/** The first rejections (every one goes to `onRejected`). */
	readonly rejections: readonly Rejection[];
	/** Set when the run stopped: the last line whose batch was written, and why it stopped. */
	readonly stopped: { readonly afterLine: number; readonly error: string } | null;
}

export interface ImportOptions {
	readonly now: Date;
	/** Lines per batch, each written in one transaction (DEFAULT_BATCH_SIZE). */
	readonly batchSize?: number;
	readonly onRejected?: (rejection: Rejection) => void;
	readonly onProgress?: (lines: number) => void;
	/** Who ran it, for the audit trail. */
	readonly via?: string;
	/** The staff account behind the run (the import API's token creator), when known. */
	readonly accountId?: number | null;
	/** The staff member's session, when the run comes from the back-office. */
	readonly sessionId?: string | null;
	readonly correlationId?: string | null;
}

const KEPT_REJECTIONS = 100;

/**
 * Lines per transaction. Each commit writes every page it changed to the WAL once, whatever the
 * number of rows on it, and a table's indexes spread one batch's rows over many pages: at 500
 * lines a batch, commits were a third of an import's time (ADR 0042). 5 000 lines hold a few MB.
 */
export const DEFAULT_BATCH_SIZE = 5000;

/** The record a reader gives for a line it could not read at all (not a JSON object). */
export const UNREADABLE_LINE: Readonly<Record<string, unknown>> = Object.freeze({ "": "illisible" });

/** One JSON Lines line as a record: a JSON object, or UNREADABLE_LINE. */
export function jsonRecord(text: string): Record<string, unknown> {
	let record: unknown;
	try {
		record = JSON.parse(text);
	} catch {
		return UNREADABLE_LINE;
	}
	return record && typeof record === "object" && !Array.isArray(record)
		? (record as Record<string, unknown>)
		: UNREADABLE_LINE;
}

/**
 * The message of an error's first cause: drizzle wraps a failed statement in an error that starts
 * with the statement's text (tens of kB for a multi-row upsert), the driver's reason is its cause.
 */
function rootMessage(error: unknown): string {
	let current = error;
	while (current instanceof Error && current.cause instanceof Error) current = current.cause;
	return current instanceof Error ? current.message : String(current);
}

export async function runImport<T>(
	db: Database,
	kind: ImportKind<T>,
	source: AsyncIterable<SourceLine> | Iterable<SourceLine>,
	options: ImportOptions,
): Promise<ImportReport> {
	const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
	const rejections: Rejection[] = [];
	let lines = 0;
	let written = 0;
	let unchanged = 0;
	let rejected = 0;
	let committedLine = 0;
	let stopped: ImportReport["stopped"] = null;
	const reject = (rejection: Rejection) => {
		rejected++;
		if (rejections.length < KEPT_REJECTIONS) rejections.push(rejection);
		options.onRejected?.(rejection);
	};
	let batch: ParsedLine<T>[] = [];
	let lastLine = 0;
	const flush = async () => {
		if (batch.length === 0) return;
		const current = batch;
		batch = [];
		const outcome = await db.transaction((tx) => kind.writeBatch(tx, current, options.now), {
			behavior: "immediate",
		});
		written += outcome.written;
		unchanged += outcome.unchanged;
		for (const rejection of outcome.rejected) reject(rejection);
		committedLine = lastLine;
		options.onProgress?.(lines);
	};
	try {
		for await (const { line, record } of source) {
			lines++;
			lastLine = line;
			if (record === UNREADABLE_LINE) {
				reject({ line, reason: "Ligne illisible : ce n'est pas un objet JSON." });
				continue;
			}
			const parsed = kind.schema.safeParse(asStrings(record));
			if (parsed.success) batch.push({ line, data: parsed.data });
			else reject({ line, reason: firstReason(parsed.error) });
			if (batch.length >= batchSize) await flush();
		}
		await flush();
	} catch (error) {
		stopped = { afterLine: committedLine, error: rootMessage(error).slice(0, 300) };
	}
	const report = { kind: kind.name, lines, written, unchanged, rejected, rejections, stopped };
	await recordAuditEvent(db, {
		occurredAt: options.now,
		actorKind: options.accountId ? "staff" : "system",
		accountId: options.accountId ?? null,
		sessionId: options.sessionId ?? null,
		correlationId: options.correlationId ?? null,
		action: `import.${kind.name}`,
		outcome: stopped ? "failure" : "success",
		details: {
			lines,
			written,
			unchanged,
			rejected,
			via: options.via ?? null,
			stoppedAfterLine: stopped?.afterLine ?? null,
		},
	});
	return report;
}
