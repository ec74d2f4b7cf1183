import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "./sha256.ts";

describe("SHA-256 in hex", () => {
	it("gives the standard digests (FIPS 180-2 examples)", () => {
		expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
		expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	});

	it("hashes a text's UTF-8 bytes, so stored hashes made in JavaScript still match", () => {
		for (const text of ["Réclamation n° 2026-000042 – reçue", "🙂", "a".repeat(1000)]) {
			const bytes = new TextEncoder().encode(text);
			expect(sha256Hex(text)).toBe(encodeHexLowerCase(sha256(bytes)));
			expect(sha256Hex(bytes)).toBe(sha256Hex(text));
		}
	});
});
