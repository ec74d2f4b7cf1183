// The token in the card's QR code: it lets a health professional open this card's rights without
// typing anything (the professional's side reads it later). Signed and expiring, so that nobody
// can forge one for another card or keep using one after the card's validity.
//
// Format: base64url (no padding) of 13 bytes of payload followed by 32 bytes of HMAC-SHA-256,
// 60 characters in all. Payload: version (1 byte, 1), card id (uint32 BE), member id (uint32 BE),
// expiry (uint32 BE, seconds since the epoch). The MAC key is derived from the secret for this
// purpose only (HMAC(secret, "espace/card-token/v1")), so that the secret, today the session
// pepper (config.sessionPepper), can be shared with other uses without any cross-use forgery;
// a dedicated CARD_TOKEN_SECRET would allow rotating it alone.
import { hmac } from "@oslojs/crypto/hmac";
import { SHA256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from "@oslojs/encoding";

const VERSION = 1;
const PAYLOAD_LENGTH = 13;
const MAC_LENGTH = 32;
const PURPOSE = new TextEncoder().encode("espace/card-token/v1");
const UINT32_MAX = 0xffff_ffff;

/** At most 90 days, whatever the card's validity. */
export const CARD_TOKEN_MAX_LIFETIME_MS = 90 * 86_400_000;

export interface CardTokenClaims {
	readonly cardId: number;
	readonly memberId: number;
	readonly expiresAt: Date;
}

export type CardTokenVerification =
	| ({ readonly ok: true } & CardTokenClaims)
	| { readonly ok: false; readonly reason: "malformed" | "bad_signature" | "expired" };

function macKey(secret: string): Uint8Array {
	return hmac(SHA256, new TextEncoder().encode(secret), PURPOSE);
}

function isUint32(value: number): boolean {
	return Number.isInteger(value) && value >= 0 && value <= UINT32_MAX;
}

/** The token's expiry: the end of the card's validity or 90 days from now, whichever comes first. */
export function cardTokenExpiry(validUntil: Date, now: Date): Date {
	return new Date(Math.min(validUntil.getTime(), now.getTime() + CARD_TOKEN_MAX_LIFETIME_MS));
}

export function signCardToken(claims: CardTokenClaims, secret: string): string {
	const expires = Math.floor(claims.expiresAt.getTime() / 1000);
	if (!isUint32(claims.cardId) || !isUint32(claims.memberId) || !isUint32(expires)) {
		throw new RangeError("Card token claims out of range.");
	}
	const payload = new Uint8Array(PAYLOAD_LENGTH);
	const view = new DataView(payload.buffer);
	view.setUint8(0, VERSION);
	view.setUint32(1, claims.cardId);
	view.setUint32(5, claims.memberId);
	view.setUint32(9, expires);
	const token = new Uint8Array(PAYLOAD_LENGTH + MAC_LENGTH);
	token.set(payload);
	token.set(hmac(SHA256, macKey(secret), payload), PAYLOAD_LENGTH);
	return encodeBase64urlNoPadding(token);
}

export function verifyCardToken(token: string, secret: string, now: Date): CardTokenVerification {
	if (!/^[A-Za-z0-9_-]{60}$/.test(token)) return { ok: false, reason: "malformed" };
	let bytes: Uint8Array;
	try {
		bytes = decodeBase64urlIgnorePadding(token);
	} catch {
		return { ok: false, reason: "malformed" };
	}
	if (bytes.length !== PAYLOAD_LENGTH + MAC_LENGTH) return { ok: false, reason: "malformed" };
	const payload = bytes.subarray(0, PAYLOAD_LENGTH);
	const expected = hmac(SHA256, macKey(secret), payload);
	if (!constantTimeEqual(expected, bytes.subarray(PAYLOAD_LENGTH)))
		return { ok: false, reason: "bad_signature" };
	const view = new DataView(payload.buffer, payload.byteOffset, PAYLOAD_LENGTH);
	if (view.getUint8(0) !== VERSION) return { ok: false, reason: "malformed" };
	const expiresAt = new Date(view.getUint32(9) * 1000);
	if (now.getTime() >= expiresAt.getTime()) return { ok: false, reason: "expired" };
	return { ok: true, cardId: view.getUint32(1), memberId: view.getUint32(5), expiresAt };
}
