// `npm run statements -- publish --month AAAA-MM`: publishes by hand the relevés de prestations of
// a month that is over (core/adherent/statement-publication.ts), e.g. after an outage,
// without waiting for the nightly task that does the same for the previous month. It reads
// DATABASE_URL like the worker. Members whose statement of the month is already published are left
// as they are, so running it twice publishes nothing more. Exit code 0 when done, 2 for a command
// that cannot be read or a month that is not over.
import { parseArgs } from "node:util";
import {
	checkStatementMonth,
	type PublicationCounts,
	publishStatements,
	type StatementMonthProblem,
} from "../core/adherent/statement-publication.ts";
import { formatMonth } from "../core/format.ts";
import { runCommand, withDatabase } from "./cli.ts";

const USAGE = `Usage : npm run statements -- publish --month AAAA-MM

  publish  publie les relevés de prestations du mois : un relevé pour chaque adhérent dont des
           prestations ont été payées ce mois-là, et un e-mail qui l'avertit qu'il est disponible

Le mois (heure de Paris) doit être terminé. Un adhérent dont le relevé du mois est déjà publié
n'en reçoit pas un second : relancer la commande ne publie rien de plus.`;

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

const PROBLEMS: Readonly<Record<StatementMonthProblem, (month: string) => string>> = {
	malformed_month: (month) =>
		`Mois illisible : « ${month.slice(0, 20)} ». Écrivez l'année puis le mois, par exemple 2026-10.`,
	month_not_ended: (month) =>
		`${capitalize(formatMonth(month))} n'est pas terminé : ses relevés ne peuvent être publiés qu'à partir du 1er du mois suivant.`,
};

class UsageError extends Error {}

function parseCommandLine(args: string[]) {
	try {
		return parseArgs({ args, options: { month: { type: "string" } }, allowPositionals: true });
	} catch (error) {
		throw new UsageError(
			error instanceof Error ? `Commande illisible : ${error.message}` : "Commande illisible.",
		);
	}
}

function readCommand(args: string[], now: Date): { month: string } {
	const parsed = parseCommandLine(args);
	const [verb, ...rest] = parsed.positionals;
	if (verb !== "publish" || rest.length > 0) throw new UsageError("Précisez l'opération : publish.");
	const month = parsed.values.month?.trim() ?? "";
	if (month === "") throw new UsageError("Indiquez le mois avec --month AAAA-MM.");
	const problem = checkStatementMonth(month, now);
	if (problem) throw new UsageError(PROBLEMS[problem](month));
	return { month };
}

function describe(month: string, counts: PublicationCounts): string {
	const lines = [
		`Relevés de prestations, ${formatMonth(month)} : ${counts.statements} relevé(s) publié(s) pour ${counts.members} adhérent(s), ${counts.lines} ligne(s).`,
	];
	if (counts.lateLines > 0) {
		lines.push(
			`${counts.lateLines} ligne(s) payée(s) ce mois-là, enregistrée(s) après la publication du relevé de l'adhérent, ne figurent sur aucun relevé.`,
		);
	}
	return lines.join("\n");
}

async function main(): Promise<number> {
	const now = new Date();
	let command: { month: string };
	try {
		command = readCommand(process.argv.slice(2), now);
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		process.stderr.write(`${error.message}\n\n${USAGE}\n`);
		return 2;
	}
	const counts = await withDatabase((db) =>
		publishStatements(db, { month: command.month, now, actor: "cli" }),
	);
	process.stdout.write(`${describe(command.month, counts)}\n`);
	return 0;
}

runCommand(main);
