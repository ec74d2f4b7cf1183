// The server's workaround for Node 24 re-parsing drizzle-orm's package.json (ADR 0053) must load
// exactly the modules Node loads, each in the same format: two processes import drizzle the way
// the portal does, with and without the hook, and list every module loaded.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const root = join(import.meta.dirname, "..");

// A load hook registered after the resolve hook sees every module with the format it is loaded as.
const LIST_MODULES = `
import { registerHooks } from "node:module";
const loaded = [];
registerHooks({ load(url, context, next) { const result = next(url, context); loaded.push(url + " " + result.format); return result; } });
await import("drizzle-orm");
await import("drizzle-orm/libsql");
await import("drizzle-orm/sqlite-core");
console.log(JSON.stringify(loaded.sort()));
`;

async function modulesLoaded(flags: string[]): Promise<string[]> {
	const { stdout } = await promisify(execFile)(
		process.execPath,
		[...flags, "--input-type=module", "--eval", LIST_MODULES],
		{ cwd: root, timeout: 30_000 },
	);
	return JSON.parse(stdout) as string[];
}

it("loads the same drizzle modules in the same formats", async () => {
	const [plain, hooked] = await Promise.all([
		modulesLoaded([]),
		modulesLoaded(["--import=./scripts/drizzle-resolve-hook.mjs"]),
	]);
	expect(plain.length).toBeGreaterThan(100);
	expect(hooked).toEqual(plain);
}, 60_000);
