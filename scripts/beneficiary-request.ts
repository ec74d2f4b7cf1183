// `npm run beneficiary -- accept|reject <référence> [--reason "…"]`: staff's decision on a
// request to add or remove a beneficiary (core/adherent/beneficiary-decision.ts), until the
// back-office has its page. It reads DATABASE_URL like scripts/account.ts. Accepting creates the
// beneficiary (covered from today) or ends their cover on the day the member asked; the answer
// (--reason, required to reject) is what the member reads. Exit code 0 when done, 1 for an
// unknown or already decided request, 2 for a command that cannot be read.
import { parseArgs } from "node:util";
import type { BeneficiaryDecisionResult } from "../core/adherent/beneficiary-decision.ts";
import { runCommand, withDatabase } from "./cli.ts";

const USAGE = `Usage : npm run beneficiary -- accept|reject <référence> [--reason "réponse à l'adhérent"]

  accept   accepte la demande : ajoute le bénéficiaire, ou met fin à sa couverture à la date demandée
  reject   refuse la demande ; --reason est alors obligatoire

La référence est celle donnée à l'adhérent, par exemple B2026-000001. La réponse (500 caractères au
plus) est montrée à l'adhérent ; elle n'est pas écrite au journal d'audit.`;

class UsageError extends Error {}

type Decision = "accept" | "reject";

function parseCommandLine(args: string[]) {
	try {
		return parseArgs({ args, options: { reason: { type: "string" } }, allowPositionals: true });
	} catch (error) {
		throw new UsageError(
			error instanceof Error ? `Commande illisible : ${error.message}` : "Commande illisible.",
		);
	}
}

function readCommand(args: string[]): { decision: Decision; reference: string; reason: string | null } {
	const parsed = parseCommandLine(args);
	const [decision, reference, ...rest] = parsed.positionals;
	if (decision !== "accept" && decision !== "reject") {
		throw new UsageError("Précisez la décision : accept ou reject.");
	}
	if (!reference || !/^B\d{4}-\d{6}$/.test(reference) || rest.length > 0) {
		throw new UsageError(
			"La référence s'écrit B suivi de l'année et de 6 chiffres, par exemple B2026-000001.",
		);
	}
	const reason = parsed.values.reason?.trim() || null;
	if (decision === "reject" && !reason)
		throw new UsageError('Indiquez la raison du refus avec --reason "…".');
	if (reason && reason.length > 500) throw new UsageError("La réponse compte au plus 500 caractères.");
	return { decision, reference, reason };
}

function describe(reference: string, result: BeneficiaryDecisionResult): string {
	if (result.ok) {
		const what = result.kind === "beneficiary_add" ? "d'ajout" : "de retrait";
		return result.status === "closed"
			? `Demande ${what} ${reference} acceptée (bénéficiaire n° ${result.beneficiaryId}).`
			: `Demande ${what} ${reference} refusée.`;
	}
	switch (result.reason) {
		case "unknown_request":
			return `Aucune demande ne porte la référence ${reference}.`;
		case "not_a_beneficiary_request":
			return `La demande ${reference} ne concerne pas un bénéficiaire.`;
		case "already_decided":
			return `La demande ${reference} est déjà traitée (état : ${result.status}).`;
		case "beneficiary_gone":
			return `Le bénéficiaire de la demande ${reference} n'est plus couvert : refusez la demande.`;
		case "invalid_payload":
			return `La demande ${reference} est incomplète : elle ne peut pas être acceptée.`;
	}
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
	const { decideBeneficiaryRequest } = await import("../core/adherent/beneficiary-decision.ts");
	return withDatabase(async (db) => {
		const result = await decideBeneficiaryRequest(db, {
			reference: command.reference,
			decision: command.decision,
			reason: command.reason,
			now: new Date(),
			staffAccountId: null,
		});
		(result.ok ? process.stdout : process.stderr).write(`${describe(command.reference, result)}\n`);
		return result.ok ? 0 : 1;
	});
}

runCommand(main);
