// `npm run test:vitest`: every vitest project, in two vitest processes side by side, and one
// JSON report for CI (ADR 0046).
//
// In one process, vitest runs every project whose files may not run in parallel (the browser
// files share one portal: fileParallelism false) in a last group of its own, after the unit
// files: on 2 cores that was about 400 s of unit files, then about 450 s of browser files, with a
// core half idle during the second. Two processes overlap them: the unit files in one worker
// (they are not isolated, so their imports are paid once), the browser files then the Worker in
// workerd in the other. The public site is built first, once: both the e2e setup and the
// portal's own test would otherwise build it at the same time into the same folder.
import { spawn } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { ensureSiteBuilt } from "./site-build.ts";

const root = resolve(import.meta.dirname, "..");
const REPORT = ".vitest-results.json";

interface Run {
	readonly label: string;
	readonly projects: readonly string[];
	readonly extra: readonly string[];
}

const RUNS: readonly Run[] = [
	// One worker: the other core is the browser's, the portal's and the e2e runner's.
	{ label: "unit", projects: ["unit"], extra: ["--maxWorkers=1"] },
	{ label: "e2e", projects: ["e2e", "workerd"], extra: [] },
];

interface JsonReport {
	numTotalTestSuites?: number;
	numPassedTestSuites?: number;
	numFailedTestSuites?: number;
	numPendingTestSuites?: number;
	numTotalTests?: number;
	numPassedTests?: number;
	numFailedTests?: number;
	numPendingTests?: number;
	numTodoTests?: number;
	startTime?: number;
	success?: boolean;
	testResults?: unknown[];
	[key: string]: unknown;
}

const COUNTS = [
	"numTotalTestSuites",
	"numPassedTestSuites",
	"numFailedTestSuites",
	"numPendingTestSuites",
	"numTotalTests",
	"numPassedTests",
	"numFailedTests",
	"numPendingTests",
	"numTodoTests",
] as const;

function reportFile(run: Run): string {
	return `.vitest-results.${run.label}.json`;
}

/** Runs one vitest process, its output prefixed line by line; resolves with its exit code. */
function runVitest(run: Run, passThrough: readonly string[]): Promise<number> {
	const args = [
		"vitest",
		"run",
		...run.projects.flatMap((project) => ["--project", project]),
		...run.extra,
		"--passWithNoTests",
		"--reporter=default",
		"--reporter=json",
		`--outputFile.json=${reportFile(run)}`,
		...passThrough,
	];
	const child = spawn("npx", args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
	for (const stream of [child.stdout, child.stderr]) {
		const out = stream === child.stdout ? process.stdout : process.stderr;
		createInterface({ input: stream }).on("line", (line) => out.write(`[${run.label}] ${line}\n`));
	}
	for (const signal of ["SIGINT", "SIGTERM"] as const) {
		process.on(signal, () => child.kill(signal));
	}
	return new Promise((done) => {
		child.on("error", () => done(1));
		child.on("exit", (code, signal) => done(code ?? (signal ? 1 : 0)));
	});
}

async function readReport(run: Run): Promise<JsonReport | undefined> {
	try {
		return JSON.parse(await readFile(resolve(root, reportFile(run)), "utf8")) as JsonReport;
	} catch {
		return undefined;
	}
}

/** One report as vitest would have written it for a single process: counts added, files joined. */
export function mergeReports(reports: readonly JsonReport[]): JsonReport {
	const merged: JsonReport = { ...reports[0], testResults: [] };
	for (const key of COUNTS) merged[key] = reports.reduce((sum, report) => sum + (report[key] ?? 0), 0);
	merged.testResults = reports.flatMap((report) => report.testResults ?? []);
	merged.success = reports.every((report) => report.success === true);
	merged.startTime = Math.min(...reports.map((report) => report.startTime ?? Number.POSITIVE_INFINITY));
	return merged;
}

async function main(): Promise<number> {
	const passThrough = process.argv.slice(2);
	await rm(resolve(root, REPORT), { force: true });
	if (await ensureSiteBuilt(root, "test")) console.log("public site built for the tests");
	const codes = await Promise.all(RUNS.map((run) => runVitest(run, passThrough)));
	const reports = await Promise.all(RUNS.map(readReport));
	const present = reports.filter((report): report is JsonReport => report !== undefined);
	if (present.length > 0) {
		await writeFile(resolve(root, REPORT), JSON.stringify(mergeReports(present)));
	}
	for (const [index, run] of RUNS.entries()) {
		if (!reports[index]) console.error(`[${run.label}] no report: vitest did not finish`);
		await rm(resolve(root, reportFile(run)), { force: true });
	}
	return codes.every((code) => code === 0) && present.length === RUNS.length ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	process.exitCode = await main();
}
