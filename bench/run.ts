// `npm run bench -- <name> [options]`: runs a benchmark of bench/, prints its figures and writes
// them to bench/results/<name>.json. Every benchmark measures its own baseline in the same run, and
// refuses to report (a BenchmarkRefusal: a message and exit code 1, nothing printed or written) when
// a measured response or result is not the expected one (bench/lib/expected-responses.ts).
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { benchAffiliationImport } from "./affiliation-import.ts";
import { benchAuditIds } from "./audit-ids.ts";
import { benchDashboard, type DashboardBenchResult } from "./dashboard.ts";
import { benchEmployeeList } from "./employee-list.ts";
import { benchImport } from "./import.ts";
import { BenchmarkRefusal } from "./lib/expected-responses.ts";
import { benchMailPacing } from "./mail-pacing.ts";
import { benchQueue } from "./queue-throughput.ts";
import { benchReseau } from "./reseau.ts";
import { benchRights } from "./rights.ts";
import { benchSignIn } from "./sign-in.ts";

const { positionals, values } = parseArgs({
	allowPositionals: true,
	options: {
		jobs: { type: "string", default: "5000" },
		entries: { type: "string", default: "1000000" },
		lines: { type: "string", default: "1000000" },
		mails: { type: "string", default: "10000" },
		count: { type: "string", default: "30" },
		database: { type: "string" },
		duration: { type: "string", default: "10" },
		scale: { type: "string", default: "2" },
		rounds: { type: "string", default: "3" },
		professionals: { type: "string", default: "100000" },
		queries: { type: "string", default: "100" },
	},
});
const name = positionals[0] ?? "queue";

