// Prints CI's closing line from vitest's JSON report: "N passed, N failed" (", N skipped").
// A non-zero exit of `npm test` with no failing test means a check outside vitest failed
// (lint, types, the Cloudflare bundle): it counts as one failure.
import { readFileSync } from "node:fs";

const [file = ".vitest-results.json", status = "0"] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
try {
	const report = JSON.parse(readFileSync(file, "utf8"));
	passed = report.numPassedTests ?? 0;
	failed = report.numFailedTests ?? 0;
	skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
	// A test file that failed to load has no test counted as failed: count it.
	for (const suite of report.testResults ?? []) {
		if (suite.status === "failed" && (suite.assertionResults ?? []).length === 0) failed++;
	}
} catch {
	// No report: vitest did not run (an earlier check failed) or crashed.
}
if (status !== "0" && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
