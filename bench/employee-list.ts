// The employer's list of employees for a 20 000-employee company (issue 12): requests per second
// and latency at 32 connections for its first page, a search by name and a status filter, against
// (1) the portal's Node host (session, CGU, audit entry, page) and (2) the bare peer, Express +
// better-sqlite3 running the same two statements (bench/servers/express-employee-list.ts), in one
// run, in turns, `--rounds` times, medians reported; servers on CPU 0, the load on CPU 1 (as
// bench/dashboard.ts). Every measured response must be a 200 carrying the page's markers (the
// first employee's link, computed here from the same query), or the benchmark refuses to report.
// Usage: npm run bench -- employee-list [--duration 10] [--rounds 3]

import { type ChildProcess, spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { acceptCgu, cguInForce } from "../core/cgu.ts";
import { type EmployeeFilter, listEmployees } from "../core/employeur/employees.ts";
import { parisDayOf } from "../core/format.ts";
import { createSession, generateSessionToken } from "../core/session.ts";
import { createDatabase } from "../db/client.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { DEMO_ACCOUNTS } from "../demo/accounts.ts";
import { seedDatabase } from "../demo/seed.ts";
import { loadSiteAssets } from "../hosts/site-assets.ts";
import { ensureSiteBuilt, SITE_OUT_DIR } from "../scripts/site-build.ts";
import { addLargeCompany } from "../tests/support/large-company.ts";
import { type LoadTarget, load, type Measure, medianMeasure, PIN, SERVER_CPU } from "./dashboard.ts";
import { type ExpectedResponse, fetchExpected, refuseUnless } from "./lib/expected-responses.ts";
import { startServer } from "./lib/start-server.ts";

const root = resolve(import.meta.dirname, "..");
const PEPPER = "bench-pepper-long-enough-for-the-config-check";
export const EMPLOYEES = 20_000;
/** Issue 12's budget for the list: p99 under 50 ms at 32 connections. */
export const LIST_P99_BUDGET_MS = 50;

const CASES: Readonly<Record<string, { query: string; filter: EmployeeFilter }>> = {
	firstPage: { query: "", filter: {} },
	search: { query: "?q=dupont", filter: { search: "dupont" } },
	filter: { query: "?statut=portabilite", filter: { status: "portabilite" } },
};
type Case = keyof typeof CASES;

export interface EmployeeListBenchResult {
	readonly employees: number;
	readonly connections: number;
	readonly durationSeconds: number;
	readonly rounds: number;
	readonly pinned: boolean;
	readonly medians: Record<
		string,
		{ readonly espace: Measure; readonly peer: Measure; readonly ratio: number }
	>;
	readonly p99BudgetMs: number;
	readonly p99BudgetMet: boolean;
}

/** A fresh database: the demo seed, a 20 000-employee company, the demo employer moved to it, signed in. */
async function prepare(url: string, siteDir: string, now: Date) {
	const { client, db, ready } = createDatabase({ url });
	try {
		await ready;
		await migrateDatabase(db);
		await seedDatabase(db, { scale: 1, seed: 42, pepper: PEPPER, now });
		const today = parisDayOf(now);
		const { companyId } = await addLargeCompany(client, EMPLOYEES, today);
		await client.execute("ANALYZE");
		await client.execute({
			sql: "UPDATE accounts SET company_id = ? WHERE identifier = ?",
			args: [companyId, DEMO_ACCOUNTS.employeur1.identifier],
		});
		const account =
			(await db.query.accounts.findFirst({
				where: (accounts, { eq }) => eq(accounts.identifier, DEMO_ACCOUNTS.employeur1.identifier),
			})) ?? null;
		refuseUnless(account !== null, "the demo employer is missing");
		const token = generateSessionToken((n) => crypto.getRandomValues(new Uint8Array(n)));
		const session = await createSession(db, {
			token,
			account,
			now,
			userAgentLabel: "autocannon",
			secondFactorVerified: true,
		});
		const current = cguInForce((await loadSiteAssets(siteDir)).cguVersions, now);
		refuseUnless(current !== undefined, `no version of the CGU is in force on ${now.toISOString()}`);
		await acceptCgu(db, {
			accountId: account.id,
			sessionId: session.id,
			version: current.version,
			capacity: "legal_representative",
			now,
			correlationId: "bench-employee-list",
			via: "page",
		});
		const firstIds: Record<string, number> = {};
		for (const [name, { filter }] of Object.entries(CASES)) {
			const page = await listEmployees(db, companyId, today, filter, 1);
			refuseUnless(page.ok && page.rows.length > 0, `the case ${name} lists nobody`);
			firstIds[name] = page.rows[0]?.id ?? 0;
		}
		return { token, companyId, firstIds };
	} finally {
		client.close();
	}
}

export async function benchEmployeeList(options: {
	duration: number;
	rounds?: number;
}): Promise<EmployeeListBenchResult> {
	if (PIN) spawnSync("taskset", ["-a", "-cp", "1", String(process.pid)]);
	const rounds = Math.max(1, options.rounds ?? 3);
	await ensureSiteBuilt(root, "test");
	const siteDir = join(root, SITE_OUT_DIR);
	const dir = await mkdtemp(join(tmpdir(), "espace-bench-employees-"));
	const children: ChildProcess[] = [];
	try {
		const url = `file:${join(dir, "espace.db")}`;
		const { token, companyId, firstIds } = await prepare(url, siteDir, new Date());
		const espace = await startServer(["bench/servers/espace.ts", url, PEPPER], SERVER_CPU);
		children.push(espace.child);
		const peer = await startServer(
			["bench/servers/express-employee-list.ts", url.replace(/^file:/, ""), String(companyId)],
			SERVER_CPU,
		);
		children.push(peer.child);
		const cookie = { Cookie: `__Host-espace_session=${token}` };
		const targets: Record<string, { espace: LoadTarget; peer: LoadTarget }> = {};
		for (const [name, { query }] of Object.entries(CASES)) {
			const link = `href="/employeur/salaries/${firstIds[name]}"`;
			const page: ExpectedResponse = {
				status: 200,
				contentType: "text/html",
				markers: ["<title>Salari", link, "</html>"],
			};
			const bare: ExpectedResponse = {
				status: 200,
				contentType: "text/html",
				markers: ["<h1>Salari", link, "</html>"],
			};
			targets[name] = {
				espace: {
					label: `Espace ${name}`,
					pid: espace.pid,
					url: `http://127.0.0.1:${espace.port}/employeur/salaries${query}`,
					headers: cookie,
					expected: page,
				},
				peer: {
					label: `peer ${name}`,
					pid: peer.pid,
					url: `http://127.0.0.1:${peer.port}/employeur/salaries${query}`,
					headers: {},
					expected: bare,
				},
			};
			await fetchExpected(targets[name].espace.label, targets[name].espace.url, { headers: cookie }, page);
			await fetchExpected(targets[name].peer.label, targets[name].peer.url, {}, bare);
		}
		const connections = 32;
		for (const pair of Object.values(targets)) {
			await load(pair.espace, 8, 2);
			await load(pair.peer, 8, 2);
		}
		const runs: Record<string, { espace: Measure[]; peer: Measure[] }> = {};
		for (let round = 0; round < rounds; round++)
			for (const [name, pair] of Object.entries(targets)) {
				runs[name] ??= { espace: [], peer: [] };
				runs[name].espace.push(await load(pair.espace, connections, options.duration));
				runs[name].peer.push(await load(pair.peer, connections, options.duration));
			}
		const medians = Object.fromEntries(
			Object.entries(runs).map(([name, run]) => {
				const espaceMedian = medianMeasure(run.espace);
				const peerMedian = medianMeasure(run.peer);
				return [
					name,
					{
						espace: espaceMedian,
						peer: peerMedian,
						ratio: espaceMedian.requestsPerSecond / peerMedian.requestsPerSecond,
					},
				];
			}),
		);
		return {
			employees: EMPLOYEES,
			connections,
			durationSeconds: options.duration,
			rounds,
			pinned: PIN,
			medians,
			p99BudgetMs: LIST_P99_BUDGET_MS,
			p99BudgetMet: Object.values(medians).every((m) => m.espace.p99Ms < LIST_P99_BUDGET_MS),
		};
	} finally {
		for (const child of children) child.kill("SIGTERM");
		await rm(dir, { recursive: true, force: true });
	}
}

export type { Case };
