// The deadlines of a reimbursement report, a réclamation under ACPR 2022-R-01: acknowledged within
// 10 jours ouvrables (Sundays and public holidays excluded), answered within two months. The report
// itself is exercised through its route (edge/routes/adherent/remboursements.test.tsx).
import { describe, expect, it } from "vitest";
import { complaintDeadlines } from "./complaints.ts";

describe("the deadlines of a report", () => {
	it("counts 10 jours ouvrables for the acknowledgement", () => {
		// Thursday 26 November 2026 → Tuesday 8 December 2026 (Saturdays count, Sundays do not).
		expect(
			complaintDeadlines(new Date("2026-11-26T09:00:00Z")).acknowledgeBy.toISOString().slice(0, 10),
		).toBe("2026-12-08");
		// Saturday 19 December 2026 → Saturday 2 January 2027: 25 December and 1 January do not count.
		expect(
			complaintDeadlines(new Date("2026-12-19T09:00:00Z")).acknowledgeBy.toISOString().slice(0, 10),
		).toBe("2027-01-02");
	});

	it("adds two calendar months for the answer, a missing day becoming the last of the month", () => {
		expect(complaintDeadlines(new Date("2026-11-26T09:00:00Z")).answerDueBy).toBe("2027-01-26");
		expect(complaintDeadlines(new Date("2026-12-31T09:00:00Z")).answerDueBy).toBe("2027-02-28");
		expect(complaintDeadlines(new Date("2027-12-31T09:00:00Z")).answerDueBy).toBe("2028-02-29");
	});
});
