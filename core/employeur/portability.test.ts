// Portabilité (L911-8 CSS): as long as the last contract in whole months rounded up, 12 at most,
// from the day after the end, only after an end that opens unemployment rights.
import { describe, expect, it } from "vitest";
import { computePortability, wholeMonthsRoundedUp } from "./portability.ts";

describe("the length of the last contract in whole months", () => {
	it("counts a month that has begun as a whole month", () => {
		expect(wholeMonthsRoundedUp("2026-01-15", "2026-01-15")).toBe(1);
		expect(wholeMonthsRoundedUp("2026-01-15", "2026-02-14")).toBe(1);
		expect(wholeMonthsRoundedUp("2026-01-15", "2026-02-15")).toBe(2);
		expect(wholeMonthsRoundedUp("2026-01-01", "2026-03-31")).toBe(3);
		expect(wholeMonthsRoundedUp("2026-01-01", "2026-04-01")).toBe(4);
	});

	it("ends a month begun on the 31st on the day before the next month's last day", () => {
		// 31 January + 1 month is 28 February (calendar.ts#addMonths): the first month ends the 27th.
		expect(wholeMonthsRoundedUp("2026-01-31", "2026-02-27")).toBe(1);
		expect(wholeMonthsRoundedUp("2026-01-31", "2026-02-28")).toBe(2);
	});
});

describe("portability", () => {
	it("lasts as long as a short fixed-term contract, from the day after its end", () => {
		expect(
			computePortability({ contractStart: "2026-03-01", contractEnd: "2026-05-20", reason: "contract_end" }),
		).toEqual({ eligible: true, months: 3, from: "2026-05-21", until: "2026-08-20" });
	});

	it("stops at 12 months after a long contract", () => {
		expect(
			computePortability({ contractStart: "2015-09-01", contractEnd: "2026-10-31", reason: "dismissal" }),
		).toEqual({ eligible: true, months: 12, from: "2026-11-01", until: "2027-10-31" });
	});

	it("applies to a conventional termination", () => {
		const portability = computePortability({
			contractStart: "2026-01-10",
			contractEnd: "2026-07-09",
			reason: "conventional_termination",
		});
		expect(portability).toEqual({ eligible: true, months: 6, from: "2026-07-10", until: "2027-01-09" });
	});

	it("ends on the last day of a month when the day after the end is the 1st of a month", () => {
		expect(
			computePortability({ contractStart: "2026-11-01", contractEnd: "2026-12-31", reason: "contract_end" }),
		).toEqual({ eligible: true, months: 2, from: "2027-01-01", until: "2027-02-28" });
	});

	it("does not open after a resignation, a retirement or a death", () => {
		for (const reason of ["resignation", "retirement", "death", "group_contract_end"] as const)
			expect(
				computePortability({ contractStart: "2020-01-01", contractEnd: "2026-10-31", reason }),
				reason,
			).toEqual({
				eligible: false,
				why: "reason",
			});
	});

	it("does not open after a dismissal for faute lourde", () => {
		expect(
			computePortability({
				contractStart: "2020-01-01",
				contractEnd: "2026-10-31",
				reason: "dismissal",
				grossMisconduct: true,
			}),
		).toEqual({ eligible: false, why: "gross_misconduct" });
	});
});
