// The import path against a bare batched INSERT of the same rows, in the same run (issue 16):
// N prestation lines for the demo's members written to a CSV file, then, each in a process of its
// own (bench/import-phase.ts) on its own copy of the same seeded database:
// - baseline: the same rows, generated in memory, written by multi-row INSERTs of 400 rows in
//   transactions of 20 000 rows;
// - import: `runImport` on the CSV (papaparse stream, validation, lookups, upserts), as
//   `npm run import` does.
// Lines per second, CPU time, and each process's resident memory as the bench reads it from
// /proc while the phase runs (its peak, and its RSS every 50 000 lines: bounded memory shows as a
// flat curve). Refused (nothing reported, exit code 1) unless both copies end with exactly N new
// rows whose amounts sum to what the generator wrote, the import refused no line, and it did not
// stop.
// Usage: npm run bench -- import [--lines 1000000]
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { ImportReport } from "../core/import/run.ts";
import { createDatabase } from "../db/client.ts";
import { IMPORT_NODE_FLAGS } from "../scripts/import-source.ts";
import { createSeededTestDatabase } from "../tests/support/demo.ts";
import { refuseUnless } from "./lib/expected-responses.ts";
import { benchTargets, generatedLine } from "./lib/import-rows.ts";
import { runSampledProcess, type SampledRun } from "./lib/sampled-process.ts";

interface Phase {
	readonly seconds: number;
	readonly cpuSeconds: number;
	readonly linesPerSecond: number;
	readonly peakRssMb: number;
	/** RSS in MB after every 50 000 lines or so. */
	readonly rssMbAt: readonly { readonly lines: number; readonly rssMb: number }[];
}

export interface ImportBenchResult {
	readonly lines: number;
	readonly baseline: Phase;
	readonly importer: Phase;
	readonly ratio: number;
	/** The baseline's CPU time over the import's: the same comparison, less sensitive to the machine's load. */
	readonly cpuRatio: number;
	readonly goal: { readonly ratio: number; readonly peakRssMb: number; readonly met: boolean };
	readonly loadAverage: number;
	/** The 1-minute load average before the baseline, between the phases and after the import. */
	readonly loadAverages: { readonly start: number; readonly between: number; readonly end: number };
}

function euros(cents: number): string {
	return `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, "0")}`;
}

type PhaseRun = SampledRun<{ seconds: number; cpuSeconds: number; maxRssKb: number; report: unknown }>;

/** Runs one phase in a child process, its memory sampled; its JSON line back. */
function runPhase(args: readonly string[]): Promise<PhaseRun> {
	// Both phases with the import's Node flags, so that neither is measured with a runtime setting
	// the other lacks.
	return runSampledProcess("bench/import-phase.ts", args, IMPORT_NODE_FLAGS);
}

async function rowsOf(url: string): Promise<{ n: number; total: number; all: number }> {
	const { client, ready } = createDatabase({ url });
	await ready;
	const [row] = (
		await client.execute(
			"SELECT (SELECT count(*) FROM prestations WHERE source_ref LIKE 'B-%') AS n, (SELECT coalesce(sum(charged_cents), 0) FROM prestations WHERE source_ref LIKE 'B-%') AS total, (SELECT count(*) FROM prestations) AS allRows",
		)
	).rows;
	client.close();
	return { n: Number(row?.n), total: Number(row?.total), all: Number(row?.allRows) };
}

export async function benchImport(lines: number): Promise<ImportBenchResult> {
	const dir = await mkdtemp(join(tmpdir(), "espace-bench-import-"));
	try {
		const seeded = join(dir, "seeded.db");
		const handle = await createSeededTestDatabase({
			url: `file:${seeded}`,
			scale: 0.25,
			seed: 11,
			pepper: "bench-pepper-long-enough-for-the-config-check",
			now: new Date("2026-11-26T09:00:00Z"),
		});
		const { targets, act } = await benchTargets(handle.client);
		const before = Number((await handle.client.execute("SELECT count(*) AS n FROM prestations")).rows[0]?.n);
		// Everything into the main file (WAL mode), so that a copy of it is the whole database.
		await handle.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
		handle.client.close();
		const baselineUrl = `file:${join(dir, "baseline.db")}`;
		const importUrl = `file:${join(dir, "import.db")}`;
		await copyFile(seeded, join(dir, "baseline.db"));
		await copyFile(seeded, join(dir, "import.db"));

		const file = join(dir, "prestations.csv");
		const out = createWriteStream(file);
		out.write(
			"reference;numero_adherent;rang_beneficiaire;date_soins;code_acte;montant_depense;base_remboursement;taux_ss;part_ss;part_mutuelle;reste_a_charge;paye_a;date_paiement\n",
		);
		let expectedSum = 0;
		for (let i = 0; i < lines; i++) {
			const g = generatedLine(i, targets);
			expectedSum += g.charged;
			const text = `B-${i};${g.target.number};${g.target.rank};${g.careDate};${act.code};${euros(g.charged)};${euros(g.charged)};60;${euros(g.ss)};${euros(g.mutuelle)};${euros(g.remaining)};adherent;2026-11-05\n`;
			if (!out.write(text)) await once(out, "drain");
		}
		out.end();
		await once(out, "finish");

		const loadAtStart = loadavg()[0] ?? 0;
		const baseline = await runPhase(["baseline", baselineUrl, String(lines)]);
		const loadBetween = loadavg()[0] ?? 0;
		const baseRows = await rowsOf(baselineUrl);
		refuseUnless(baseRows.n === lines, `the baseline wrote ${baseRows.n} rows, not ${lines}`);
		refuseUnless(baseRows.total === expectedSum, "the baseline's amounts are not the generated ones");

		const imported = await runPhase(["import", importUrl, file]);
		const report = imported.result.report as ImportReport;
		const importRows = await rowsOf(importUrl);
		refuseUnless(report.stopped === null, `the import stopped: ${report.stopped?.error}`);
		refuseUnless(
			report.rejected === 0,
			`the import refused ${report.rejected} lines, first: ${report.rejections[0]?.reason}`,
		);
		refuseUnless(
			report.written === lines && importRows.n === lines,
			`the import wrote ${importRows.n} rows, not ${lines}`,
		);
		refuseUnless(importRows.all === before + lines, "the import touched other rows");
		refuseUnless(importRows.total === expectedSum, "the imported amounts are not the generated ones");

		const phase = (run: PhaseRun): Phase => ({
			seconds: run.result.seconds,
			cpuSeconds: run.cpuSeconds,
			linesPerSecond: lines / run.result.seconds,
			peakRssMb: run.peakRssKb / 1024,
			rssMbAt: run.progress.map((p) => ({ lines: p.lines, rssMb: p.rssKb / 1024 })),
		});
		const result = { baseline: phase(baseline), importer: phase(imported) };
		const ratio = result.importer.linesPerSecond / result.baseline.linesPerSecond;
		return {
			lines,
			...result,
			ratio,
			cpuRatio: result.baseline.cpuSeconds / result.importer.cpuSeconds,
			goal: { ratio: 0.5, peakRssMb: 256, met: ratio >= 0.5 && result.importer.peakRssMb < 256 },
			loadAverage: loadavg()[0] ?? 0,
			loadAverages: { start: loadAtStart, between: loadBetween, end: loadavg()[0] ?? 0 },
		};
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}
