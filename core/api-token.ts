// Bearer tokens for software rather than people (practices' API keys, staff import tokens):
// `<prefix>_<publicId>_<secret>`, shown once; the database keeps the public id (which finds the
// row, not a secret) and the SHA-256 of the secret, 120 random bits each as the session tokens.
// Every request reads the row, so a revoked token stops at once.
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { sha256Hex } from "./sha256.ts";

/** Last-use writes are spaced out, as a session's are. */
export const TOKEN_TOUCH_INTERVAL_MS = 60_000;

export interface IssuedToken {
	/** What the holder is shown, once. */
	readonly token: string;
	readonly publicId: string;
	readonly secretHash: string;
	/** The token's beginning, to tell tokens apart in a list (`espk_abcdef…`). */
	readonly hint: string;
}

export function issueToken(prefix: string, randomBytes: (length: number) => Uint8Array): IssuedToken {
	const publicId = encodeBase32LowerCaseNoPadding(randomBytes(15));
	const secret = encodeBase32LowerCaseNoPadding(randomBytes(15));
	return {
		token: `${prefix}_${publicId}_${secret}`,
		publicId,
		secretHash: sha256Hex(secret),
		hint: tokenHint(prefix, publicId),
	};
}

export function tokenHint(prefix: string, publicId: string): string {
	return `${prefix}_${publicId.slice(0, 6)}…`;
}

/** The public id and secret of a well-formed token of this prefix, or null. */
export function readToken(prefix: string, token: string): { publicId: string; secret: string } | null {
	const match = new RegExp(`^${prefix}_([a-z2-7]{24})_([a-z2-7]{24})$`).exec(token);
	return match ? { publicId: match[1] ?? "", secret: match[2] ?? "" } : null;
}

export function secretMatches(secretHash: string, secret: string): boolean {
	const encoder = new TextEncoder();
	return constantTimeEqual(encoder.encode(secretHash), encoder.encode(sha256Hex(secret)));
}

/** Whether the row's last use is old enough to be written again. */
export function dueForTouch(lastUsedAt: Date | null, now: Date): boolean {
	return !lastUsedAt || now.getTime() - lastUsedAt.getTime() >= TOKEN_TOUCH_INTERVAL_MS;
}
