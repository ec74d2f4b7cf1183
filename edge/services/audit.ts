// The audit trail with probative value (SECURITY.md; article 3 of the CGU makes the records of
// the information system proof). Every entry is chained to the previous one: it stores the
// SHA-256 of its canonical form, which includes the previous entry's hash. Appends happen in an
// IMMEDIATE transaction so that two writers can never fork the chain; UPDATE and DELETE are
// refused by triggers (migration 0001). Entries hold identifiers, never personal data.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { asc, desc, gt } from "drizzle-orm";
import type { Database } from "../../schema/db.ts";
import type { ActorKind, AuditOutcome } from "../../schema/enums.ts";
import { auditEvents } from "../../schema/tables/index.ts";

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
	return encodeHexLowerCase(sha256(new TextEncoder().encode(canonicalForm(entry))));
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
		sessionId: input.sessionId ?? null,
		actorKind: input.actorKind,
		action: input.action,
		objectType: input.objectType ?? null,
		objectId: input.objectId ?? null,
		outcome: input.outcome,
		correlationId: input.correlationId ?? null,
		ipHash: input.ipHash ?? null,
		details: sortKeys(input.details ?? null),
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

// Appends made outside a transaction (every page consultation) are serialised in the process,
// and the explicit sequence number is the primary key: a writer in another process that read
// the same last entry fails on the key and tries again, so the chain can never fork. This
// avoids a transaction per page view (with libSQL, each one costs a new connection).
const queues = new WeakMap<Database, Promise<unknown>>();
/** The last link this process wrote: saves a read per page view; a stale one fails on the key and is re-read. */
const lastWritten = new WeakMap<Database, { seq: number; hash: string }>();
const MAX_ATTEMPTS = 8;

function isKeyConflict(error: unknown): boolean {
	const text = `${error instanceof Error ? error.message : ""} ${error instanceof Error && error.cause instanceof Error ? error.cause.message : ""}`;
	return /UNIQUE constraint failed|PRIMARY KEY|SQLITE_CONSTRAINT/i.test(text);
}

/** Records one event on its own (outside any transaction of the caller). */
export function recordAuditEvent(db: Database, input: AuditEventInput): Promise<number> {
	const run = async (): Promise<number> => {
		for (let attempt = 1; ; attempt++) {
			const previous = (attempt === 1 ? lastWritten.get(db) : undefined) ?? (await lastLink(db));
			const entry = chainedEntry(previous, input);
			try {
				await insertEntry(db, entry, input);
				lastWritten.set(db, { seq: entry.seq, hash: hashEntry(entry) });
				return entry.seq;
			} catch (error) {
				lastWritten.delete(db);
				if (!isKeyConflict(error) || attempt >= MAX_ATTEMPTS) throw error;
			}
		}
	};
	const previous = queues.get(db) ?? Promise.resolve();
	const next = previous.then(run, run);
	queues.set(
		db,
		next.catch(() => undefined),
	);
	return next;
}

export type ChainVerification =
	| { readonly ok: true; readonly checked: number; readonly lastHash: string }
	| {
			readonly ok: false;
			readonly checked: number;
			readonly firstBrokenSeq: number;
			readonly reason: string;
	  };

/** Recomputes the whole chain in pages and names the first broken link. */
export async function verifyAuditChain(db: Reader, pageSize = 5_000): Promise<ChainVerification> {
	let expectedPrev = GENESIS_HASH;
	let expectedSeq = 1;
	let checked = 0;
	for (;;) {
		const rows = await db
			.select()
			.from(auditEvents)
			.where(gt(auditEvents.seq, expectedSeq - 1))
			.orderBy(asc(auditEvents.seq))
			.limit(pageSize);
		if (rows.length === 0) return { ok: true, checked, lastHash: expectedPrev };
		for (const row of rows) {
			if (row.seq !== expectedSeq) {
				return { ok: false, checked, firstBrokenSeq: expectedSeq, reason: `entry ${expectedSeq} is missing` };
			}
			if (row.prevHash !== expectedPrev) {
				return { ok: false, checked, firstBrokenSeq: row.seq, reason: "previous hash does not match" };
			}
			const recomputed = hashEntry({ ...row, details: row.details ?? null });
			if (recomputed !== row.hash) {
				return { ok: false, checked, firstBrokenSeq: row.seq, reason: "content does not match its hash" };
			}
			expectedPrev = row.hash;
			expectedSeq++;
			checked++;
		}
	}
}
