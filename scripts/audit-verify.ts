// `npm run audit:verify`: recomputes the hash chain of the audit trail from its first entry and
// names every broken link (exit code 1), or says how many entries are intact (exit code 0).
import { type BrokenLink, verifyAuditChain } from "../core/audit.ts";
import { runCommand, withDatabase } from "./cli.ts";

function describeLink(link: BrokenLink): string {
	if (link.reason === "missing")
		return link.count && link.count > 1
			? `entrées ${link.seq} à ${link.seq + link.count - 1} : manquantes`
			: `entrée ${link.seq} : manquante`;
	if (link.reason === "previous_hash")
		return `entrée ${link.seq} : ne suit pas l'empreinte de l'entrée précédente`;
	return `entrée ${link.seq} : contenu modifié (ne correspond plus à son empreinte)`;
}

async function main(): Promise<number> {
	const result = await withDatabase((db) => verifyAuditChain(db));
	if (result.ok) {
		process.stdout.write(
			`Journal d'audit intact : ${result.checked} entrée(s) vérifiée(s), dernière empreinte ${result.lastHash}.\n`,
		);
		return 0;
	}
	const lines = result.broken.map((link) => `  - ${describeLink(link)}\n`).join("");
	process.stdout.write(
		`Journal d'audit rompu à l'entrée ${result.firstBrokenSeq} : ${result.broken.length} lien(s) rompu(s) sur ${result.checked} entrée(s) vérifiée(s).\n${lines}`,
	);
	return 1;
}

runCommand(main);