async function main(): Promise<void> {
	let result: unknown;
	switch (name) {
		case "queue": {
			const queue = await benchQueue(Number.parseInt(values.jobs ?? "5000", 10));
			process.stdout.write(`Queue throughput, ${queue.jobs} e-mail jobs to the local mailbox\n`);
			process.stdout.write(
				`  baseline (INSERT + DELETE of one job row): ${queue.baselineOpsPerSecond.toFixed(0)} /s\n`,
			);
			for (const run of queue.workers) {
				process.stdout.write(
					`  ${run.processes} worker process(es): ${run.jobsPerSecond.toFixed(0)} jobs/s (${(run.ratioToBaseline * 100).toFixed(0)} % of baseline)\n`,
				);
			}
			result = queue;
			break;
		}
		case "sign-in": {
			const bench = await benchSignIn(Number.parseInt(values.count ?? "30", 10));
			const timing = (t: { wallMs: number; cpuMs: number }) =>
				`${t.wallMs.toFixed(1)} ms (CPU ${t.cpuMs.toFixed(1)} ms)`;
			process.stdout.write(
				`Password hashing and sign-in, one core, ${bench.count} operations each (load average ${bench.loadAverage.toFixed(1)} on this shared 2-core machine)\n`,
			);
			for (const [runtime, figures] of [
				["Node", bench.node],
				["workerd", bench.workerd],
			] as const) {
				process.stdout.write(
					`  ${runtime}: Argon2id verification (19 MiB, t=2, p=1) ${timing(figures.verify)}; PBKDF2-SHA256 100 000 iterations (baseline) ${timing(figures.pbkdf2)}; CPU ratio ${figures.verifyToPbkdf2.toFixed(2)}\n`,
				);
			}
			process.stdout.write(
				`  goal ≤ ${bench.verifyGoalMs} ms of CPU per verification in both runtimes: ${bench.verifyGoalMet ? "met" : "NOT met"} (wall times include the other processes' turns on this machine)\n`,
			);
			process.stdout.write(`  Argon2id hash of a new password on Node: ${timing(bench.hash)}\n`);
			process.stdout.write(
				`  bare Argon2id verifications on Node: ${bench.verifyPerSecond.toFixed(1)} /s (${bench.verifyPerCpuSecond.toFixed(1)} per CPU second)\n`,
			);
			process.stdout.write(
				`  POST /connexion (right password, whole app, Node): ${bench.signInPerSecond.toFixed(1)} /s (${bench.signInPerCpuSecond.toFixed(1)} per CPU second, ${(bench.signInToVerify * 100).toFixed(0)} % of the bare verify rate)\n`,
			);
			result = bench;
			break;
		}
		case "dashboard": {
			const bench = await benchDashboard({
				...(values.database ? { database: values.database } : {}),
				duration: Number.parseInt(values.duration ?? "10", 10),
				scale: Number.parseInt(values.scale ?? "2", 10),
				rounds: Number.parseInt(values.rounds ?? "3", 10),
			});
			const line = (label: string, m: DashboardBenchResult["medians"]["espace"]) =>
				`  ${label}: ${m.requestsPerSecond.toFixed(0)} req/s, p50 ${m.p50Ms} ms, p99 ${m.p99Ms} ms, ${m.cpuMicrosPerResponse.toFixed(0)} µs CPU/response\n`;
			const { medians } = bench;
			const checked = Object.values(medians).reduce((sum, m) => sum + m.responses, 0);
			process.stdout.write(
				`Dashboard (/adherent), ${bench.members} members, ${bench.connections} connections, ${bench.durationSeconds} s each, median of ${bench.rounds} rounds${bench.pinned ? ", servers on CPU 0, load on CPU 1" : ""}\n`,
			);
			process.stdout.write(
				`  ${checked} responses checked: every one a 200 with the page's markers (session of ${bench.day.slice(0, 10)}, CGU ${bench.cguVersion} accepted)\n`,
			);
			process.stdout.write(line("Espace (Node host, one process)", medians.espace));
			process.stdout.write(line("fair peer: Express + better-sqlite3, the same work", medians.fairPeer));
			process.stdout.write(line("bare peer: Express + better-sqlite3, the queries only", medians.barePeer));
			process.stdout.write(line("the same bytes as a static file", medians.staticFile));
			process.stdout.write(
				`  ratios: Espace / fair peer ${bench.espaceToFairPeer.toFixed(2)}, Espace / bare peer ${bench.espaceToBarePeer.toFixed(2)}, Espace / static ${bench.espaceToStatic.toFixed(2)}; CPU per response, fair peer / Espace ${bench.fairPeerToEspaceCpu.toFixed(2)}\n`,
			);
			process.stdout.write(
				`  page: ${bench.htmlBytes} bytes, ${bench.htmlGzipBytes} gzipped; p99 budget ${bench.p99BudgetMs} ms (ADR 0009): ${bench.p99BudgetMet ? "met" : "NOT met"}\n`,
			);
			process.stdout.write(
				`  goal (issue 9): >= ${bench.goal.toFairPeer}x the fair peer and p99 <= ${bench.goal.p99Ms} ms: ${bench.goalMet ? "met" : "NOT met"}\n`,
			);
			result = bench;
			break;
		}
		// --- the audit trail's correlation ids (ADR 0050): random against time-ordered ---
		case "audit-ids": {
			const bench = await benchAuditIds({
				entries: Number.parseInt(values.entries ?? "1000000", 10),
				rounds: Number.parseInt(values.rounds ?? "3", 10),
			});
			const line = (label: string, m: typeof bench.random) =>
				`  ${label}: ${m.cpuMicrosPerEntry.toFixed(1)} µs CPU, ${m.wallMicrosPerEntry.toFixed(1)} µs wall per entry\n`;
			process.stdout.write(
				`Audit entries in batches of ${bench.batch} into a trail of ${bench.entriesBefore} entries, ${bench.entriesPerMeasure} per measure, median of ${bench.rounds} rounds\n`,
			);
			process.stdout.write(line("random correlation ids (16 bytes)", bench.random));
			process.stdout.write(line("time-ordered correlation ids (core/request-id.ts)", bench.timeOrdered));
			process.stdout.write(`  CPU per entry, random / time-ordered: ${bench.cpuRatio.toFixed(2)}\n`);
			result = bench;
			break;
		}
		// --- the employer's list of employees (issue 12): 20 000 employees, against its bare peer ---
		case "employee-list": {
			const bench = await benchEmployeeList({
				duration: Number.parseInt(values.duration ?? "10", 10),
				rounds: Number.parseInt(values.rounds ?? "3", 10),
			});
			process.stdout.write(
				`Employee list (/employeur/salaries), ${bench.employees} employees, ${bench.connections} connections, ${bench.durationSeconds} s each, median of ${bench.rounds} rounds${bench.pinned ? ", servers on CPU 0, load on CPU 1" : ""}\n`,
			);
			for (const [label, m] of Object.entries(bench.medians))
				process.stdout.write(
					`  ${label}: Espace ${m.espace.requestsPerSecond.toFixed(0)} req/s, p50 ${m.espace.p50Ms} ms, p99 ${m.espace.p99Ms} ms, ${m.espace.cpuMicrosPerResponse.toFixed(0)} µs CPU/response (${m.espace.responses} checked); bare peer ${m.peer.requestsPerSecond.toFixed(0)} req/s, p99 ${m.peer.p99Ms} ms, ${m.peer.cpuMicrosPerResponse.toFixed(0)} µs CPU/response; ratio ${m.ratio.toFixed(2)}\n`,
				);
			process.stdout.write(
				`  p99 budget ${bench.p99BudgetMs} ms: ${bench.p99BudgetMet ? "met" : "NOT met"}\n`,
			);
			result = bench;
			break;
		}
		// --- mail pacing (issue 18): a paced worker against a rate-limited stand-in of Resend ---
		case "mail-pacing": {
			const bench = await benchMailPacing(Number.parseInt(values.mails ?? "10000", 10));
			process.stdout.write(
				`Mail pacing, ${bench.mails} statement e-mails to a stand-in of Resend limited to ${bench.ratePerSecond} requests/s\n`,
			);
			process.stdout.write(
				`  baseline (INSERT + DELETE of one job row): ${bench.baselineOpsPerSecond.toFixed(0)} /s, ${bench.baselineSeconds.toFixed(1)} s for as many jobs\n`,
			);
			process.stdout.write(
				`  delivered exactly once, none dead: ${bench.totalSeconds.toFixed(1)} s (${bench.mailsPerSecond.toFixed(0)} e-mails/s), floor ${bench.floorSeconds} s, ratio ${bench.ratioToFloor.toFixed(3)}\n`,
			);
			process.stdout.write(`  requests: ${bench.requests} accepted, ${bench.rateLimited} answered 429\n`);
			result = bench;
			break;
		}
		// --- the network finder (issue 14): nearest 20 through the R*Tree against a full scan ---
		case "reseau": {
			const bench = await benchReseau(
				Number.parseInt(values.professionals ?? "100000", 10),
				Number.parseInt(values.queries ?? "100", 10),
			);
			process.stdout.write(
				`Network finder, nearest 20 among ${bench.professionals} professionals, ${bench.queries} queries (half with a specialty), load average ${bench.loadAverage.toFixed(1)}\n`,
			);
			process.stdout.write(
				`  every answer checked: 20 professionals, the same through the index and the full scan\n`,
			);
			process.stdout.write(
				`  R*Tree index: median ${bench.index.medianMs} ms, p95 ${bench.index.p95Ms} ms, median CPU ${bench.index.medianCpuMs} ms\n`,
			);
			process.stdout.write(
				`  full scan (baseline): median ${bench.fullScan.medianMs} ms, p95 ${bench.fullScan.p95Ms} ms, median CPU ${bench.fullScan.medianCpuMs} ms\n`,
			);
			process.stdout.write(
				`  speed-up ${bench.speedup}x; goal median <= ${bench.goalMs} ms: ${bench.goalMet ? "met" : "NOT met"}\n`,
			);
			result = bench;
			break;
		}
		// --- import (issue 16): the import path against a bare batched INSERT of the same rows ---
		case "import": {
			const bench = await benchImport(Number.parseInt(values.lines ?? "1000000", 10));
			const phase = (label: string, p: (typeof bench)["importer"]) =>
				`  ${label}: ${p.seconds.toFixed(1)} s, ${p.linesPerSecond.toFixed(0)} lines/s (CPU ${p.cpuSeconds.toFixed(1)} s), peak RSS ${p.peakRssMb.toFixed(0)} MB; RSS by lines done: ${p.rssMbAt
					.filter((_, i, all) => i === 0 || i === all.length - 1 || (i + 1) % 4 === 0)
					.map((at) => `${at.lines / 1000}k ${at.rssMb.toFixed(0)} MB`)
					.join(", ")}\n`;
			process.stdout.write(
				`Import of ${bench.lines} prestations from CSV (load average ${bench.loadAverages.start.toFixed(1)} before the baseline, ${bench.loadAverages.between.toFixed(1)} between the phases, ${bench.loadAverages.end.toFixed(1)} after the import, on this shared machine)\n`,
			);
			process.stdout.write(phase("bare batched INSERT of the same rows (baseline)", bench.baseline));
			process.stdout.write(phase("npm run import (parse, validate, look up, upsert)", bench.importer));
			process.stdout.write(
				`  ratio ${bench.ratio.toFixed(2)} of the baseline (CPU time ratio ${bench.cpuRatio.toFixed(2)}); goal >= ${bench.goal.ratio} and peak < ${bench.goal.peakRssMb} MB: ${bench.goal.met ? "met" : "NOT met"}\n`,
			);
			result = bench;
			break;
		}
		// --- the practices' rights API (issue 13): checks per second against the fair peer ---
		case "rights": {
			const bench = await benchRights({
				duration: Number.parseInt(values.duration ?? "10", 10),
				rounds: Number.parseInt(values.rounds ?? "3", 10),
			});
			const line = (label: string, m: typeof bench.espace) =>
				`  ${label}: ${m.requestsPerSecond.toFixed(0)} checks/s, p50 ${m.p50Ms} ms, p99 ${m.p99Ms} ms, ${m.cpuMicrosPerResponse.toFixed(0)} µs CPU/response (${m.responses} checked)\n`;
			process.stdout.write(
				`Rights checks (POST /api/v1/professionnel/droits, API key), ${bench.connections} connections, ${bench.durationSeconds} s each, median of ${bench.rounds} rounds${bench.pinned ? ", servers on CPU 0, load on CPU 1" : ""}; the practice's limits raised to ${bench.limitsLiftedTo} a minute and an hour on both servers\n`,
			);
			process.stdout.write(line("Espace (Node host, one process)", bench.espace));
			process.stdout.write(line("fair peer: Express + better-sqlite3, the same lookups", bench.peer));
			process.stdout.write(
				`  ratio ${bench.ratio.toFixed(2)}; goal (issue 13) >= ${bench.goal.toPeer}x the peer and p99 < ${bench.goal.p99Ms} ms: ${bench.goalMet ? "met" : "NOT met"}\n`,
			);
			result = bench;
			break;
		}
		case "affiliation-import": {
			const lines = Number.parseInt(values.lines === "1000000" ? "20000" : (values.lines ?? "20000"), 10);
			const bench = await benchAffiliationImport(lines);
			process.stdout.write(
				`Employer's CSV import of ${bench.lines} affiliations, ${bench.broken} broken lines (load average ${bench.loadAverage.toFixed(1)} on this shared machine)\n`,
			);
			process.stdout.write(
				`  bare multi-row INSERTs of the same employees (baseline): ${bench.baseline.seconds.toFixed(1)} s (process CPU ${bench.baseline.cpuSeconds.toFixed(1)} s), peak RSS ${bench.baseline.peakRssMb.toFixed(0)} MB (${bench.baseline.loadedRssMb.toFixed(0)} MB once its modules are loaded)\n`,
			);
			process.stdout.write(
				`  import (stored, validated, confirmed, written with invitations and audit): ${bench.importer.seconds.toFixed(1)} s (validation ${bench.importer.validationSeconds.toFixed(1)} s, ${bench.importer.steps} steps; process CPU ${bench.importer.cpuSeconds.toFixed(1)} s), peak RSS ${bench.importer.peakRssMb.toFixed(0)} MB (${bench.importer.loadedRssMb.toFixed(0)} MB once its modules are loaded)\n`,
			);
			process.stdout.write(
				`  goal < ${bench.goal.seconds} s and < ${bench.goal.peakRssMb} MB: ${bench.goal.met ? "met" : "NOT met"}\n`,
			);
			result = bench;
			break;
		}
		default:
			throw new Error(
				`unknown benchmark "${name}" (known: queue, sign-in, dashboard, mail-pacing, reseau, employee-list, import, rights, affiliation-import)`,
			);
	}
	await mkdir(join(import.meta.dirname, "results"), { recursive: true });
	await writeFile(
		join(import.meta.dirname, "results", `${name}.json`),
		`${JSON.stringify(result, null, "\t")}\n`,
	);
}

main().catch((error: unknown) => {
	if (error instanceof BenchmarkRefusal)
		process.stderr.write(`Benchmark "${name}" REFUSED, no figure reported: ${error.message}\n`);
	else process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(1);
});
