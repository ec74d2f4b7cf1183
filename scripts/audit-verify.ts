// `npm run audit:verify`: recomputes the hash chain of the audit trail from its first entry and
// names the first broken link (exit code 1), or says how many entries are intact (exit code 0).
import { ConfigError, parseConfig } from "../edge/config.ts";
import { verifyAuditChain } from "../edge/services/audit.ts";
import { createDatabase } from "../schema/db.ts";
import { migrateDatabase } from "../schema/migrate.ts";

async function main(): Promise<number> {
	const config = parseConfig(process.env);
	const { client, db, ready } = createDatabase(config.database);
	await ready;
	await migrateDatabase(db);
	const result = await verifyAuditChain(db);
	client.close();
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

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
		process.exit(2);
	},
);
