// `npm run account -- suspend|reopen|close <identifiant> --reason "…"`: the staff's tool for the
// states of article 7 of the CGU, e.g. reopening an account once a fraud report has been checked
// (core/fraud-report.ts). It reads DATABASE_URL like the worker (scripts/worker.ts).
// Suspending or closing ends every session at once; deleted is final; every change, refused or
// not, goes to the audit trail as a staff action; the user is e-mailed (core/gestion/account-actions.ts,
// the service the back-office /gestion calls too). Exit code 0 when done, 1 for an unknown
// identifier or a refused change, 2 for a command that cannot be read.
import { parseArgs } from "node:util";
import type { StateChange, StateChangeResult } from "../core/account-state.ts";
import type { AccountState } from "../schema/enums.ts";
import { runCommand, withDatabase } from "./cli.ts";

const USAGE = `Usage : npm run account -- suspend|reopen|close <identifiant> --reason "motif"

  suspend  bloque la connexion et ferme toutes les sessions (compte actif ou en attente)
  reopen   rouvre un compte suspendu ou fermé
  close    ferme le compte et toutes ses sessions

Le motif, en quelques mots et sans donnée personnelle, est conservé au journal d'audit (200 caractères au plus).`;

const STATE_LABELS: Readonly<Record<AccountState, string>> = {
	pending: "en attente d'activation",
	active: "actif",
	suspended: "suspendu",
	closed: "fermé",
	deleted: "supprimé",
};

class UsageError extends Error {}

function isChange(value: string | undefined): value is StateChange {
	return value === "suspend" || value === "reopen" || value === "close";
}

function parseCommandLine(args: string[]) {
	try {
		return parseArgs({ args, options: { reason: { type: "string" } }, allowPositionals: true });
	} catch (error) {
		throw new UsageError(
			error instanceof Error ? `Commande illisible : ${error.message}` : "Commande illisible.",
		);
	}
}

function readCommand(args: string[]): { change: StateChange; identifier: string; reason: string } {
	const parsed = parseCommandLine(args);
	const [change, identifier, ...rest] = parsed.positionals;
	if (!isChange(change)) throw new UsageError("Précisez l'opération : suspend, reopen ou close.");
	if (!identifier || !/^\d{10}$/.test(identifier) || rest.length > 0) {
		throw new UsageError("L'identifiant se compose de 10 chiffres.");
	}
	const reason = parsed.values.reason?.trim() ?? "";
	if (reason === "") throw new UsageError('Indiquez le motif avec --reason "…".');
	if (reason.length > 200) throw new UsageError("Le motif compte au plus 200 caractères.");
	return { change, identifier, reason };
}

function describeResult(change: StateChange, identifier: string, result: StateChangeResult): string {
	if (result.ok) {
		const sessions = result.sessionsEnded > 0 ? ` ; ${result.sessionsEnded} session(s) fermée(s)` : "";
		return `Compte ${identifier} : ${STATE_LABELS[result.from]} → ${STATE_LABELS[result.to]}${sessions}.`;
	}
	if (result.reason === "unknown_account") return `Aucun compte ne porte l'identifiant ${identifier}.`;
	if (result.from === "deleted")
		return `Le compte ${identifier} est supprimé : son état ne peut plus changer.`;
	const verb = { suspend: "suspendu", reopen: "rouvert", close: "fermé" }[change];
	return `Le compte ${identifier} est ${STATE_LABELS[result.from]} : il ne peut pas être ${verb}.`;
}

async function main(): Promise<number> {
	let command: ReturnType<typeof readCommand>;
	try {
		command = readCommand(process.argv.slice(2));
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		process.stderr.write(`${error.message}\n\n${USAGE}\n`);
		return 2;
	}
	// The service is loaded only now: a mistyped command gets its answer without paying for it.
	const [{ changeAccountStateAsStaff }, { cryptoRandomBytes }] = await Promise.all([
		import("../core/gestion/account-actions.ts"),
		import("../core/deps.ts"),
	]);
	return withDatabase(async (db, config) => {
		// The same service as the back-office: the user is e-mailed, a fraud incident ends on reopening.
		const result = await changeAccountStateAsStaff(db, {
			change: command.change,
			identifier: command.identifier,
			reason: command.reason,
			now: new Date(),
			actor: { kind: "staff", via: "cli" },
			publicUrl: config.publicUrl,
			randomBytes: cryptoRandomBytes,
		});
		const reopened = result.fraudReportClosed
			? ` Signalement ${result.fraudReportClosed} clos ; un lien pour choisir un nouveau mot de passe a été envoyé.`
			: "";
		const message = describeResult(command.change, command.identifier, result) + reopened;
		(result.ok ? process.stdout : process.stderr).write(`${message}\n`);
		return result.ok ? 0 : 1;
	});
}

runCommand(main);
