// `npm run import -- <kind> <file>`: loads a file of the core system (CSV with a header line, or
// JSON Lines) into the portal's copy, streaming it line by line (core/import/run.ts). Kinds:
// core/import/kinds.ts. Every refused line is listed with its French reason in
// `<file>.rejets.csv`; a run that stops (a database error) says after which line, and running
// the same command again finishes the job. Exit code 0 when every line was taken, 1 when some
// were refused or the run stopped, 2 for a command that cannot be read.
import { createWriteStream, existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import { Presets, SingleBar } from "cli-progress";
import { IMPORT_KIND_NAMES, importKind } from "../core/import/kinds.ts";
import { runImport } from "../core/import/run.ts";
import { runCommand, withDatabase } from "./cli.ts";
import { formatOf, readSource } from "./import-source.ts";

const USAGE = `Usage : npm run import -- <type> <fichier.csv|fichier.jsonl>

  types : ${IMPORT_KIND_NAMES.join(", ")}
  Le fichier CSV a une ligne d'en-tête (séparateur « ; » ou « , ») ; un fichier JSON Lines a un objet par ligne.
  Les lignes refusées sont écrites, avec leur motif, dans <fichier>.rejets.csv.`;

function csvCell(text: string): string {
	return /[";\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

async function main(): Promise<number> {
	const [name, file, ...rest] = process.argv.slice(2);
	const kind = await importKind(name);
	const format = file ? formatOf(file) : null;
	if (!kind || !file || !format || rest.length > 0) {
		process.stderr.write(
			`${!kind ? "Type d'import inconnu." : "Indiquez un fichier .csv ou .jsonl."}\n\n${USAGE}\n`,
		);
		return 2;
	}
	if (!existsSync(file)) {
		process.stderr.write(`Le fichier ${file} n'existe pas.\n`);
		return 2;
	}
	const size = (await stat(file)).size;
	const bar = process.stderr.isTTY
		? new SingleBar({ format: "{bar} {percentage} % | {lines} lignes" }, Presets.shades_classic)
		: null;
	bar?.start(size, 0, { lines: 0 });
	let read = 0;
	const rejectsPath = `${file}.rejets.csv`;
	const rejects = createWriteStream(rejectsPath);
	rejects.write("ligne;motif\n");
	const report = await withDatabase((db) =>
		runImport(
			db,
			kind,
			readSource(file, format, (bytes) => {
				read += bytes;
			}),
			{
				now: new Date(),
				via: "cli",
				onRejected: (rejection) => rejects.write(`${rejection.line};${csvCell(rejection.reason)}\n`),
				onProgress: (lines) => bar?.update(read, { lines }),
			},
		),
	);
	bar?.stop();
	await new Promise((resolve) => rejects.end(resolve));
	process.stdout.write(
		`Import ${report.kind} : ${report.lines} ligne(s) lue(s), ${report.written} écrite(s), ${report.unchanged} inchangée(s), ${report.rejected} refusée(s).\n`,
	);
	for (const rejection of report.rejections.slice(0, 20))
		process.stdout.write(`  ligne ${rejection.line} : ${rejection.reason}\n`);
	if (report.rejected > 0)
		process.stdout.write(`Toutes les lignes refusées et leur motif : ${rejectsPath}\n`);
	if (report.stopped) {
		process.stderr.write(
			`Import interrompu après la ligne ${report.stopped.afterLine} (${report.stopped.error}). Relancez la même commande : les lignes déjà importées seront reconnues et l'import reprendra.\n`,
		);
		return 1;
	}
	return report.rejected > 0 ? 1 : 0;
}

runCommand(main);
