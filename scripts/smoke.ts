// `npm run smoke -- <url>`: checks a deployed portal (README "Deploying to Cloudflare"). Prints one
// line per probe; exit code 0 when all passed, 1 when one failed, 2 when misused.
import { runCommand } from "./cli.ts";
import { smokeCheck } from "./smoke-check.ts";

async function main(): Promise<number> {
	const url = process.argv[2];
	if (!url || !/^https?:\/\//.test(url)) {
		process.stderr.write("Usage : npm run smoke -- https://espace.example.org\n");
		return 2;
	}
	const results = await smokeCheck(url);
	for (const { path, ok, detail } of results)
		process.stdout.write(`${ok ? "ok  " : "FAIL"} ${path} ${detail}\n`);
	const failed = results.filter((result) => !result.ok).length;
	process.stdout.write(failed === 0 ? "Smoke check passed.\n" : `Smoke check FAILED: ${failed} probe(s).\n`);
	return failed === 0 ? 0 : 1;
}

runCommand(main);
