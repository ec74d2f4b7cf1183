import { describe, expect, it } from "vitest";
import { parseRecordId } from "./record-id.ts";

describe("a record id", () => {
	it("is read only from its canonical decimal form", () => {
		expect(parseRecordId("1")).toBe(1);
		expect(parseRecordId("9007199254740991")).toBe(9_007_199_254_740_991);
		for (const lax of [
			"0x1",
			" 1",
			"1 ",
			"1.0",
			"+1",
			"01",
			"1e0",
			"0",
			"-1",
			"",
			"\u0000",
			"١",
			"9007199254740992",
			undefined,
		])
			expect(parseRecordId(lax), String(lax)).toBeNull();
	});
});
