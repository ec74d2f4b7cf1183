// The links of the list keep its criteria; the pagination offers the pages around the current one.
import { describe, expect, it } from "vitest";
import { criteriaQuery, pageWindow } from "./remboursements-page.tsx";

describe("the list's links", () => {
	it("carry the criteria given, and the page past the first", () => {
		expect(criteriaQuery({})).toBe("");
		expect(criteriaQuery({ beneficiaire: "3", du: "", categorie: "optique" }, 2)).toBe(
			"?beneficiaire=3&categorie=optique&page=2",
		);
		expect(criteriaQuery({ du: "2026-01-01" }, 1)).toBe("?du=2026-01-01");
	});

	it("offer the first and last pages and two on each side of the current one", () => {
		expect(pageWindow(1, 1)).toEqual([1]);
		expect(pageWindow(1, 17)).toEqual([1, 2, 3, "gap", 17]);
		expect(pageWindow(9, 17)).toEqual([1, "gap", 7, 8, 9, 10, 11, "gap", 17]);
		expect(pageWindow(17, 17)).toEqual([1, "gap", 15, 16, 17]);
		expect(pageWindow(4, 7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
	});
});
