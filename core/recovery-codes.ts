// Recovery codes: the way back in when the authenticator app is lost. Each code is 12
// characters of Crockford's base32 alphabet (60 random bits) shown as "abcd-efgh-jkmn": no i, l,
// o or u to misread, and typing them anyway is forgiven (i and l read as 1, o as 0). The account
// keeps only SHA-256 of each code (accounts.recovery_code_hashes); a used code is removed.
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { decodeHex } from "@oslojs/encoding";
import type { RandomBytes } from "./password.ts";
import { sha256Hex } from "./sha256.ts";

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const GROUPS = 3;
const GROUP_LENGTH = 4;
const CODE_LENGTH = GROUPS * GROUP_LENGTH;

export interface RecoveryCodes {
	/** Shown once to the user, never stored. */
	readonly codes: string[];
	/** What the account stores, in the same order. */
	readonly hashes: string[];
}

export type RecoveryCodeUse = { ok: true; remaining: string[] } | { ok: false };

/** One code: 32 symbols is 5 bits each, so a byte masked to 5 bits picks one without bias. */
function generateCode(randomBytes: RandomBytes): string {
	const symbols = [...randomBytes(CODE_LENGTH)].map((byte) => ALPHABET[byte & 31] ?? "");
	const groups = Array.from({ length: GROUPS }, (_, i) =>
		symbols.slice(i * GROUP_LENGTH, (i + 1) * GROUP_LENGTH).join(""),
	);
	return groups.join("-");
}

/** The canonical form that is hashed, or null when the input cannot be a code. */
function normaliseCode(code: string): string | null {
	const compact = code
		.toLowerCase()
		.replaceAll(/[\s\-–—]/g, "")
		.replaceAll(/[il]/g, "1")
		.replaceAll("o", "0");
	if (compact.length !== CODE_LENGTH || [...compact].some((c) => !ALPHABET.includes(c))) return null;
	return compact;
}

/** SHA-256 (hex) of a code as the user typed or received it. */
export function hashRecoveryCode(code: string): string | null {
	const canonical = normaliseCode(code);
	return canonical === null ? null : sha256Hex(canonical);
}

export function generateRecoveryCodes(randomBytes: RandomBytes, count = RECOVERY_CODE_COUNT): RecoveryCodes {
	const codes = Array.from({ length: count }, () => generateCode(randomBytes));
	const hashes = codes.map((code) => hashRecoveryCode(code) ?? "");
	return { codes, hashes };
}

/**
 * Checks a code against the stored hashes and returns the hashes left once it is spent. Every
 * stored hash is compared in constant time, whatever matches. The caller must save `remaining`
 * with a compare-and-set on the previous list, so that two concurrent uses cannot both succeed.
 */
export function useRecoveryCode(hashes: readonly string[], code: string): RecoveryCodeUse {
	const candidate = hashRecoveryCode(code);
	if (candidate === null) return { ok: false };
	const typed = decodeHex(candidate);
	let matched = -1;
	hashes.forEach((hash, index) => {
		const stored = /^[0-9a-f]{64}$/.test(hash) ? decodeHex(hash) : new Uint8Array(32);
		if (constantTimeEqual(stored, typed) && matched === -1) matched = index;
	});
	if (matched === -1) return { ok: false };
	return { ok: true, remaining: hashes.filter((_, index) => index !== matched) };
}
