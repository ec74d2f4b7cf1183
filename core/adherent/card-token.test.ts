import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from "@oslojs/encoding";
import { describe, expect, it } from "vitest";
import { CARD_TOKEN_MAX_LIFETIME_MS, cardTokenExpiry, signCardToken, verifyCardToken } from "./card-token.ts";

const SECRET = "test-pepper-long-enough-for-the-config-check";
const NOW = new Date("2026-11-26T09:00:00Z");
const EXPIRES = new Date("2026-12-31T23:00:00Z");

describe("the card token of the QR code", () => {
	it("signs a compact token that verifies back to its card and member", () => {
		const token = signCardToken({ cardId: 12, memberId: 345, expiresAt: EXPIRES }, SECRET);
		expect(token).toMatch(/^[A-Za-z0-9_-]{60}$/);
		expect(verifyCardToken(token, SECRET, NOW)).toEqual({
			ok: true,
			cardId: 12,
			memberId: 345,
			expiresAt: EXPIRES,
		});
	});

	it("expires at the end of the card's validity or after 90 days, whichever comes first", () => {
		expect(cardTokenExpiry(EXPIRES, NOW)).toEqual(EXPIRES);
		const early = new Date("2026-01-02T09:00:00Z");
		expect(cardTokenExpiry(EXPIRES, early).getTime()).toBe(early.getTime() + CARD_TOKEN_MAX_LIFETIME_MS);
		const token = signCardToken({ cardId: 1, memberId: 1, expiresAt: EXPIRES }, SECRET);
		expect(verifyCardToken(token, SECRET, new Date("2026-12-31T22:59:59Z")).ok).toBe(true);
		expect(verifyCardToken(token, SECRET, EXPIRES)).toEqual({ ok: false, reason: "expired" });
	});

	it("refuses a tampered token, another secret and garbage", () => {
		const token = signCardToken({ cardId: 12, memberId: 345, expiresAt: EXPIRES }, SECRET);
		const bytes = decodeBase64urlIgnorePadding(token);
		bytes[4] = (bytes[4] ?? 0) ^ 1; // another card id, same signature
		expect(verifyCardToken(encodeBase64urlNoPadding(bytes), SECRET, NOW)).toEqual({
			ok: false,
			reason: "bad_signature",
		});
		const later = decodeBase64urlIgnorePadding(token);
		later[12] = (later[12] ?? 0) ^ 0x80; // a later expiry
		expect(verifyCardToken(encodeBase64urlNoPadding(later), SECRET, NOW)).toEqual({
			ok: false,
			reason: "bad_signature",
		});
		expect(verifyCardToken(token, `${SECRET}-other`, NOW)).toEqual({ ok: false, reason: "bad_signature" });
		expect(verifyCardToken(`${token}A`, SECRET, NOW)).toEqual({ ok: false, reason: "malformed" });
		expect(verifyCardToken("x".repeat(60), SECRET, NOW)).toEqual({ ok: false, reason: "bad_signature" });
		expect(verifyCardToken("", SECRET, NOW)).toEqual({ ok: false, reason: "malformed" });
	});
});
