// Rights checks per second through the practices' API (issue 13): `POST /api/v1/professionnel/droits`
// with the demo practice's API key, 32 connections, against the fair peer, Express +
// better-sqlite3 doing the same lookups (bench/servers/express-rights.ts: the key's hash, the
// rate-limit counters, the card and its coverage, the check and its chained audit entry, the
// harvesting watch's two bounded reads of ADR 0044, the database's trigger keeping the watch's
// table on both servers' inserts; both in the same two transactions, ADR 0049), in one run, in turns, `--rounds` times, medians reported;
// servers on CPU 0, the load on CPU 1 (as bench/dashboard.ts). Every measured response must be a
// 200 carrying the covered member's markers, or the benchmark refuses to report.
// The practice's limits (30 checks a minute, 300 an hour) would answer 429 after the first
// second: both servers run with RIGHTS_CHECKS_PER_MINUTE/_HOUR raised to 10^9, so each request
// still counts itself (the same UPSERTs), and is never refused.
// Usage: npm run bench -- rights [--duration 10] [--rounds 3]
import { type ChildProcess, spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { cryptoRandomBytes } from "../core/deps.ts";
import { createApiKey } from "../core/professionnel/api-keys.ts";
import { createDatabase } from "../db/client.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { seedDatabase } from "../demo/seed.ts";
import { ensureSiteBuilt } from "../scripts/site-build.ts";
import { demoAccount } from "../tests/support/demo.ts";
import { type LoadTarget, load, type Measure, medianMeasure, PIN, SERVER_CPU } from "./dashboard.ts";
import { type ExpectedResponse, fetchExpected, refuseUnless } from "./lib/expected-responses.ts";
import { startServer } from "./lib/start-server.ts";

const root = resolve(import.meta.dirname, "..");
const PEPPER = "bench-pepper-long-enough-for-the-config-check";
/** Issue 13's goal: at least half the peer's rate, p99 under 50 ms, at 32 connections. */
export const RIGHTS_GOAL = { toPeer: 0.5, p99Ms: 50 } as const;
const LIFTED = 1_000_000_000;
/** The demo adhérent 400000001 (Julien Mercier), covered today on the seeded card. */
const CHECK = { memberNumber: "400000001", birthDate: "1984-03-12" };

export interface RightsBenchResult {
	readonly connections: number;
	readonly durationSeconds: number;
	readonly rounds: number;
	readonly pinned: boolean;
	readonly limitsLiftedTo: number;
	readonly espace: Measure;
	readonly peer: Measure;
	readonly ratio: number;
	readonly goal: typeof RIGHTS_GOAL;
	readonly goalMet: boolean;
}

/** A fresh database: the demo seed (cards valid today) and an API key of the demo practice. */
async function prepare(url: string, now: Date): Promise<string> {
	const { client, db, ready } = createDatabase({ url });
	try {
		await ready;
		await migrateDatabase(db);
		await seedDatabase(db, { scale: 1, seed: 42, pepper: PEPPER, now });
		const account = await demoAccount(db, "professionnel1");
		refuseUnless(account.professionalId !== null, "the demo practice has no professional");
		const created = await createApiKey(
			db,
			{
				scope: { accountId: account.id, professionalId: account.professionalId, sessionId: "bench" },
				now,
				correlationId: "bench-rights",
				randomBytes: cryptoRandomBytes,
			},
			"Banc d'essai",
		);
		refuseUnless(created.ok, "the API key was not created");
		return created.key;
	} finally {
		client.close();
	}
}

export async function benchRights(options: {
	duration: number;
	rounds?: number;
}): Promise<RightsBenchResult> {
	if (PIN) spawnSync("taskset", ["-a", "-cp", "1", String(process.pid)]);
	const rounds = Math.max(1, options.rounds ?? 3);
	// The portal's host reads the site's build (stylesheet, CGU versions).
	await ensureSiteBuilt(root, "test");
	const dir = await mkdtemp(join(tmpdir(), "espace-bench-rights-"));
	const children: ChildProcess[] = [];
	try {
		const url = `file:${join(dir, "espace.db")}`;
		const key = await prepare(url, new Date());
		const espace = await startServer(
			[
				"bench/servers/espace.ts",
				url,
				PEPPER,
				`RIGHTS_CHECKS_PER_MINUTE=${LIFTED}`,
				`RIGHTS_CHECKS_PER_HOUR=${LIFTED}`,
			],
			SERVER_CPU,
		);
		children.push(espace.child);
		const peer = await startServer(
			["bench/servers/express-rights.ts", url.replace(/^file:/, ""), String(LIFTED), String(LIFTED)],
			SERVER_CPU,
		);
		children.push(peer.child);
		const headers = {
			"Content-Type": "application/json",
			Accept: "application/json",
			Authorization: `Bearer ${key}`,
		};
		const body = JSON.stringify(CHECK);
		// Only the covered member's answer carries these (ASCII: see expected-responses.ts).
		const expected: ExpectedResponse = {
			status: 200,
			contentType: "application/json",
			markers: ['"status":"covered"', '"memberNumber":"400000001"', '"birthDate":"1984-03-12"'],
		};
		const path = "/api/v1/professionnel/droits";
		const targets: Record<"espace" | "peer", LoadTarget> = {
			espace: {
				label: "Espace rights API",
				pid: espace.pid,
				url: `http://127.0.0.1:${espace.port}${path}`,
				headers,
				expected,
				post: body,
			},
			peer: {
				label: "peer rights API",
				pid: peer.pid,
				url: `http://127.0.0.1:${peer.port}${path}`,
				headers,
				expected,
				post: body,
			},
		};
		for (const target of Object.values(targets))
			await fetchExpected(target.label, target.url, { method: "POST", headers, body }, expected);
		// A wrong key must be refused by both, or the measure would not be of an authenticated check.
		for (const target of Object.values(targets)) {
			const refused = await fetch(target.url, {
				method: "POST",
				headers: { ...headers, Authorization: `Bearer ${key.slice(0, -1)}a` },
				body,
			});
			await refused.body?.cancel();
			refuseUnless(refused.status === 401, `${target.label}: a wrong key answered ${refused.status}`);
		}
		const connections = 32;
		await load(targets.espace, 8, 2);
		await load(targets.peer, 8, 2);
		const runs: { espace: Measure[]; peer: Measure[] } = { espace: [], peer: [] };
		for (let round = 0; round < rounds; round++) {
			runs.espace.push(await load(targets.espace, connections, options.duration));
			runs.peer.push(await load(targets.peer, connections, options.duration));
		}
		const espaceMedian = medianMeasure(runs.espace);
		const peerMedian = medianMeasure(runs.peer);
		const ratio = espaceMedian.requestsPerSecond / peerMedian.requestsPerSecond;
		return {
			connections,
			durationSeconds: options.duration,
			rounds,
			pinned: PIN,
			limitsLiftedTo: LIFTED,
			espace: espaceMedian,
			peer: peerMedian,
			ratio,
			goal: RIGHTS_GOAL,
			goalMet: ratio >= RIGHTS_GOAL.toPeer && espaceMedian.p99Ms < RIGHTS_GOAL.p99Ms,
		};
	} finally {
		for (const child of children) child.kill("SIGTERM");
		await rm(dir, { recursive: true, force: true });
	}
}
