// Runs tests/support/password-worker.ts in workerd through wrangler's test harness: wrangler
// bundles it as it bundles the deployed Worker (esbuild with the "workerd" condition, the .wasm
// import as a compiled module), then Miniflare runs it in the workerd binary. Local only: the
// Request.cf lookup and wrangler's metrics are turned off, the server listens on 127.0.0.1.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createTestHarness } from "wrangler";

const ROOT = join(import.meta.dirname, "..", "..");

export interface PasswordWorker {
	/** POSTs `body` as JSON to `path`; the status and the parsed JSON answer. */
	post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
	/** CPU time (user + system, ms) the workerd processes started by this harness have used. */
	workerdCpuMs(): number;
	close(): Promise<void>;
}

/** Pids of the workerd processes whose parent is this process (Linux /proc; none elsewhere). */
function workerdChildren(): number[] {
	const pids: number[] = [];
	if (!existsSync("/proc/self/stat")) return pids;
	for (const entry of readdirSync("/proc")) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
			const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
			if (Number(fields[1]) === process.pid && stat.includes("(workerd)")) pids.push(Number(entry));
		} catch {
			// The process ended while being read.
		}
	}
	return pids;
}

function cpuMs(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
	const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
	// utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

export async function startPasswordWorker(): Promise<PasswordWorker> {
	process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";
	process.env.WRANGLER_SEND_METRICS = "false";
	const server = createTestHarness({
		root: ROOT,
		workers: [
			{
				config: {
					name: "password-worker",
					main: "tests/support/password-worker.ts",
					// The deployed Worker's settings (wrangler.toml).
					compatibility_date: "2026-10-01",
					compatibility_flags: ["nodejs_compat"],
				},
			},
		],
	});
	await server.listen();
	const pids = workerdChildren();
	// Without them the benchmark's CPU figures would read 0: better to refuse than to report that.
	const cpuMeasurable = pids.length > 0;
	return {
		async post(path, body) {
			const response = await server.fetch(path, { method: "POST", body: JSON.stringify(body) });
			return { status: response.status, body: (await response.json()) as Record<string, unknown> };
		},
		workerdCpuMs: () => {
			if (!cpuMeasurable) throw new Error("the workerd process was not found: its CPU time cannot be read");
			return pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
		},
		close: () => server.close(),
	};
}
