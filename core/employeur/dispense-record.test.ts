// The rules of a dispense's dates (D911-2 CSS): a written request already made, a start within
// the affiliation and three months ahead at most, and an end given for the cases that have one.
import { describe, expect, it } from "vitest";
import { checkDispense, type DispenseDates } from "./dispense-record.ts";

const base: DispenseDates = {
	reason: "c2s",
	requestedOn: "2026-11-20",
	startDate: "2026-12-01",
	endDate: null,
	today: "2026-11-26",
	affiliationStart: "2025-01-01",
};

describe("checkDispense", () => {
	it("accepts a dispense without end for a case that has none, and one with its end", () => {
		expect(checkDispense(base)).toBeNull();
		expect(checkDispense({ ...base, reason: "fixed_term_contract", endDate: "2027-03-31" })).toBeNull();
		expect(checkDispense({ ...base, reason: "individual_contract", endDate: "2026-12-01" })).toBeNull();
		expect(checkDispense({ ...base, startDate: "2025-01-01", requestedOn: "2026-11-26" })).toBeNull();
	});

	it("refuses a request dated after today", () => {
		expect(checkDispense({ ...base, requestedOn: "2026-11-27" })).toBe("requested_in_future");
	});

	it("refuses a start before the affiliation or more than 92 days ahead", () => {
		expect(checkDispense({ ...base, startDate: "2024-12-31" })).toBe("start_before_affiliation");
		expect(checkDispense({ ...base, startDate: "2027-02-26" })).toBeNull();
		expect(checkDispense({ ...base, startDate: "2027-02-27" })).toBe("start_too_far");
	});

	it("requires the end of a fixed-term contract and the term of an individual contract", () => {
		expect(checkDispense({ ...base, reason: "fixed_term_contract" })).toBe("end_required");
		expect(checkDispense({ ...base, reason: "individual_contract" })).toBe("end_required");
		for (const reason of ["covered_as_dependant", "part_time_or_apprentice", "present_at_due"] as const)
			expect(checkDispense({ ...base, reason })).toBeNull();
	});

	it("refuses an end before the start", () => {
		expect(checkDispense({ ...base, endDate: "2026-11-30" })).toBe("end_before_start");
	});
});
