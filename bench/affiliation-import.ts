// The employer's CSV import of affiliations at its largest (issue 12: 20 000 lines, under 10 s and
// 256 MB), against a bare batched INSERT of the same employees, in the same run. A file of N lines
// is generated (every 97th line with a wrong NIR key); then, each in a process of its own
// (bench/affiliation-import-phase.ts) on its own copy of the same seeded database:
// - baseline: the valid employees' persons, members, affiliations and accounts, bare multi-row
//   INSERTs in one transaction (no validation, no invitation, no audit entry);
// - import: the pages' own code, file stored, validated step by step, confirmed, written step by
//   step with each invitation e-mail (outbox and job) and audit entry.
// Refused (nothing reported) unless the import refused exactly the broken lines, affiliated every
// other one, and queued one invitation per new affiliation, and the baseline wrote as many.
// Usage: npm run bench -- affiliation-import [--lines 20000]
import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parisDayOf } from "../core/format.ts";
import { createDatabase } from "../db/client.ts";
import { SERVER_NODE_FLAGS } from "../scripts/server-node-flags.ts";
import { createSeededTestDatabase, demoAccount } from "../tests/support/demo.ts";
import { CSV_HEADER, csvLine, generatedEmployee } from "./lib/affiliation-rows.ts";
import { refuseUnless } from "./lib/expected-responses.ts";
import { runPhaseProcess } from "./lib/phase-process.ts";

const now = new Date("2026-11-26T09:00:00Z");

export interface AffiliationImportBenchResult {
	readonly lines: number;
	readonly broken: number;
	readonly baseline: {
		readonly seconds: number;
		readonly cpuSeconds: number;
		readonly peakRssMb: number;
		readonly loadedRssMb: number;
	};
	readonly importer: {
		readonly seconds: number;
		readonly cpuSeconds: number;
		readonly validationSeconds: number;
		readonly steps: number;
		readonly peakRssMb: number;
		/** The peak once the modules are loaded, before the first line is read: the process's floor. */
		readonly loadedRssMb: number;
	};
	readonly goal: { readonly seconds: number; readonly peakRssMb: number; readonly met: boolean };
	readonly loadAverage: number;
}

// Both phases with the portal server's V8 flags: the import runs in the server (each page view
// advances it a step), so its memory is measured as the server holds it (ADR 0040, ADR 0043).
function runPhase(args: readonly string[]): Promise<Record<string, unknown>> {
	return runPhaseProcess("bench/affiliation-import-phase.ts", args, SERVER_NODE_FLAGS);
}

async function countsOf(url: string, companyId: number) {
	const { client, ready } = createDatabase({ url });
	await ready;
	const [row] = (
		await client.execute({
			sql: `SELECT (SELECT count(*) FROM affiliations WHERE company_id = ?) AS affiliations,
				(SELECT count(*) FROM employee_directory WHERE company_id = ?) AS directory,
				(SELECT count(*) FROM outgoing_mails WHERE to_address LIKE '%@bench.exemple.fr') AS mails,
				(SELECT count(*) FROM accounts WHERE email LIKE '%@bench.exemple.fr' AND state = 'pending') AS accounts`,
			args: [companyId, companyId],
		})
	).rows;
	client.close();
	return {
		affiliations: Number(row?.affiliations),
		directory: Number(row?.directory),
		mails: Number(row?.mails),
		accounts: Number(row?.accounts),
	};
}

export async function benchAffiliationImport(lines: number): Promise<AffiliationImportBenchResult> {
	const dir = await mkdtemp(join(tmpdir(), "espace-bench-affiliation-import-"));
	try {
		const seeded = join(dir, "seeded.db");
		const handle = await createSeededTestDatabase({
			url: `file:${seeded}`,
			scale: 0.25,
			seed: 11,
			pepper: "bench-pepper-long-enough-for-the-config-check",
			now,
		});
		const account = await demoAccount(handle.db, "employeur1");
		const companyId = account.companyId ?? 0;
		const [category] = (
			await handle.client.execute({
				sql: `SELECT c.category FROM group_contract_categories c JOIN group_contracts g ON g.id = c.group_contract_id
				WHERE g.company_id = ? AND g.end_date IS NULL ORDER BY g.start_date DESC, c.id LIMIT 1`,
				args: [companyId],
			})
		).rows;
		refuseUnless(category !== undefined, "the demo employer's company has no open contract");
		await handle.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
		handle.client.close();
		const baselineUrl = `file:${join(dir, "baseline.db")}`;
		const importUrl = `file:${join(dir, "import.db")}`;
		await copyFile(seeded, join(dir, "baseline.db"));
		await copyFile(seeded, join(dir, "import.db"));
		const before = await countsOf(importUrl, companyId);

		const text = [CSV_HEADER];
		const brokenLines: number[] = [];
		for (let i = 0; i < lines; i++) {
			const employee = generatedEmployee(i);
			if (employee.broken) brokenLines.push(i + 2);
			text.push(csvLine(employee, "01/12/2026", String(category.category)));
		}
		const file = join(dir, "salaries.csv");
		await writeFile(file, `${text.join("\n")}\n`);
		const valid = lines - brokenLines.length;
		const today = parisDayOf(now);

		const baseline = await runPhase(["baseline", baselineUrl, String(lines), String(companyId), today]);
		const baseCounts = await countsOf(baselineUrl, companyId);
		refuseUnless(
			baseCounts.affiliations - before.affiliations === valid &&
				baseCounts.accounts - before.accounts === valid,
			`the baseline wrote ${baseCounts.affiliations - before.affiliations} affiliations, not ${valid}`,
		);

		const imported = await runPhase([
			"import",
			importUrl,
			file,
			String(companyId),
			String(account.id),
			today,
		]);
		const after = await countsOf(importUrl, companyId);
		const done = imported.done as Record<string, number>;
		const validated = imported.validated as Record<string, number>;
		refuseUnless(validated.valid === valid, `the import found ${validated.valid} valid lines, not ${valid}`);
		refuseUnless(
			JSON.stringify(imported.rejectedLines) === JSON.stringify(brokenLines),
			"the import did not refuse exactly the broken lines",
		);
		refuseUnless(
			done.created === valid && done.valid === 0 && done.already === 0,
			`the import affiliated ${done.created} employees, not ${valid}`,
		);
		refuseUnless(
			after.affiliations - before.affiliations === valid &&
				after.directory - before.directory === valid &&
				after.accounts - before.accounts === valid &&
				after.mails - before.mails === valid,
			`the database holds ${after.affiliations - before.affiliations} new affiliations and ${after.mails - before.mails} invitations, not ${valid}`,
		);

		const peak = (run: Record<string, unknown>) => Number(run.maxRssKb) / 1024;
		const importer = {
			seconds: Number(imported.seconds),
			cpuSeconds: Number(imported.cpuSeconds),
			validationSeconds: Number(imported.validationSeconds),
			steps: Number(imported.steps),
			peakRssMb: peak(imported),
			loadedRssMb: Number(imported.loadedRssKb) / 1024,
		};
		return {
			lines,
			broken: brokenLines.length,
			baseline: {
				seconds: Number(baseline.seconds),
				cpuSeconds: Number(baseline.cpuSeconds),
				peakRssMb: peak(baseline),
				loadedRssMb: Number(baseline.loadedRssKb) / 1024,
			},
			importer,
			goal: { seconds: 10, peakRssMb: 256, met: importer.seconds < 10 && importer.peakRssMb < 256 },
			loadAverage: loadavg()[0] ?? 0,
		};
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}
