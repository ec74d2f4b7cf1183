// `npm run complaint -- accuser|en-cours|repondre|cloturer <référence> [--texte "…"]`: staff handling of
// a complaint, the same service as the back-office (/gestion/demandes). Answering e-mails the member a link to read the
// answer in their space (never the answer itself).
import { parseArgs } from "node:util";
import { updateComplaint } from "../core/adherent/complaints.ts";
import { runCommand, withDatabase } from "./cli.ts";

const ACTIONS = {
	accuser: "acknowledge",
	"en-cours": "in_progress",
	repondre: "answer",
	cloturer: "close",
} as const;

async function main(): Promise<number> {
	const { positionals, values } = parseArgs({
		allowPositionals: true,
		options: { texte: { type: "string" } },
	});
	const [verb, reference] = positionals;
	const action = verb ? ACTIONS[verb as keyof typeof ACTIONS] : undefined;
	if (!action || !reference || (action === "answer" && !values.texte?.trim())) {
		process.stderr.write(
			'Usage : npm run complaint -- accuser|en-cours|repondre|cloturer <référence> [--texte "réponse"] (--texte est obligatoire pour répondre)\n',
		);
		return 2;
	}
	const result = await withDatabase(
		(db, config) =>
			updateComplaint(db, {
				reference,
				action,
				answer: values.texte?.trim(),
				now: new Date(),
				publicUrl: config.publicUrl,
			}),
		{ sendsMail: true },
	);
	if (!result.ok) {
		process.stderr.write(
			result.reason === "not_found"
				? `Aucune réclamation ${reference}.\n`
				: result.reason === "already_acknowledged"
					? `La réclamation ${reference} a déjà un accusé de réception.\n`
					: `La réclamation ${reference} est déjà clôturée.\n`,
		);
		return 1;
	}
	process.stdout.write(`Réclamation ${reference} : ${verb} enregistré.\n`);
	return 0;
}

runCommand(main);
