// A benchmark's phase in a process of its own, so that its peak resident memory is its own: the
// script is run by tsx with the given arguments, and its last line of output is read as JSON.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { refuseUnless } from "./expected-responses.ts";

const root = resolve(import.meta.dirname, "../..");
const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");

export async function runPhaseProcess<T>(
	script: string,
	args: readonly string[],
	nodeFlags: readonly string[] = [],
): Promise<T> {
	const child = spawn(process.execPath, [tsxCli, ...nodeFlags, script, ...args], {
		cwd: root,
		env: { ...process.env, LOG_LEVEL: "error" },
		stdio: ["ignore", "pipe", "inherit"],
	});
	let out = "";
	child.stdout.on("data", (chunk: Buffer) => {
		out += chunk.toString();
	});
	const [code] = (await once(child, "exit")) as [number | null];
	refuseUnless(code === 0, `the ${args[0]} phase exited with ${code}`);
	return JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as T;
}
