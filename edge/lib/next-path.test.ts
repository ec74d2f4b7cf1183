import { describe, expect, it } from "vitest";
import { safeNext } from "./next-path.ts";

describe("safeNext", () => {
	it("keeps a same-origin relative path with its query", () => {
		expect(safeNext("/adherent/releves?page=2", "/")).toBe("/adherent/releves?page=2");
	});

	it.each([
		"//evil.example",
		"https://evil.example/x",
		"/\\evil.example",
		"javascript:alert(1)",
		"adherent",
		"/a\u0000b",
		"/\tx",
		"",
	])("refuses %j", (candidate) => {
		expect(safeNext(candidate, "/adherent")).toBe("/adherent");
	});
});
