// `npm run staff -- role <identifiant> agent|superviseur|admin`: gives a staff account its role in
// the back-office (core/gestion/staff.ts), e.g. the first admin of a new database, which has no
// roles. Exit code 0 when done, 1 for an unknown or non-staff account, 2 for a command that
// cannot be read.
import type { StaffRole } from "../schema/tables/index.ts";
import { runCommand, withDatabase } from "./cli.ts";

const ROLES: readonly string[] = ["agent", "superviseur", "admin"];

async function main(): Promise<number> {
	const [verb, identifier, role, ...rest] = process.argv.slice(2);
	if (
		verb !== "role" ||
		!identifier ||
		!/^\d{10}$/.test(identifier) ||
		!role ||
		!ROLES.includes(role) ||
		rest.length > 0
	) {
		process.stderr.write(
			"Usage : npm run staff -- role <identifiant à 10 chiffres> agent|superviseur|admin\n",
		);
		return 2;
	}
	const { grantStaffRole } = await import("../core/gestion/staff.ts");
	const result = await withDatabase((db) =>
		grantStaffRole(db, {
			identifier,
			role: role as StaffRole,
			now: new Date(),
			grantedByAccountId: null,
			via: "cli",
		}),
	);
	if (!result.ok) {
		process.stderr.write(
			result.reason === "unknown_account"
				? `Aucun compte ne porte l'identifiant ${identifier}.\n`
				: `Le compte ${identifier} n'est pas un compte du personnel (espace gestion).\n`,
		);
		return 1;
	}
	process.stdout.write(
		`Compte ${identifier} : rôle ${role}${result.previous ? ` (auparavant ${result.previous})` : ""}.\n`,
	);
	return 0;
}

runCommand(main);
