// Runs one of the command-line scripts the way `npm run <script>` does (tsx in a child process,
// on the pinned Node) against a database given by DATABASE_URL, and collects what it prints.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");
const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");

export interface ScriptRun {
	readonly code: number | null;
	readonly stdout: string;
	readonly stderr: string;
}

/** `script` relative to the project's root, e.g. "scripts/account.ts". */
export function runScript(
	script: string,
	databaseUrl: string,
	args: readonly string[],
	/** Variables to set (a string) or remove (undefined) on top of the test's environment. */
	env: Readonly<Record<string, string | undefined>> = {},
): Promise<ScriptRun> {
	return new Promise((done, fail) => {
		const child = spawn(process.execPath, [tsxCli, script, ...args], {
			cwd: root,
			env: { ...process.env, ESPACE_ENV: "test", DATABASE_URL: databaseUrl, LOG_LEVEL: "error", ...env },
		});
		let stdout = "";
		let stderr = "";
		child.stdout.on("data", (chunk) => {
			stdout += chunk;
		});
		child.stderr.on("data", (chunk) => {
			stderr += chunk;
		});
		child.once("error", fail);
		child.once("close", (code) => done({ code, stdout, stderr }));
	});
}
