// What every bank-details change has in common, whoever's account it is (a company's debit
// mandate, a practice's account for the insurer's transfers): 48 hours of cooling-off, at most 3
// requests a day, and a cancel link that works without signing in, signed for one change of one
// kind (SECURITY.md). The employer's flow (core/employeur/bank-details.ts) and the practice's
// (core/professionnel/bank-account.ts) both use it.
import { hmac } from "@oslojs/crypto/hmac";
import { SHA256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from "@oslojs/encoding";
import { and, count, eq, gt } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Database } from "../db/client.ts";
import { type AuditEventInput, appendAuditEvent, recordAuditEvent } from "./audit.ts";
import type { Executor } from "./queue.ts";

/** What a request for a new account carries, whoever asks (the proof of identity differs). */
export interface BankChangeRequestFields {
	/** Normalized and checked at the boundary (ibanSchema, bicSchema). */
	readonly iban: string;
	readonly bic: string;
	readonly holderName: string;
	readonly now: Date;
	readonly pepper: string;
	readonly publicUrl: URL;
	readonly correlationId: string;
}

export const BANK_CHANGE_COOLING_OFF_MS = 48 * 60 * 60_000;
export const BANK_CHANGES_PER_DAY = 3;
/** The window the daily limit counts in: the last 24 hours, not the calendar day. */
export const BANK_CHANGE_LIMIT_WINDOW_MS = 24 * 60 * 60_000;

/**
 * Which changes a token may cancel. Each kind has its own key, so that a link for change 5 of
 * one kind cancels nothing of another kind that happens to have the same id.
 */
export type BankChangeKind = "company" | "practice";

const PURPOSES: Readonly<Record<BankChangeKind, Uint8Array>> = {
	// The employer's purpose predates the practices': kept as it was, so links already sent work.
	company: new TextEncoder().encode("espace/bank-change-cancel/v1"),
	practice: new TextEncoder().encode("espace/practice-bank-change-cancel/v1"),
};

function mac(kind: BankChangeKind, changeId: number, secret: string): Uint8Array {
	const key = hmac(SHA256, new TextEncoder().encode(secret), PURPOSES[kind]);
	return hmac(SHA256, key, new TextEncoder().encode(String(changeId)));
}

/** `<id>.<HMAC>`: names one change; cancelling it twice does nothing more. */
export function signBankChangeCancelToken(kind: BankChangeKind, changeId: number, secret: string): string {
	return `${changeId}.${encodeBase64urlNoPadding(mac(kind, changeId, secret))}`;
}

/** The change a cancel token names, or null when it is malformed, forged or of another kind. */
export function verifyBankChangeCancelToken(
	kind: BankChangeKind,
	token: string,
	secret: string,
): number | null {
	const match = /^([1-9]\d{0,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
	if (!match) return null;
	const changeId = Number(match[1]);
	let given: Uint8Array;
	try {
		given = decodeBase64urlIgnorePadding(match[2] ?? "");
	} catch {
		return null;
	}
	return given.length === 32 && constantTimeEqual(given, mac(kind, changeId, secret)) ? changeId : null;
}

/** The columns a table of bank-details changes has, whoever owns the account. */
export interface BankChangeColumns {
	readonly table: SQLiteTable;
	/** The company or practice the change belongs to. */
	readonly owner: SQLiteColumn;
	readonly requestedAt: SQLiteColumn;
	readonly status: SQLiteColumn;
}

/**
 * Why a new change may not be requested now (inside the request's write transaction): the
 * owner's 3 requests of the last 24 hours are spent, or a change is already waiting.
 */
export async function bankChangeBlocked(
	tx: Executor,
	columns: BankChangeColumns,
	ownerId: number,
	now: Date,
): Promise<"rate_limited" | "pending_exists" | null> {
	const [recent] = await tx
		.select({ n: count() })
		.from(columns.table)
		.where(
			and(
				eq(columns.owner, ownerId),
				gt(columns.requestedAt, new Date(now.getTime() - BANK_CHANGE_LIMIT_WINDOW_MS)),
			),
		);
	if ((recent?.n ?? 0) >= BANK_CHANGES_PER_DAY) return "rate_limited";
	const [pending] = await tx
		.select({ n: count() })
		.from(columns.table)
		.where(and(eq(columns.owner, ownerId), eq(columns.status, "pending")));
	return (pending?.n ?? 0) > 0 ? "pending_exists" : null;
}

/** A refused request in the trail: a failed proof of identity is a failure, the rest denials. */
export async function recordBankChangeRefusal(
	db: Database,
	audit: Omit<AuditEventInput, "outcome" | "details">,
	reason: string,
	details: Record<string, string> = {},
): Promise<void> {
	await recordAuditEvent(db, {
		...audit,
		outcome: reason === "password" || reason === "proof" ? "failure" : "denied",
		details: { reason, ...details },
	});
}

/** Who cancels: the signed-in account, or (null) whoever followed the e-mailed link. */
export interface BankChangeCancellation {
	readonly changeId: number;
	readonly actor: { readonly accountId: number; readonly sessionId: string | null } | null;
	readonly now: Date;
	readonly correlationId: string;
	/** Staff blocking a suspicious change (back-office): audited as staff, with their reason. */
	readonly staffReason?: string | undefined;
}

const CANCELLED = {
	company: { action: "employeur.bank_details.change_cancelled", objectType: "bank_detail_change" },
	practice: { action: "professionnel.bank_account.change_cancelled", objectType: "practice_bank_change" },
} as const;

/** The cancellation's entry, in the transaction that cancelled the change or found none to. */
export async function appendBankChangeCancellation(
	tx: Parameters<typeof appendAuditEvent>[0],
	kind: BankChangeKind,
	input: BankChangeCancellation,
	cancelled: boolean,
): Promise<void> {
	await appendAuditEvent(tx, {
		...CANCELLED[kind],
		occurredAt: input.now,
		accountId: input.actor?.accountId ?? null,
		sessionId: input.actor?.sessionId ?? null,
		actorKind: input.staffReason !== undefined ? "staff" : input.actor ? "account" : "anonymous",
		objectId: String(input.changeId),
		outcome: cancelled ? "success" : "failure",
		correlationId: input.correlationId,
		details:
			input.staffReason !== undefined
				? { via: "gestion", reason: input.staffReason }
				: { via: input.actor ? "space" : "link" },
	});
}
