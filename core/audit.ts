// The audit trail with probative value (SECURITY.md; article 3 of the CGU makes the records of
// the information system proof). Every entry is chained to the previous one: it stores the
// SHA-256 of its canonical form, which includes the previous entry's hash. Appends happen in an
// IMMEDIATE transaction so that two writers can never fork the chain; UPDATE and DELETE are
// refused by triggers (migration 0001). Entries hold identifiers, never personal data.

import type { InArgs } from "@libsql/client";
import { asc, desc, getTableColumns, gt, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { groupsAcrossRequests, nextTurn } from "../db/group-batch.ts";
import type { ActorKind, AuditOutcome } from "../schema/enums.ts";
import { auditEvents } from "../schema/tables/index.ts";
import { sha256Hex } from "./sha256.ts";

export const GENESIS_HASH = "0".repeat(64);

export type AuditDetails = Record<string, string | number | boolean | null>;

export interface AuditEventInput {
	readonly occurredAt: Date;
	readonly accountId?: number | null;
	readonly sessionId?: string | null;
	readonly actorKind: ActorKind;
	/** Dotted verb: "auth.sign_in", "adherent.statement.download", "worker.account.closed". */
	readonly action: string;
	readonly objectType?: string | null;
	readonly objectId?: string | null;
	readonly outcome: AuditOutcome;
	readonly correlationId?: string | null;
	readonly ipHash?: string | null;
	readonly details?: AuditDetails | null;
}

type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
type Reader = Pick<Database, "select">;

interface ChainedFields {
	readonly seq: number;
	readonly occurredAt: Date;
	readonly accountId: number | null;
	readonly sessionId: string | null;
	readonly actorKind: string;
	readonly action: string;
	readonly objectType: string | null;
	readonly objectId: string | null;
	readonly outcome: string;
	readonly correlationId: string | null;
	readonly ipHash: string | null;
	readonly details: AuditDetails | null;
	readonly prevHash: string;
}

// What the trail stores of a free text must read back exactly as it was hashed. SQLite's text
// ends at a NUL for libSQL's reader, and UTF-8 cannot hold a lone surrogate (it comes back as
// U+FFFD): either would make a valid entry look tampered with. So control characters (C0, DEL,
// C1), lone surrogates and the backslash itself are written as `\uXXXX` before hashing: the
// encoding is injective (every backslash in the stored text starts an escape) and leaves
// ordinary text, accents and emoji untouched (ADR 0014).
// Control characters are \p{Cc} (C0, DEL, C1); with the u flag, \p{Cs} matches only a lone
// surrogate (a well-formed pair is one astral code point).
const UNSTORABLE = /[\p{Cc}\\]|\p{Cs}/gu;

/** A free text as the trail stores it: see UNSTORABLE. */
export function trailText(value: string): string {
	return value.replace(UNSTORABLE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function trailTextOrNull(value: string | null | undefined): string | null {
	return value === null || value === undefined ? null : trailText(value);
}

function trailDetails(details: AuditDetails | null | undefined): AuditDetails | null {
	if (!details) return null;
	return Object.fromEntries(
		Object.entries(details).map(([key, value]) => [
			trailText(key),
			typeof value === "string" ? trailText(value) : value,
		]),
	);
}

function sortKeys(details: AuditDetails | null): AuditDetails | null {
	if (!details) return null;
	return Object.fromEntries(Object.entries(details).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The canonical form: a JSON array in a fixed order, so the hash does not depend on key order. */
export function canonicalForm(entry: ChainedFields): string {
	return JSON.stringify([
		entry.seq,
		entry.occurredAt.getTime(),
		entry.accountId,
		entry.sessionId,
		entry.actorKind,
		entry.action,
		entry.objectType,
		entry.objectId,
		entry.outcome,
		entry.correlationId,
		entry.ipHash,
		sortKeys(entry.details),
		entry.prevHash,
	]);
}

export function hashEntry(entry: ChainedFields): string {
	return sha256Hex(canonicalForm(entry));
}

async function lastLink(reader: Reader): Promise<{ seq: number; hash: string }> {
	const [last] = await reader
		.select({ seq: auditEvents.seq, hash: auditEvents.hash })
		.from(auditEvents)
		.orderBy(desc(auditEvents.seq))
		.limit(1);
	return last ?? { seq: 0, hash: GENESIS_HASH };
}

function chainedEntry(previous: { seq: number; hash: string }, input: AuditEventInput): ChainedFields {
	return {
		seq: previous.seq + 1,
		occurredAt: input.occurredAt,
		accountId: input.accountId ?? null,
		sessionId: trailTextOrNull(input.sessionId),
		actorKind: input.actorKind,
		action: trailText(input.action),
		objectType: trailTextOrNull(input.objectType),
		objectId: trailTextOrNull(input.objectId),
		outcome: input.outcome,
		correlationId: trailTextOrNull(input.correlationId),
		ipHash: trailTextOrNull(input.ipHash),
		details: sortKeys(trailDetails(input.details)),
		prevHash: previous.hash,
	};
}

async function insertEntry(
	writer: Pick<Database, "insert">,
	entry: ChainedFields,
	input: AuditEventInput,
): Promise<void> {
	await writer
		.insert(auditEvents)
		.values({ ...entry, actorKind: input.actorKind, outcome: input.outcome, hash: hashEntry(entry) });
}

/** Appends inside the caller's transaction, which must be IMMEDIATE (it holds the write lock). */
export async function appendAuditEvent(tx: Transaction, input: AuditEventInput): Promise<number> {
	const entry = chainedEntry(await lastLink(tx), input);
	await insertEntry(tx, entry, input);
	return entry.seq;
}

// Appends made outside a transaction (every page consultation) are group-committed: the entries
// that arrive within one turn of the event loop, or while a write is under way, are chained in
// memory and written together by one INSERT, and every caller waits until its own entry is
// stored (nothing is answered before its record exists). Under load a commit then serves many
// page views: one row of a batch costs about a quarter of a lone INSERT (ADR 0009). The explicit sequence number is the primary key: a writer in another process
// that read the same last entry fails on the key, re-reads and chains again, so the chain can
// never fork. This keeps a page view to a share of one statement instead of a transaction.
interface Pending {
	readonly input: AuditEventInput;
	readonly resolve: (seq: number) => void;
	readonly reject: (error: unknown) => void;
}

interface Writer {
	pending: Pending[];
	/** A flush is scheduled or under way: new entries join its next batch. */
	flushing: boolean;
	/** The last link this process wrote: a stale one fails on the key and is re-read. */
	last: { seq: number; hash: string } | undefined;
}

const writers = new WeakMap<Database, Writer>();
/**
 * Writes of one entry or group before giving up: each failed attempt means another writer took
 * the place first, so N writers racing for the end of the chain need up to N attempts (the
 * Worker's concurrent requests each write their own entry).
 */
const MAX_ATTEMPTS = 32;
/**
 * Rows per INSERT. SQLite allows 32 766 bound values per statement (14 columns × 64 rows stays
 * well below), and each batch size is a statement of its own in the connection's cache.
 */
const MAX_BATCH = 64;

type AuditRow = typeof auditEvents.$inferInsert;
const AUDIT_COLUMNS = Object.entries(getTableColumns(auditEvents)) as [
	keyof AuditRow,
	(typeof auditEvents)[keyof typeof auditEvents._.columns],
][];

/**
 * The SQL text of an INSERT of `count` entries, as drizzle writes it (its column names and order),
 * built once per batch size: building the statement anew for every batch cost more than running
 * it. The arguments follow the table's column order, encoded by each column's own mapping.
 */
const insertTexts = new Map<number, string>();

function batchInsert(db: Database, rows: readonly AuditRow[]): { sql: string; args: unknown[] } {
	let text = insertTexts.get(rows.length);
	if (text === undefined) {
		const query = db
			.insert(auditEvents)
			.values([...rows])
			.toSQL();
		// Every column of every row must be a bound argument, in the table's order: checked once.
		if (query.params.length !== rows.length * AUDIT_COLUMNS.length)
			throw new Error("audit: unexpected INSERT shape");
		text = query.sql;
		insertTexts.set(rows.length, text);
	}
	const args: unknown[] = [];
	for (const row of rows)
		for (const [key, column] of AUDIT_COLUMNS) {
			const value = row[key];
			args.push(value === null || value === undefined ? null : column.mapToDriverValue(value));
		}
	return { sql: text, args };
}

function isKeyConflict(error: unknown): boolean {
	const text = `${error instanceof Error ? error.message : ""} ${error instanceof Error && error.cause instanceof Error ? error.cause.message : ""}`;
	return /UNIQUE constraint failed|PRIMARY KEY|SQLITE_CONSTRAINT/i.test(text);
}

async function writeBatch(db: Database, writer: Writer, batch: readonly Pending[]): Promise<void> {
	for (let attempt = 1; ; attempt++) {
		let previous = (attempt === 1 ? writer.last : undefined) ?? (await lastLink(db));
		const rows = batch.map(({ input }) => {
			const entry = chainedEntry(previous, input);
			const hash = hashEntry(entry);
			previous = { seq: entry.seq, hash };
			return { ...entry, actorKind: input.actorKind, outcome: input.outcome, hash };
		});
		try {
			const insert = batchInsert(db, rows);
			await db.$client.execute({ sql: insert.sql, args: insert.args as InArgs });
			writer.last = previous;
			for (const [index, row] of rows.entries()) batch[index]?.resolve(row.seq);
			return;
		} catch (error) {
			writer.last = undefined;
			if (!isKeyConflict(error) || attempt >= MAX_ATTEMPTS) {
				for (const item of batch) item.reject(error);
				return;
			}
		}
	}
}

async function flush(db: Database, writer: Writer): Promise<void> {
	writer.flushing = true;
	try {
		while (writer.pending.length > 0) {
			const batch = writer.pending.splice(0, MAX_BATCH);
			await writeBatch(db, writer, batch);
		}
	} finally {
		writer.flushing = false;
	}
}

/** Records one event on its own (outside any transaction of the caller); resolves once stored. */
export function recordAuditEvent(db: Database, input: AuditEventInput): Promise<number> {
	// Grouped only where one event loop serves every request (the Node host). In workerd a
	// request waiting on a commit made by another request's I/O is cancelled as hung: there each
	// request writes its own entry, chained to the last one it reads, and chains again when
	// another request took that place first, as another process would (ADR 0052).
	if (!groupsAcrossRequests(db.$client))
		return new Promise<number>((resolve, reject) => {
			void writeBatch(db, { pending: [], flushing: false, last: undefined }, [{ input, resolve, reject }]);
		});
	let writer = writers.get(db);
	if (!writer) {
		writer = { pending: [], flushing: false, last: undefined };
		writers.set(db, writer);
	}
	const current = writer;
	return new Promise<number>((resolve, reject) => {
		current.pending.push({ input, resolve, reject });
		if (!current.flushing) {
			current.flushing = true;
			nextTurn(() => void flush(db, current));
		}
	});
}

/** What a signed-in person did that the audit trail keeps (a download, an export, a session ended). */
export type AccountActivity = Pick<AuditEventInput, "action"> &
	Partial<Pick<AuditEventInput, "objectType" | "objectId" | "details" | "outcome">>;

/** Records a signed-in account's action, with its session and the request's correlation id. */
export function recordAccountActivity(
	db: Database,
	actor: { readonly accountId: number; readonly sessionId: string },
	correlationId: string,
	now: Date,
	activity: AccountActivity,
): Promise<number> {
	return recordAuditEvent(db, {
		occurredAt: now,
		accountId: actor.accountId,
		sessionId: actor.sessionId,
		actorKind: "account",
		outcome: "success",
		correlationId,
		...activity,
	});
}

/** Why a link is broken: an entry is missing, points to another hash, or no longer matches its own. */
export type BrokenLinkReason = "missing" | "previous_hash" | "content";

export interface BrokenLink {
	/** The entry (or the first of a run of missing entries) where the chain breaks. */
	readonly seq: number;
	readonly reason: BrokenLinkReason;
	/** For "missing": how many entries in a row are gone. */
	readonly count?: number;
}

export type ChainVerification =
	| { readonly ok: true; readonly checked: number; readonly lastHash: string }
	| {
			readonly ok: false;
			readonly checked: number;
			readonly firstBrokenSeq: number;
			/** Every broken link, in order: a later tampering is never hidden behind the first. */
			readonly broken: readonly BrokenLink[];
	  };

/**
 * Recomputes the whole chain in pages and names every broken link. After a break it carries on
 * from the stored hash, so one altered entry is one broken link, and an entry altered and
 * rehashed breaks the link from its successor too.
 */
export async function verifyAuditChain(db: Reader, pageSize = 5_000): Promise<ChainVerification> {
	let expectedPrev = GENESIS_HASH;
	let expectedSeq = 1;
	let checked = 0;
	const broken: BrokenLink[] = [];
	for (;;) {
		const rows = await db
			.select()
			.from(auditEvents)
			.where(gt(auditEvents.seq, expectedSeq - 1))
			.orderBy(asc(auditEvents.seq))
			.limit(pageSize);
		if (rows.length === 0) break;
		for (const row of rows) {
			if (row.seq !== expectedSeq) {
				// The entries in between are gone; the link from this one is broken by their absence.
				broken.push({ seq: expectedSeq, reason: "missing", count: row.seq - expectedSeq });
			} else if (row.prevHash !== expectedPrev) {
				broken.push({ seq: row.seq, reason: "previous_hash" });
			}
			if (hashEntry({ ...row, details: row.details ?? null }) !== row.hash) {
				broken.push({ seq: row.seq, reason: "content" });
			}
			expectedPrev = row.hash;
			expectedSeq = row.seq + 1;
			checked++;
		}
	}
	const [first] = broken;
	if (!first) return { ok: true, checked, lastHash: expectedPrev };
	return { ok: false, checked, firstBrokenSeq: first.seq, broken };
}

/**
 * Appends several entries inside the caller's IMMEDIATE transaction, chained in the given order
 * and written by multi-row INSERTs: what a batch of writes (an import's affiliations) records
 * costs one read of the last link instead of one per entry.
 */
export async function appendAuditEvents(tx: Transaction, inputs: readonly AuditEventInput[]): Promise<void> {
	let previous = await lastLink(tx);
	const rows: Record<string, unknown>[] = [];
	for (const input of inputs) {
		const entry = chainedEntry(previous, input);
		const hash = hashEntry(entry);
		// Stored as drizzle stores them (milliseconds, JSON text), so that the chain verifies.
		rows.push({
			...entry,
			occurredAt: entry.occurredAt.getTime(),
			details: entry.details === null ? null : JSON.stringify(entry.details),
			hash,
		});
		previous = { seq: entry.seq, hash };
	}
	// One JSON parameter per slice, unpacked by SQLite: no SQL built per value (ADR 0043).
	for (let start = 0; start < rows.length; start += 1_000)
		await tx.run(sql`
			INSERT INTO audit_events (seq, occurred_at, account_id, session_id, actor_kind, action, object_type,
				object_id, outcome, correlation_id, ip_hash, details, prev_hash, hash)
			SELECT j.value ->> 'seq', j.value ->> 'occurredAt', j.value ->> 'accountId', j.value ->> 'sessionId',
				j.value ->> 'actorKind', j.value ->> 'action', j.value ->> 'objectType', j.value ->> 'objectId',
				j.value ->> 'outcome', j.value ->> 'correlationId', j.value ->> 'ipHash', j.value ->> 'details',
				j.value ->> 'prevHash', j.value ->> 'hash'
			FROM json_each(${JSON.stringify(rows.slice(start, start + 1_000))}) AS j`);
}
