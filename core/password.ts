// Password storage: Argon2id through WebAssembly (libargon2, see argon2.ts and ADR 0011), so
// that the same code runs on Node and on Cloudflare Workers, with OWASP's minimum parameters
// (SECURITY.md "Storage").
//
// Pepper: when a pepper is configured (SESSION_PEPPER), the password is first turned into
// HMAC-SHA-256(key = UTF-8 pepper, message = UTF-8 password), and those 32 bytes are what Argon2id
// hashes. A stolen database without the pepper is then useless for offline guessing, and any
// password length maps to a fixed-size input (no truncation). The PHC string does not record
// the pepper: changing it invalidates every stored hash, so rotate it only with a reset campaign.
import { hmac } from "@oslojs/crypto/hmac";
import { SHA256 } from "@oslojs/crypto/sha2";
import { withArgon2id } from "./argon2.ts";

export const PASSWORD_HASH_PARAMETERS = {
	algorithm: "argon2id",
	/** KiB: 19 MiB. */
	memorySize: 19_456,
	iterations: 2,
	parallelism: 1,
	saltLength: 16,
	hashLength: 32,
} as const;

export type RandomBytes = (length: number) => Uint8Array;

export interface HashPasswordOptions {
	/** Source of the salt; tests and the demo seed inject a deterministic one. */
	readonly randomBytes?: RandomBytes;
}

const encoder = new TextEncoder();

function defaultRandomBytes(length: number): Uint8Array {
	return crypto.getRandomValues(new Uint8Array(length));
}

/** What Argon2id receives: the peppered MAC, or the raw UTF-8 password without a pepper. */
function argonInput(password: string, pepper: string | null | undefined): Uint8Array {
	const bytes = encoder.encode(password);
	if (!pepper) return bytes;
	return hmac(SHA256, encoder.encode(pepper), bytes);
}

/** Hashes a password into an encoded PHC string ($argon2id$v=19$m=19456,t=2,p=1$salt$hash). */
export async function hashPassword(
	password: string,
	pepper: string | null | undefined,
	options: HashPasswordOptions = {},
): Promise<string> {
	const salt = (options.randomBytes ?? defaultRandomBytes)(PASSWORD_HASH_PARAMETERS.saltLength);
	const input = argonInput(password, pepper);
	return withArgon2id((argon2) => argon2.hash(input, salt, PASSWORD_HASH_PARAMETERS));
}

// The shape of an Argon2id PHC string; libargon2's decoder checks the rest (lengths, ranges).
const PHC_ARGON2ID = /^\$argon2id\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;

/**
 * True when the password matches; false for a wrong password or a malformed hash. Any other
 * failure (WebAssembly unavailable, memory exhausted…) is thrown, never reported as a wrong
 * password: the request ends in the error page, with its reference and a log line.
 */
export async function verifyPassword(
	hash: string,
	password: string,
	pepper: string | null | undefined,
): Promise<boolean> {
	if (!PHC_ARGON2ID.test(hash)) return false;
	const input = argonInput(password, pepper);
	return withArgon2id((argon2) => argon2.verify(hash, input));
}

/** True when a stored hash was made with other parameters and should be recomputed at sign-in. */
export function passwordNeedsRehash(hash: string): boolean {
	const { memorySize, iterations, parallelism } = PASSWORD_HASH_PARAMETERS;
	return !hash.startsWith(`$argon2id$v=19$m=${memorySize},t=${iterations},p=${parallelism}$`);
}
