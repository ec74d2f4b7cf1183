// `npm run communes -- import <fichier.csv>`: loads the gazetteer of the network finder
// (`reseau_communes`, ADR 0022) from a file of communes with the coordinates of their town
// centre (core/reseau/communes-csv.ts describes the columns). It reads DATABASE_URL like the
// worker; a line already there is replaced, so running it twice changes nothing more. Exit code
// 0 when done (wrong lines are listed and left out), 2 for a command or a file that cannot be read.
import { readFile } from "node:fs/promises";
import { importCommunes } from "../core/reseau/communes.ts";
import { parseCommunesCsv } from "../core/reseau/communes-csv.ts";
import { runCommand, withDatabase } from "./cli.ts";

const USAGE = `Usage : npm run communes -- import <fichier.csv>

Colonnes, avec une ligne d'en-tête : insee, code_postal, nom, latitude, longitude
(séparées par des virgules ou des points-virgules, en UTF-8).`;

async function main(): Promise<number> {
	const [verb, file, ...rest] = process.argv.slice(2);
	if (verb !== "import" || !file || rest.length > 0) {
		process.stderr.write(`${USAGE}\n`);
		return 2;
	}
	let text: string;
	try {
		text = await readFile(file, "utf8");
	} catch {
		process.stderr.write(`Fichier illisible : ${file}\n`);
		return 2;
	}
	const { rows, rejected } = parseCommunesCsv(text);
	for (const { line, reason } of rejected.slice(0, 50))
		process.stderr.write(`ligne ${line} écartée : ${reason}\n`);
	const imported = await withDatabase((db) => importCommunes(db, rows));
	process.stdout.write(`${imported} commune(s) importée(s), ${rejected.length} ligne(s) écartée(s).\n`);
	return 0;
}

runCommand(main);
