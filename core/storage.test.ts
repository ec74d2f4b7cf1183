import { describe, expect, it } from "vitest";
import { createMemoryDocumentStorage, isValidStorageKey, newDocumentKey } from "./storage.ts";

describe("storage keys", () => {
	it("are random, filed by year, and carry no personal data", () => {
		const key = newDocumentKey((n) => new Uint8Array(n).fill(171), new Date("2026-11-26T09:00:00Z"), "pdf");
		expect(key).toBe(`documents/2026/${"ab".repeat(16)}.pdf`);
		expect(isValidStorageKey(key)).toBe(true);
	});

	it("refuse anything that could leave the storage's root", () => {
		for (const key of [
			"../x",
			"documents/../../etc/passwd",
			"/etc/passwd",
			"a//b",
			"A.pdf",
			"",
			"a\\b",
			"a/..",
		]) {
			expect(isValidStorageKey(key), key).toBe(false);
		}
	});
});

describe("the in-memory storage of tests", () => {
	it("puts, gets and deletes copies of the bytes", async () => {
		const storage = createMemoryDocumentStorage();
		const bytes = new Uint8Array([1, 2, 3]);
		await storage.put("documents/2026/a.pdf", bytes, "application/pdf");
		bytes[0] = 9;
		expect(await storage.get("documents/2026/a.pdf")).toEqual({
			bytes: new Uint8Array([1, 2, 3]),
			contentType: "application/pdf",
		});
		await storage.delete("documents/2026/a.pdf");
		expect(await storage.get("documents/2026/a.pdf")).toBeNull();
		await expect(storage.put("../a", bytes, "application/pdf")).rejects.toThrow(RangeError);
	});
});
