// `npm run audit:verify`: recomputes the hash chain of the audit trail from its first entry and
// names the first broken link (exit code 1), or says how many entries are intact (exit code 0).
import { verifyAuditChain } from "../core/audit.ts";
import { runCommand, withDatabase } from "./cli.ts";

async function main(): Promise<number> {
	const result = await withDatabase((db) => verifyAuditChain(db));
	if (result.ok) {
		process.stdout.write(
			`Journal d'audit intact : ${result.checked} entrée(s) vérifiée(s), dernière empreinte ${result.lastHash}.\n`,
		);
		return 0;
	}
	process.stdout.write(
		`Journal d'audit rompu à l'entrée ${result.firstBrokenSeq} (${result.reason}) ; ${result.checked} entrée(s) intactes avant elle.\n`,
	);
	return 1;
}

runCommand(main);
