// The deadlines of a reimbursement report (a réclamation, ACPR 2022-R-01): acknowledged within
// 10 working days, answered within two months. The report itself is exercised through its route
// (edge/routes/adherent/remboursements.test.tsx), on a seed where the next complaint number is
// already taken by a request of another kind.
import { describe, expect, it } from "vitest";
import { addMonths, addWorkingDays } from "./reimbursement-report.ts";

describe("the deadlines of a report", () => {
	it("counts 10 working days, weekends excluded", () => {
		// Thursday 26 November 2026 → Thursday 10 December 2026.
		expect(addWorkingDays(new Date("2026-11-26T09:00:00Z"), 10).toISOString()).toBe(
			"2026-12-10T09:00:00.000Z",
		);
		// Saturday 28 November 2026 → Friday 11 December 2026.
		expect(addWorkingDays(new Date("2026-11-28T09:00:00Z"), 10).toISOString()).toBe(
			"2026-12-11T09:00:00.000Z",
		);
	});

	it("adds calendar months, a missing day becoming the last of the month", () => {
		expect(addMonths(new Date("2026-11-26T09:00:00Z"), 2).toISOString()).toBe("2027-01-26T09:00:00.000Z");
		expect(addMonths(new Date("2026-12-31T09:00:00Z"), 2).toISOString()).toBe("2027-02-28T09:00:00.000Z");
		expect(addMonths(new Date("2027-12-31T09:00:00Z"), 2).toISOString()).toBe("2028-02-29T09:00:00.000Z");
	});
});
