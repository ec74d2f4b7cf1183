// The member's dashboard under load: requests per second and latency at 32 concurrent
// connections against (1) the portal's Node host (one process, so one core), (2) an Express +
// better-sqlite3 implementation of the same queries (the peer a team would otherwise pick) and
// (3) the same bytes served as a static file (the upper bound), all on 127.0.0.1, in one run.
// Usage: npm run bench -- dashboard [--database file:/tmp/bench.db] [--duration 10] [--scale 2]
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import autocannon from "autocannon";
import { eq } from "drizzle-orm";
import { createSession, generateSessionToken } from "../edge/services/session.ts";
import { createDatabase } from "../schema/db.ts";
import { DEMO_ACCOUNTS } from "../schema/demo/accounts.ts";
import { seedDatabase } from "../schema/demo/seed.ts";
import { migrateDatabase } from "../schema/migrate.ts";
import { accounts } from "../schema/tables/index.ts";

const root = resolve(import.meta.dirname, "..");
const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");
const PEPPER = "bench-pepper-long-enough-for-the-config-check";

interface Measure {
	readonly requestsPerSecond: number;
	readonly p50Ms: number;
	readonly p99Ms: number;
	readonly errors: number;
}

export interface DashboardBenchResult {
	readonly members: string;
	readonly connections: number;
	readonly durationSeconds: number;
	readonly espace: Measure;
	readonly expressBetterSqlite3: Measure;
	readonly staticFile: Measure;
	readonly espaceToExpress: number;
	readonly espaceToStatic: number;
	readonly htmlBytes: number;
}

function startServer(args: string[]): Promise<{ child: ChildProcess; port: number }> {
	const child = spawn(process.execPath, [tsxCli, ...args], {
		cwd: root,
		stdio: ["ignore", "pipe", "inherit"],
	});
	return new Promise((resolvePort, reject) => {
		let out = "";
		child.stdout?.on("data", (chunk: Buffer) => {
			out += chunk.toString();
			const match = /listening (\d+)/.exec(out);
			if (match) resolvePort({ child, port: Number(match[1]) });
		});
		child.once("exit", (code) => reject(new Error(`server ${args[0]} exited with ${code}`)));
	});
}

async function load(
	url: string,
	headers: Record<string, string>,
	connections: number,
	duration: number,
): Promise<Measure> {
	const result = await autocannon({ url, headers, connections, duration });
	return {
		requestsPerSecond: result.requests.average,
		p50Ms: result.latency.p50,
		p99Ms: result.latency.p99,
		errors: result.errors + result.non2xx,
	};
}

export async function benchDashboard(options: {
	database?: string;
	duration: number;
	scale: number;
}): Promise<DashboardBenchResult> {
	const dir = await mkdtemp(join(tmpdir(), "espace-bench-dashboard-"));
	const children: ChildProcess[] = [];
	try {
		const url = options.database ?? `file:${join(dir, "espace.db")}`;
		const { client, db, ready } = createDatabase({ url });
		await ready;
		await migrateDatabase(db);
		if (!options.database)
			await seedDatabase(db, { scale: options.scale, seed: 42, pepper: PEPPER, now: new Date() });
		const [account] = await db
			.select()
			.from(accounts)
			.where(eq(accounts.identifier, DEMO_ACCOUNTS.adherent1.identifier));
		if (!account?.memberId) throw new Error("the demo adhérent 1000000001 is missing from this database");
		// A signed-in session made directly, as after a completed sign-in.
		const token = generateSessionToken((n) => crypto.getRandomValues(new Uint8Array(n)));
		await createSession(db, {
			token,
			account,
			now: new Date(),
			userAgentLabel: "autocannon",
			secondFactorVerified: true,
		});
		const [{ count }] = (await client.execute("SELECT count(*) AS count FROM members")).rows as unknown as [
			{ count: number },
		];
		client.close();

		const espace = await startServer(["bench/servers/espace.ts", url, PEPPER]);
		children.push(espace.child);
		const cookie = { Cookie: `__Host-espace_session=${token}` };
		const page = await fetch(`http://127.0.0.1:${espace.port}/adherent`, { headers: cookie });
		if (page.status !== 200) throw new Error(`the dashboard answered ${page.status}`);
		const html = await page.text();
		const htmlFile = join(dir, "dashboard.html");
		await writeFile(htmlFile, html);
		const peer = await startServer([
			"bench/servers/express-peer.ts",
			url.replace(/^file:/, ""),
			String(account.memberId),
			String(account.id),
		]);
		children.push(peer.child);
		const staticServer = await startServer(["bench/servers/static-bytes.ts", htmlFile]);
		children.push(staticServer.child);

		const connections = 32;
		// Warm-up, then the measures, one server at a time.
		await load(`http://127.0.0.1:${espace.port}/adherent`, cookie, 8, 2);
		const espaceMeasure = await load(
			`http://127.0.0.1:${espace.port}/adherent`,
			cookie,
			connections,
			options.duration,
		);
		await load(`http://127.0.0.1:${peer.port}/adherent`, {}, 8, 2);
		const peerMeasure = await load(
			`http://127.0.0.1:${peer.port}/adherent`,
			{},
			connections,
			options.duration,
		);
		const staticMeasure = await load(
			`http://127.0.0.1:${staticServer.port}/`,
			{},
			connections,
			options.duration,
		);
		return {
			members: String(count),
			connections,
			durationSeconds: options.duration,
			espace: espaceMeasure,
			expressBetterSqlite3: peerMeasure,
			staticFile: staticMeasure,
			espaceToExpress: espaceMeasure.requestsPerSecond / peerMeasure.requestsPerSecond,
			espaceToStatic: espaceMeasure.requestsPerSecond / staticMeasure.requestsPerSecond,
			htmlBytes: Buffer.byteLength(html),
		};
	} finally {
		for (const child of children) child.kill("SIGTERM");
		await rm(dir, { recursive: true, force: true });
	}
}
