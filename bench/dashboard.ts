// The member's dashboard under load: requests per second and latency at 32 concurrent
// connections against (1) the portal's Node host, (2) the fair peer: Express + better-sqlite3
// doing the portal's per-request work (session, CGU, the same queries, an audit entry, the same
// headers; ADR 0013), (3) the bare peer: Express + better-sqlite3 running the queries only, and
// (4) the same bytes served as a static file (the upper bound), all on 127.0.0.1, in one run.
// On Linux every server is pinned to CPU 0 and the load generator (this process) to CPU 1
// (`taskset`), so "one core" is literal and the client does not steal the server's core. The four
// are measured in turns, `--rounds` times, and the medians reported: a shared machine's speed
// drifts during a run, and turns spread the drift over all of them instead of favouring the first.
//
// Nothing is reported from responses that are not the real page (bench/lib/expected-responses.ts):
// the member's session is made at the real current date and accepts the terms in force that day,
// each server's page is checked before the load without following redirects (the fair peer's and
// the static file's must be the portal's bytes), and every measured response must be a 200 that
// carries the page's markers, or the benchmark stops with a refusal and a non-zero exit.
// Usage: npm run bench -- dashboard [--database file:/tmp/bench.db] [--duration 10] [--scale 2] [--rounds 3]
import { type ChildProcess, spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { ensureSiteBuilt, SITE_OUT_DIR } from "../scripts/site-build.ts";
import { pageFrame } from "./lib/dashboard-frame.ts";
import { prepareMember } from "./lib/dashboard-member.ts";
import {
	assertCleanLoad,
	bodyMatches,
	type ExpectedResponse,
	fetchExpected,
	refuseUnless,
} from "./lib/expected-responses.ts";
import { startServer } from "./lib/start-server.ts";

const root = resolve(import.meta.dirname, "..");
const PEPPER = "bench-pepper-long-enough-for-the-config-check";

export interface Measure {
	readonly requestsPerSecond: number;
	readonly p50Ms: number;
	readonly p99Ms: number;
	/** Responses checked (each a 200 with the page's markers). */
	readonly responses: number;
	/**
	 * CPU time of the server process (all its threads) per response, in microseconds, from
	 * /proc (Linux only, else 0). Steadier than requests per second on a shared machine: other
	 * processes slow a server down without adding to its own CPU time (not entirely: they also
	 * evict its caches).
	 */
	readonly cpuMicrosPerResponse: number;
}

/** ADR 0009's budget: the dashboard under 50 ms at the 99th percentile at 32 connections, one core. */
export const DASHBOARD_P99_BUDGET_MS = 50;
/** Issue 9's goal: at least 1.5× the fair peer's throughput, and a p99 of 25 ms at most. */
export const DASHBOARD_GOAL = { toFairPeer: 1.5, p99Ms: 25 } as const;

const TARGETS = ["espace", "fairPeer", "barePeer", "staticFile"] as const;
type Target = (typeof TARGETS)[number];

export interface DashboardBenchResult {
	readonly members: string;
	/** The day of the run and the terms the member accepted for it. */
	readonly day: string;
	readonly cguVersion: string;
	readonly connections: number;
	readonly durationSeconds: number;
	readonly rounds: number;
	/** Servers on CPU 0, the load generator on CPU 1. */
	readonly pinned: boolean;
	/** Every round's measures, in order; `medians` holds their medians. */
	readonly runs: Record<Target, Measure>[];
	readonly medians: Record<Target, Measure>;
	readonly espaceToFairPeer: number;
	/** The fair peer's CPU time per response over the portal's: above 1 when the portal spends less. */
	readonly fairPeerToEspaceCpu: number;
	readonly espaceToBarePeer: number;
	readonly espaceToStatic: number;
	readonly htmlBytes: number;
	readonly htmlGzipBytes: number;
	readonly p99BudgetMs: number;
	readonly p99BudgetMet: boolean;
	readonly goal: typeof DASHBOARD_GOAL;
	readonly goalMet: boolean;
}

export const PIN = process.platform === "linux" && spawnSync("taskset", ["-V"]).status === 0;
/** The servers' core when pinned (the load generator takes CPU 1). */
export const SERVER_CPU = PIN ? 0 : undefined;

function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function medianMeasure(measures: readonly Measure[]): Measure {
	return {
		requestsPerSecond: median(measures.map((m) => m.requestsPerSecond)),
		p50Ms: median(measures.map((m) => m.p50Ms)),
		p99Ms: median(measures.map((m) => m.p99Ms)),
		responses: measures.reduce((sum, m) => sum + m.responses, 0),
		cpuMicrosPerResponse: median(measures.map((m) => m.cpuMicrosPerResponse)),
	};
}

/** Clock ticks per second of /proc's CPU times (USER_HZ): 100 on every Linux we run. */
const USER_HZ = Number(spawnSync("getconf", ["CLK_TCK"]).stdout?.toString().trim()) || 100;

/** User + system CPU seconds of a process so far, from /proc/<pid>/stat; 0 where there is none. */
async function cpuSeconds(pid: number): Promise<number> {
	try {
		const stat = await readFile(`/proc/${pid}/stat`, "utf8");
		// The fields after the command name (which may hold spaces), from the 3rd on.
		const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
		return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
	} catch {
		return 0;
	}
}

export interface LoadTarget {
	readonly label: string;
	readonly pid: number;
	readonly url: string;
	readonly headers: Record<string, string>;
	readonly expected: ExpectedResponse;
	/** A POST with this body (the rights API); absent: a GET. */
	readonly post?: string;
}

/** One load; refused unless every response is the expected page. */
export async function load(target: LoadTarget, connections: number, duration: number): Promise<Measure> {
	const cpuBefore = await cpuSeconds(target.pid);
	const result = await autocannon({
		url: target.url,
		headers: target.headers,
		...(target.post === undefined ? {} : { method: "POST" as const, body: target.post }),
		connections,
		duration,
		verifyBody: bodyMatches(target.expected),
		// The first unexpected response ends the load: it will be refused anyway.
		bailout: 1,
	});
	const cpu = (await cpuSeconds(target.pid)) - cpuBefore;
	const responses = assertCleanLoad(target.label, result, target.expected);
	return {
		cpuMicrosPerResponse: (cpu * 1e6) / responses,
		requestsPerSecond: result.requests.average,
		p50Ms: result.latency.p50,
		p99Ms: result.latency.p99,
		responses,
	};
}

export async function benchDashboard(options: {
	database?: string;
	duration: number;
	scale: number;
	rounds?: number;
}): Promise<DashboardBenchResult> {
	if (PIN) spawnSync("taskset", ["-a", "-cp", "1", String(process.pid)]);
	const rounds = Math.max(1, options.rounds ?? 3);
	// The servers read the site's build (stylesheet, CGU versions); a test build has the demo terms.
	await ensureSiteBuilt(root, "test");
	const siteDir = join(root, SITE_OUT_DIR);
	const dir = await mkdtemp(join(tmpdir(), "espace-bench-dashboard-"));
	const children: ChildProcess[] = [];
	try {
		const url = options.database ?? `file:${join(dir, "espace.db")}`;
		const member = await prepareMember({
			url,
			siteDir,
			now: new Date(),
			...(options.database ? {} : { seed: { scale: options.scale, pepper: PEPPER } }),
		});
		const cookie = { Cookie: `__Host-espace_session=${member.token}` };
		// Markers only the real page of this member carries (ASCII: see expected-responses.ts).
		const dashboardPage: ExpectedResponse = {
			status: 200,
			contentType: "text/html",
			markers: [
				"<title>Tableau de bord",
				'<p class="lead">Bonjour ',
				`href="/adherent/remboursements/${member.newestLineId}"`,
				'aria-labelledby="raccourcis-titre"',
				"</html>",
			],
		};

		const espace = await startServer(["bench/servers/espace.ts", url, PEPPER], SERVER_CPU);
		children.push(espace.child);
		const espaceUrl = `http://127.0.0.1:${espace.port}/adherent`;
		const { body: html } = await fetchExpected("Espace", espaceUrl, { headers: cookie }, dashboardPage);
		const htmlFile = join(dir, "dashboard.html");
		await writeFile(htmlFile, html);
		const frameFile = join(dir, "frame.json");
		await writeFile(frameFile, JSON.stringify(pageFrame(html)));
		const dbFile = url.replace(/^file:/, "");

		const fair = await startServer(
			["bench/servers/express-fair-peer.ts", dbFile, siteDir, frameFile],
			SERVER_CPU,
		);
		children.push(fair.child);
		const bare = await startServer(
			["bench/servers/express-peer.ts", dbFile, String(member.memberId), String(member.accountId)],
			SERVER_CPU,
		);
		children.push(bare.child);
		const staticServer = await startServer(["bench/servers/static-bytes.ts", htmlFile], SERVER_CPU);
		children.push(staticServer.child);

		const barePage: ExpectedResponse = {
			status: 200,
			contentType: "text/html",
			markers: ["<h1>Espace adh", "<table><tr>", "</html>"],
		};
		const targets: Record<Target, LoadTarget> = {
			espace: { label: "Espace", pid: espace.pid, url: espaceUrl, headers: cookie, expected: dashboardPage },
			fairPeer: {
				label: "fair peer",
				pid: fair.pid,
				url: `http://127.0.0.1:${fair.port}/adherent`,
				headers: cookie,
				expected: dashboardPage,
			},
			barePeer: {
				label: "bare peer",
				pid: bare.pid,
				url: `http://127.0.0.1:${bare.port}/adherent`,
				headers: {},
				expected: barePage,
			},
			staticFile: {
				label: "static file",
				pid: staticServer.pid,
				url: `http://127.0.0.1:${staticServer.port}/`,
				headers: {},
				expected: dashboardPage,
			},
		};
		for (const name of ["fairPeer", "staticFile"] as const) {
			const { body } = await fetchExpected(
				targets[name].label,
				targets[name].url,
				{ headers: targets[name].headers },
				dashboardPage,
			);
			refuseUnless(
				body === html,
				`${targets[name].label}: its page differs from the portal's (${body.length} against ${html.length} characters); it must render the same bytes`,
			);
		}
		await fetchExpected(targets.barePeer.label, targets.barePeer.url, {}, barePage);

		const connections = 32;
		// Warm-up of each (JIT, page cache), then the rounds: all of them in turns.
		for (const name of TARGETS) await load(targets[name], 8, 2);
		const runs: Record<Target, Measure>[] = [];
		for (let round = 0; round < rounds; round++) {
			const run = {} as Record<Target, Measure>;
			for (const name of TARGETS) run[name] = await load(targets[name], connections, options.duration);
			runs.push(run);
		}
		const medians = Object.fromEntries(
			TARGETS.map((name) => [name, medianMeasure(runs.map((run) => run[name]))]),
		) as Record<Target, Measure>;
		const espaceToFairPeer = medians.espace.requestsPerSecond / medians.fairPeer.requestsPerSecond;
		return {
			members: member.members,
			day: member.day,
			cguVersion: member.cgu,
			connections,
			durationSeconds: options.duration,
			rounds,
			pinned: PIN,
			runs,
			medians,
			espaceToFairPeer,
			fairPeerToEspaceCpu: medians.fairPeer.cpuMicrosPerResponse / medians.espace.cpuMicrosPerResponse,
			espaceToBarePeer: medians.espace.requestsPerSecond / medians.barePeer.requestsPerSecond,
			espaceToStatic: medians.espace.requestsPerSecond / medians.staticFile.requestsPerSecond,
			htmlBytes: Buffer.byteLength(html),
			htmlGzipBytes: gzipSync(html).byteLength,
			p99BudgetMs: DASHBOARD_P99_BUDGET_MS,
			p99BudgetMet: medians.espace.p99Ms < DASHBOARD_P99_BUDGET_MS,
			goal: DASHBOARD_GOAL,
			goalMet: espaceToFairPeer >= DASHBOARD_GOAL.toFairPeer && medians.espace.p99Ms <= DASHBOARD_GOAL.p99Ms,
		};
	} finally {
		for (const child of children) child.kill("SIGTERM");
		await rm(dir, { recursive: true, force: true });
	}
}
