import { describe, expect, it } from "vitest";
import { generateRecoveryCodes, hashRecoveryCode, useRecoveryCode } from "./recovery-codes.ts";

const secureRandom = (n: number): Uint8Array => crypto.getRandomValues(new Uint8Array(n));

/** A deterministic source: successive bytes 0, 1, 2… */
function counterRandom(): (n: number) => Uint8Array {
	let next = 0;
	return (n) => Uint8Array.from({ length: n }, () => next++ % 256);
}

describe("recovery codes", () => {
	it("generates ten readable codes of 60 bits without ambiguous letters", () => {
		const { codes, hashes } = generateRecoveryCodes(secureRandom);
		expect(codes).toHaveLength(10);
		expect(hashes).toHaveLength(10);
		for (const code of codes)
			expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}$/);
		// 12 symbols of a 32-symbol alphabet: 12 × 5 = 60 bits.
		expect(codes[0]?.replaceAll("-", "")).toHaveLength(12);
		expect(new Set(codes).size).toBe(10);
	});

	it("draws from the injected source and stores only SHA-256 hashes", () => {
		const { codes, hashes } = generateRecoveryCodes(counterRandom(), 2);
		expect(codes).toEqual(["0123-4567-89ab", "cdef-ghjk-mnpq"]);
		expect(hashes[0]).toMatch(/^[0-9a-f]{64}$/);
		expect(hashes[0]).toBe(hashRecoveryCode("0123-4567-89ab"));
		expect(hashes.join()).not.toContain("0123");
	});

	it("accepts a code once and returns the other hashes", () => {
		const { codes, hashes } = generateRecoveryCodes(secureRandom, 3);
		const first = useRecoveryCode(hashes, codes[1] ?? "");
		expect(first).toEqual({ ok: true, remaining: [hashes[0], hashes[2]] });
		const remaining = first.ok ? first.remaining : [];
		expect(useRecoveryCode(remaining, codes[1] ?? "")).toEqual({ ok: false });
		expect(useRecoveryCode(remaining, codes[0] ?? "").ok).toBe(true);
	});

	it("forgives case, spaces, dashes and the look-alike letters i, l and o", () => {
		const { hashes } = generateRecoveryCodes(counterRandom(), 1);
		expect(useRecoveryCode(hashes, " 0123 4567 89AB ").ok).toBe(true);
		expect(useRecoveryCode(hashes, "o123456789ab").ok).toBe(true);
		expect(useRecoveryCode(hashes, "0l23-4567-89ab").ok).toBe(true);
		expect(useRecoveryCode(hashes, "0I23–4567–89AB").ok).toBe(true);
	});

	it("refuses a wrong code, a malformed one and an empty list", () => {
		const { hashes } = generateRecoveryCodes(counterRandom(), 1);
		expect(useRecoveryCode(hashes, "0123-4567-89ac")).toEqual({ ok: false });
		expect(useRecoveryCode(hashes, "0123-4567")).toEqual({ ok: false });
		expect(useRecoveryCode(hashes, "0123-4567-89a!")).toEqual({ ok: false });
		expect(useRecoveryCode([], "0123-4567-89ab")).toEqual({ ok: false });
		expect(useRecoveryCode(["not-a-hash"], "0123-4567-89ab")).toEqual({ ok: false });
	});
});
