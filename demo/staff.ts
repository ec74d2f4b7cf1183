// The demo's staff in the back-office: the second fixed staff account (an agent), and the roles
// of every staff account, granted once the accounts are written: Claire Moreau (9000000001) is
// admin, Karim Haddad (9000000002) agent, the other generated staff alternate superviseur/agent.
import type { Client } from "@libsql/client";
import { DEMO_ACCOUNTS } from "./accounts.ts";
import { COMMUNES } from "./communes.ts";
import type { SeedContext } from "./context.ts";
import { dayOf } from "./dates.ts";
import { addAccount } from "./portal.ts";

export function writeDemoStaff(ctx: SeedContext, demoHash: string): void {
	const since = ctx.yearsAgo(4);
	const nantes = COMMUNES.find((commune) => commune.insee === "44109") ?? null;
	const personId = ctx.addPerson(
		{ firstName: "Karim", lastName: "Haddad", sex: "M", birthDay: dayOf("1990-09-02") },
		"staff",
		since,
		nantes,
	);
	addAccount(ctx, {
		space: "gestionnaire",
		identifier: DEMO_ACCOUNTS.gestionnaire2.identifier,
		email: DEMO_ACCOUNTS.gestionnaire2.email,
		staffPersonId: personId,
		createdDay: since,
		passwordHash: demoHash,
		state: "active",
		capacity: "own_capacity",
	});
}

export async function grantStaffRoles(client: Client, nowMs: number): Promise<void> {
	await client.batch(
		[
			{
				sql: `INSERT INTO staff_roles (account_id, role, granted_at)
					SELECT id, CASE identifier WHEN ? THEN 'admin' WHEN ? THEN 'agent'
						ELSE CASE WHEN id % 2 = 0 THEN 'superviseur' ELSE 'agent' END END, ?
					FROM accounts WHERE space = 'gestionnaire' ORDER BY id`,
				args: [DEMO_ACCOUNTS.gestionnaire1.identifier, DEMO_ACCOUNTS.gestionnaire2.identifier, nowMs],
			},
		],
		"write",
	);
}
