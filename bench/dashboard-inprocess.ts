// CPU time per dashboard view in process: the edge app's `fetch` (no HTTP, no load generator),
// 32 requests at a time, the member of the dashboard benchmark on a given database. On a machine
// shared with other work it moves much less than a load test's requests per second: use it to
// compare two versions of the code, alternated, on the same database (bench/dashboard.md).
// `--root` loads the app of another checkout (built site included), to measure the code before a
// change with this same script; the command runs from that checkout (its tsconfig):
//   npx tsx bench/dashboard-inprocess.ts --database file:/tmp/bench100k/espace.db
//   (cd ../before && npx tsx /path/to/bench/dashboard-inprocess.ts --root . --database …)
// Prints one line per repetition: wall time, CPU of all threads and of the main thread, per view.
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
	options: {
		root: { type: "string", default: resolve(import.meta.dirname, "..") },
		database: { type: "string", default: "file:/tmp/bench100k/espace.db" },
		requests: { type: "string", default: "3000" },
		concurrency: { type: "string", default: "32" },
		repetitions: { type: "string", default: "5" },
	},
});
const root = resolve(values.root);
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
const url = values.database;

const load = (path: string) => import(join(root, path));
const { parseConfig } = await load("core/config.ts");
const { cryptoRandomBytes } = await load("core/deps.ts");
const { createLogger } = await load("core/logger.ts");
const { createDatabase } = await load("db/client.ts");
const { createApp } = await load("edge/app.tsx");
const { loadSiteAssets } = await load("hosts/site-assets.ts");
const { prepareMember } = await load("bench/lib/dashboard-member.ts");
const { ensureSiteBuilt, SITE_OUT_DIR } = await load("scripts/site-build.ts");

await ensureSiteBuilt(root, "test");
const siteDir = join(root, SITE_OUT_DIR);
const member = await prepareMember({ url, siteDir, now: new Date() });
const config = parseConfig({
	ESPACE_ENV: "test",
	PORT: "0",
	DATABASE_URL: url,
	SESSION_PEPPER: "bench-pepper-long-enough-for-the-config-check",
	LOG_LEVEL: "silent",
});
// As bench/servers/espace.ts opens it: checkpoints on their own thread.
const { db, ready } = createDatabase({ ...config.database, backgroundCheckpoints: true });
await ready;
const assets = await loadSiteAssets(siteDir);
const app = createApp({
	config,
	db,
	logger: createLogger("silent"),
	clock: () => new Date(),
	randomBytes: cryptoRandomBytes,
	assets: async () => assets,
});
const headers = { Cookie: `__Host-espace_session=${member.token}` };

async function view(): Promise<void> {
	const response = await app.request("/adherent", { headers });
	const body = await response.text();
	// Only the member's real page counts (as in the load benchmark).
	if (response.status !== 200 || !body.includes(`/adherent/remboursements/${member.newestLineId}"`))
		throw new Error(`the dashboard answered ${response.status} without the member's page`);
}

for (let i = 0; i < 600; i++) await view(); // warm-up: JIT, caches
for (let repetition = 0; repetition < Number(values.repetitions); repetition++) {
	const started = process.hrtime.bigint();
	const cpu = process.cpuUsage();
	const thread = process.threadCpuUsage();
	for (let done = 0; done < requests; done += concurrency)
		await Promise.all(Array.from({ length: Math.min(concurrency, requests - done) }, view));
	const wall = Number(process.hrtime.bigint() - started) / 1000 / requests;
	const all = process.cpuUsage(cpu);
	const main = process.threadCpuUsage(thread);
	console.log(
		`per view: wall ${wall.toFixed(0)} µs, CPU ${((all.user + all.system) / requests).toFixed(0)} µs (all threads), ${((main.user + main.system) / requests).toFixed(0)} µs (main thread)`,
	);
}
process.exit(0);
