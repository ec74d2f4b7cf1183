// The two vitest processes' reports become the one CI reads: a count lost in the merge would
// print a wrong closing line (scripts/ci-summary.mjs).
import { describe, expect, it } from "vitest";
import { mergeReports } from "./test-vitest.ts";

describe("mergeReports", () => {
	it("adds the counts, joins the files and fails when either process failed", () => {
		const unit = {
			numTotalTests: 3,
			numPassedTests: 3,
			numFailedTests: 0,
			numPendingTests: 0,
			numTodoTests: 0,
			startTime: 2_000,
			success: true,
			testResults: [{ name: "a" }],
		};
		const e2e = {
			numTotalTests: 2,
			numPassedTests: 1,
			numFailedTests: 1,
			numPendingTests: 1,
			startTime: 1_000,
			success: false,
			testResults: [{ name: "b" }, { name: "c" }],
		};
		const merged = mergeReports([unit, e2e]);
		expect(merged).toMatchObject({
			numTotalTests: 5,
			numPassedTests: 4,
			numFailedTests: 1,
			numPendingTests: 1,
			numTodoTests: 0,
			startTime: 1_000,
			success: false,
		});
		expect(merged.testResults).toEqual([{ name: "a" }, { name: "b" }, { name: "c" }]);
		expect(mergeReports([unit, { ...unit, testResults: [] }]).success).toBe(true);
	});
});
