// `npm run audit:verify-bundle -- <preuve.json>`: checks an account's proof bundle exported from
// /gestion/preuve on its own, without the database: every entry's canonical form hashes to its
// hash and links to the previous one. Exit code 0 when intact, 1 when not, 2 when unreadable.
import { readFile } from "node:fs/promises";
import { verifyProofBundle } from "../core/gestion/proof.ts";
import { runCommand } from "./cli.ts";

async function main(): Promise<number> {
	const [file, ...rest] = process.argv.slice(2);
	if (!file || rest.length > 0) {
		process.stderr.write("Usage : npm run audit:verify-bundle -- <fichier de preuve .json>\n");
		return 2;
	}
	let bundle: unknown;
	try {
		bundle = JSON.parse(await readFile(file, "utf8"));
	} catch {
		process.stderr.write(`Le fichier ${file} n'a pas pu être lu comme du JSON.\n`);
		return 2;
	}
	const result = verifyProofBundle(bundle);
	if (result.ok) {
		process.stdout.write(`Preuve intacte : ${result.entries} entrée(s) vérifiée(s).\n`);
		return 0;
	}
	process.stdout.write(`Preuve altérée :\n${result.problems.map((problem) => `  - ${problem}\n`).join("")}`);
	return 1;
}

runCommand(main);
