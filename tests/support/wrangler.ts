// Runs wrangler as an operator does, from the project's root and with its wrangler.toml, but
// never toward the network: no metrics, no login (local mode only), logs in a temporary folder.
// `wrangler dev` runs in a process group of its own so that stopping it also stops workerd.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { waitFor } from "./wait-for.ts";

export const ROOT = resolve(import.meta.dirname, "../..");
const WRANGLER = join(
	dirname(createRequire(import.meta.url).resolve("wrangler/package.json")),
	"bin/wrangler.js",
);

export interface CommandRun {
	readonly code: number | null;
	readonly output: string;
}

function offlineEnv(logDir: string): NodeJS.ProcessEnv {
	return {
		...process.env,
		WRANGLER_SEND_METRICS: "false",
		ASTRO_TELEMETRY_DISABLED: "1",
		CI: "true",
		NO_COLOR: "1",
		FORCE_COLOR: "0",
		WRANGLER_LOG_PATH: logDir,
		// Miniflare would otherwise download the `Request.cf` placeholder from workers.cloudflare.com.
		CLOUDFLARE_CF_FETCH_ENABLED: "false",
		// Nothing may authenticate: a command that needs the network fails instead of logging in.
		CLOUDFLARE_API_TOKEN: "",
		CLOUDFLARE_ACCOUNT_ID: "",
	};
}

/** Runs a command to its end (`npm run …`, or wrangler through the pinned Node). */
export function runCommand(
	command: "npm" | "wrangler",
	args: readonly string[],
	logDir: string,
	timeoutMs: number,
): Promise<CommandRun> {
	const [file, argv] = command === "npm" ? ["npm", args] : [process.execPath, [WRANGLER, ...args]];
	return new Promise((done, fail) => {
		const child = spawn(file, argv, { cwd: ROOT, env: offlineEnv(logDir), detached: true });
		let output = "";
		child.stdout.on("data", (chunk) => {
			output += chunk;
		});
		child.stderr.on("data", (chunk) => {
			output += chunk;
		});
		const timer = setTimeout(() => {
			killGroup(child, "SIGKILL");
			fail(new Error(`${command} ${args.join(" ")} took more than ${timeoutMs} ms:\n${output}`));
		}, timeoutMs);
		child.once("error", fail);
		child.once("close", (code) => {
			clearTimeout(timer);
			done({ code, output });
		});
	});
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined || child.exitCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// Already gone.
	}
}

export interface WranglerDev {
	readonly url: string;
	/** Everything wrangler and the Worker printed so far (for failure messages). */
	output(): string;
	stop(): Promise<void>;
}

export interface WranglerDevOptions {
	/** The Worker's module: the bundle of `wrangler deploy --dry-run --outdir`, run as is. */
	readonly script: string;
	readonly port: number;
	readonly inspectorPort: number;
	/** Local state (queues, R2): a temporary folder, never the project's `.wrangler/state`. */
	readonly persistTo: string;
	/** Secrets and variables, as `.dev.vars` would hold them. */
	readonly envFile: string;
	readonly logDir: string;
}

/** Starts `wrangler dev` in local mode (workerd) and resolves once `/healthz` answers 200. */
export async function startWranglerDev(options: WranglerDevOptions): Promise<WranglerDev> {
	const args = [
		WRANGLER,
		"dev",
		options.script,
		// With a script given, wrangler looks for its config beside the script: name ours.
		"--config",
		join(ROOT, "wrangler.toml"),
		"--no-bundle",
		"--local",
		"--ip",
		"127.0.0.1",
		"--port",
		String(options.port),
		"--inspector-port",
		String(options.inspectorPort),
		"--persist-to",
		options.persistTo,
		"--env-file",
		options.envFile,
		"--test-scheduled",
		"--show-interactive-dev-session=false",
		"--log-level",
		"info",
	];
	const child = spawn(process.execPath, args, { cwd: ROOT, env: offlineEnv(options.logDir), detached: true });
	let output = "";
	child.stdout?.on("data", (chunk) => {
		output += chunk;
	});
	child.stderr?.on("data", (chunk) => {
		output += chunk;
	});
	const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
	const url = `http://127.0.0.1:${options.port}`;
	const stop = async () => {
		killGroup(child, "SIGTERM");
		const stopped = await Promise.race([exited.then(() => true), delay(10_000).then(() => false)]);
		if (!stopped) {
			killGroup(child, "SIGKILL");
			await exited;
		}
	};
	try {
		await waitFor(
			async () => {
				if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${output}`);
				try {
					return (await fetch(`${url}/healthz`)).status === 200;
				} catch {
					return false;
				}
			},
			90_000,
			"wrangler dev to answer /healthz",
		);
	} catch (error) {
		await stop();
		throw error;
	}
	return { url, output: () => output, stop };
}

function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
