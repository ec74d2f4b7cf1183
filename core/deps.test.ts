import { describe, expect, it } from "vitest";
import { cryptoRandomBytes } from "./deps.ts";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

describe("the random bytes of the hosts", () => {
	it("hands out fresh bytes of the asked length, never the same twice, across pool refills", () => {
		const seen = new Set<string>();
		// 16-byte draws through several 4 KiB refills of the pool, and odd sizes across the seams.
		for (let i = 0; i < 1000; i++) {
			const bytes = cryptoRandomBytes(i % 7 === 0 ? 15 : 16);
			expect(bytes.length).toBe(i % 7 === 0 ? 15 : 16);
			const text = hex(bytes);
			expect(seen.has(text)).toBe(false);
			seen.add(text);
		}
		expect(cryptoRandomBytes(0).length).toBe(0);
	});

	it("gives independent copies: changing one draw changes nothing else", () => {
		const first = cryptoRandomBytes(32);
		const copy = hex(first);
		const second = cryptoRandomBytes(32);
		first.fill(0);
		expect(hex(second)).not.toBe(hex(new Uint8Array(32)));
		expect(copy).not.toBe(hex(first));
	});

	it("draws large amounts straight from the generator", () => {
		const bytes = cryptoRandomBytes(10_000);
		expect(bytes.length).toBe(10_000);
		// 10 000 random bytes all zero would be a broken generator, not bad luck.
		expect(bytes.some((byte) => byte !== 0)).toBe(true);
	});
});
