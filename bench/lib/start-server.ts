// Starts one of bench/servers/ in a child process (tsx, on the pinned Node) and resolves once it
// prints "listening <port> <pid>": the port to load and the server's own process, whose CPU time
// the dashboard benchmark reads.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { SERVER_NODE_FLAGS } from "../../scripts/server-node-flags.ts";

const root = resolve(import.meta.dirname, "../..");
const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");

export interface BenchServer {
	readonly child: ChildProcess;
	readonly port: number;
	/** The server's own process (under tsx's launcher). */
	readonly pid: number;
}

/** `args`: the server's file relative to the project's root, then its arguments; `cpu`: pin it there (taskset). */
export function startServer(args: readonly string[], cpu?: number): Promise<BenchServer> {
	const command = cpu === undefined ? [process.execPath] : ["taskset", "-c", String(cpu), process.execPath];
	const [file = process.execPath, ...rest] = command;
	// Every server with the portal's production flags, the peers too (scripts/server-node-flags.ts).
	const child = spawn(file, [...rest, tsxCli, ...SERVER_NODE_FLAGS, ...args], {
		cwd: root,
		stdio: ["ignore", "pipe", "inherit"],
	});
	return new Promise((ready, fail) => {
		let out = "";
		child.stdout?.on("data", (chunk: Buffer) => {
			out += chunk.toString();
			const match = /listening (\d+) (\d+)/.exec(out);
			if (match) ready({ child, port: Number(match[1]), pid: Number(match[2]) });
		});
		child.once("exit", (code) => fail(new Error(`server ${args[0]} exited with ${code}`)));
	});
}
