// One phase of the import benchmark in a process of its own, so that its peak resident memory is
// its own (bench/import.ts starts it): `baseline <database> <lines>` writes the generated rows
// with bare multi-row INSERTs; `import <database> <file>` runs the import of the CSV file as
// `npm run import` does. Prints `progress <lines>` every 50 000 lines (the bench pairs each with
// the RSS it reads then), and last one JSON line: seconds, CPU seconds, peak RSS in kB, the
// import's report.
import { prestationsImport } from "../core/import/prestations.ts";
import { runImport } from "../core/import/run.ts";
import { createDatabase } from "../db/client.ts";
import { readSource } from "../scripts/import-source.ts";
import { benchTargets, generatedLine } from "./lib/import-rows.ts";

const COLUMNS =
	"member_id, beneficiary_id, care_date, act_code, category_code, quantity, charged_cents, base_cents, ss_rate_bp, ss_paid_cents, participation_forfaitaire_cents, franchise_cents, mutuelle_cents, remaining_cents, paid_to, payment_date, source_ref";
const ROWS_PER_STATEMENT = 400;
const ROWS_PER_TRANSACTION = 20_000;
const PROGRESS_EVERY = 50_000;

function insertText(rows: number): string {
	const placeholders = `(${Array(17).fill("?").join(", ")})`;
	return `INSERT INTO prestations (${COLUMNS}) VALUES ${Array(rows).fill(placeholders).join(", ")}`;
}

async function baseline(url: string, lines: number): Promise<unknown> {
	const { client, ready } = createDatabase({ url });
	await ready;
	const { targets, act } = await benchTargets(client);
	const full = insertText(ROWS_PER_STATEMENT);
	for (let start = 0; start < lines; start += ROWS_PER_TRANSACTION) {
		const end = Math.min(lines, start + ROWS_PER_TRANSACTION);
		const tx = await client.transaction("write");
		for (let chunk = start; chunk < end; chunk += ROWS_PER_STATEMENT) {
			const last = Math.min(end, chunk + ROWS_PER_STATEMENT);
			const args: (string | number)[] = [];
			for (let i = chunk; i < last; i++) {
				const g = generatedLine(i, targets);
				args.push(
					g.target.memberId,
					g.target.beneficiaryId,
					g.careDate,
					act.code,
					act.category,
					1,
					g.charged,
					g.charged,
					6000,
					g.ss,
					0,
					0,
					g.mutuelle,
					g.remaining,
					"member",
					"2026-11-05",
					`B-${i}`,
				);
			}
			await tx.execute({ sql: last - chunk === ROWS_PER_STATEMENT ? full : insertText(last - chunk), args });
		}
		await tx.commit();
		if (Math.floor(end / PROGRESS_EVERY) > Math.floor(start / PROGRESS_EVERY))
			process.stdout.write(`progress ${end}\n`);
	}
	client.close();
	return null;
}

async function importer(url: string, file: string): Promise<unknown> {
	const { client, db, ready } = createDatabase({ url });
	await ready;
	let reported = 0;
	const report = await runImport(db, prestationsImport, readSource(file, "csv"), {
		now: new Date(),
		via: "bench",
		onProgress: (lines) => {
			if (lines - reported < PROGRESS_EVERY) return;
			reported = lines;
			process.stdout.write(`progress ${lines}\n`);
		},
	});
	client.close();
	return report;
}

const [phase, url, arg] = process.argv.slice(2);
const started = performance.now();
const cpu = process.cpuUsage();
const result =
	phase === "baseline" ? await baseline(url ?? "", Number(arg)) : await importer(url ?? "", arg ?? "");
const seconds = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);
process.stdout.write(
	`${JSON.stringify({ seconds, cpuSeconds: (used.user + used.system) / 1e6, maxRssKb: process.resourceUsage().maxRSS, report: result })}\n`,
);
