// `npm run staff -- role <identifiant> agent|superviseur|admin`: gives a staff account its role in
// the back-office (core/gestion/staff.ts), e.g. the first admin of a new database, which has no
// roles. `npm run staff -- jeton <identifiant admin> <nom>` creates a token for the import API
// (shown once), `revoquer-jeton <identifiant admin> <n°>` revokes one, `jetons` lists those in
// force (core/import/staff-tokens.ts). Exit code 0 when done, 1 when refused (unknown or
// non-staff account, not an admin, unknown token), 2 for a command that cannot be read.

import { randomBytes } from "node:crypto";
import type { StaffRole } from "../schema/tables/index.ts";
import { runCommand, withDatabase } from "./cli.ts";

const ROLES: readonly string[] = ["agent", "superviseur", "admin"];

const TOKEN_USAGE = `Usage : npm run staff -- jeton <identifiant admin> <nom>
       npm run staff -- revoquer-jeton <identifiant admin> <n° du jeton>
       npm run staff -- jetons`;

const TOKEN_REFUSALS: Readonly<Record<string, string>> = {
	unknown_account: "Aucun compte ne porte cet identifiant.",
	not_admin: "Seul un administrateur actif de l'espace gestion gère les jetons d'import.",
	bad_name: "Le nom du jeton compte de 1 à 60 caractères.",
	unknown_token: "Aucun jeton en vigueur ne porte ce numéro.",
};

async function tokens(verb: string, args: readonly string[]): Promise<number> {
	const tokensModule = await import("../core/import/staff-tokens.ts");
	if (verb === "jetons" && args.length === 0) {
		const list = await withDatabase((db) => tokensModule.listStaffTokens(db));
		for (const token of list)
			process.stdout.write(
				`${token.id}\t${token.hint}\t${token.name}\tcréé le ${token.createdAt.toISOString()}\t${token.lastUsedAt ? `utilisé le ${token.lastUsedAt.toISOString()}` : "jamais utilisé"}\n`,
			);
		if (list.length === 0) process.stdout.write("Aucun jeton d'import en vigueur.\n");
		return 0;
	}
	const [identifier, value, ...rest] = args;
	if (!identifier || !/^\d{10}$/.test(identifier) || !value || rest.length > 0) {
		process.stderr.write(`${TOKEN_USAGE}\n`);
		return 2;
	}
	const actor = { identifier, now: new Date(), via: "cli" };
	if (verb === "jeton") {
		const result = await withDatabase((db) =>
			tokensModule.createStaffToken(db, { ...actor, randomBytes }, value),
		);
		if (!result.ok) {
			process.stderr.write(`${TOKEN_REFUSALS[result.reason]}\n`);
			return 1;
		}
		process.stdout.write(
			`Jeton d'import n° ${result.summary.id} « ${result.summary.name} » (il ne sera plus affiché) :\n${result.token}\n`,
		);
		return 0;
	}
	if (!/^\d{1,9}$/.test(value)) {
		process.stderr.write(`${TOKEN_USAGE}\n`);
		return 2;
	}
	const result = await withDatabase((db) => tokensModule.revokeStaffToken(db, actor, Number(value)));
	if (!result.ok) {
		process.stderr.write(`${TOKEN_REFUSALS[result.reason]}\n`);
		return 1;
	}
	process.stdout.write(`Jeton d'import n° ${value} révoqué.\n`);
	return 0;
}

async function main(): Promise<number> {
	const [verb, identifier, role, ...rest] = process.argv.slice(2);
	if (verb === "jeton" || verb === "revoquer-jeton" || verb === "jetons")
		return tokens(verb, process.argv.slice(3));
	if (
		verb !== "role" ||
		!identifier ||
		!/^\d{10}$/.test(identifier) ||
		!role ||
		!ROLES.includes(role) ||
		rest.length > 0
	) {
		process.stderr.write(
			`Usage : npm run staff -- role <identifiant à 10 chiffres> agent|superviseur|admin\n${TOKEN_USAGE}\n`,
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
