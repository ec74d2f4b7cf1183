// What every bank-details change has in common, whoever's account it is (a company's debit
// mandate, a practice's account for the insurer's transfers): 48 hours of cooling-off, at most 3
// requests a day, and a cancel link that works without signing in, signed for one change of one
// kind (SECURITY.md). The employer's flow (core/employeur/bank-details.ts) and the practice's
// (core/professionnel/bank-account.ts) both use it.
import { hmac } from "@oslojs/crypto/hmac";
import { SHA256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from "@oslojs/encoding";

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
