// A benchmark's phase in a process of its own whose memory the benchmark measures from outside:
// the script runs in `node --import tsx` (one process, no tsx wrapper in between), and while it
// runs its resident set is read from /proc/<pid>/status every 100 ms (VmRSS, and VmHWM, the
// kernel's own peak). Its lines of output `progress <n>` are paired with the RSS of that moment,
// so that a run shows whether memory grows with the lines read; its last line is read as JSON.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { refuseUnless } from "./expected-responses.ts";

const root = resolve(import.meta.dirname, "../..");
const SAMPLE_MS = 100;

export interface SampledRun<T> {
	/** The process's peak resident memory in kB: VmHWM as last read, or the process's own maxRSS if higher. */
	readonly peakRssKb: number;
	/** Samples of `progress <n>`: lines done and the RSS then, in kB. */
	readonly progress: readonly { readonly lines: number; readonly rssKb: number }[];
	/** The process's user + system CPU time in seconds, as it reports it. */
	readonly cpuSeconds: number;
	readonly result: T;
}

interface ProcStatus {
	readonly rssKb: number;
	readonly hwmKb: number;
}

async function procStatus(pid: number): Promise<ProcStatus | null> {
	try {
		const text = await readFile(`/proc/${pid}/status`, "utf8");
		const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0);
		return { rssKb: kb("VmRSS"), hwmKb: kb("VmHWM") };
	} catch {
		return null; // exited between two samples
	}
}

export async function runSampledProcess<T extends { maxRssKb: number; cpuSeconds: number }>(
	script: string,
	args: readonly string[],
	nodeFlags: readonly string[] = [],
): Promise<SampledRun<T>> {
	const child = spawn(process.execPath, [...nodeFlags, "--import", "tsx", script, ...args], {
		cwd: root,
		env: { ...process.env, LOG_LEVEL: "error" },
		stdio: ["ignore", "pipe", "inherit"],
	});
	const pid = child.pid;
	refuseUnless(pid !== undefined, `the ${args[0]} phase did not start`);
	let hwmKb = 0;
	let rssKb = 0;
	const progress: { lines: number; rssKb: number }[] = [];
	const sampler = setInterval(async () => {
		const status = await procStatus(pid as number);
		if (status) {
			hwmKb = Math.max(hwmKb, status.hwmKb);
			rssKb = status.rssKb;
		}
	}, SAMPLE_MS);
	let last = "";
	const lines = createInterface({ input: child.stdout });
	lines.on("line", (line) => {
		const match = /^progress (\d+)$/.exec(line);
		if (match) progress.push({ lines: Number(match[1]), rssKb });
		else if (line.trim()) last = line;
	});
	// "close", not "exit": the last line of output may arrive after the process has exited.
	const [code] = (await once(child, "close")) as [number | null];
	clearInterval(sampler);
	refuseUnless(code === 0, `the ${args[0]} phase exited with ${code}`);
	const result = JSON.parse(last || "{}") as T;
	return {
		peakRssKb: Math.max(hwmKb, result.maxRssKb),
		progress,
		cpuSeconds: result.cpuSeconds,
		result,
	};
}
