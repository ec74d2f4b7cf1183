// Who may do what in the back-office (/gestion). Three roles, each including the one before:
// an agent handles the requests; a superviseur also acts on accounts and reads the proof; an
// admin also runs the operations. A staff account without a role opens nothing.
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { accounts, type StaffRole, staffRoleNames, staffRoles } from "../../schema/tables/index.ts";
import { appendAuditEvent } from "../audit.ts";

export type StaffArea = "demandes" | "comptes" | "preuve" | "exploitation" | "imports" | "roles";

const AREA_MINIMUM: Readonly<Record<StaffArea, StaffRole>> = {
	demandes: "agent",
	comptes: "superviseur",
	preuve: "superviseur",
	exploitation: "admin",
	imports: "admin",
	roles: "admin",
};

export const STAFF_ROLE_LABELS: Readonly<Record<StaffRole, string>> = {
	agent: "Agent",
	superviseur: "Superviseur",
	admin: "Administrateur",
};

/** The staff member behind an action, as the audit trail records it. */
export interface StaffActor {
	readonly accountId: number;
	readonly sessionId: string | null;
	readonly correlationId: string | null;
	readonly role: StaffRole;
}

/** The audit entry's "who" for an action by this staff member. */
export function staffAuditActor(actor: StaffActor) {
	return {
		accountId: actor.accountId,
		sessionId: actor.sessionId,
		correlationId: actor.correlationId,
		actorKind: "staff",
	} as const;
}

export function mayOpen(role: StaffRole, area: StaffArea): boolean {
	return staffRoleNames.indexOf(role) >= staffRoleNames.indexOf(AREA_MINIMUM[area]);
}

export function areasOf(role: StaffRole): StaffArea[] {
	return (Object.keys(AREA_MINIMUM) as StaffArea[]).filter((area) => mayOpen(role, area));
}

export async function getStaffRole(
	db: Pick<Database, "select">,
	accountId: number,
): Promise<StaffRole | null> {
	const [row] = await db
		.select({ role: staffRoles.role })
		.from(staffRoles)
		.where(eq(staffRoles.accountId, accountId));
	return row?.role ?? null;
}

export type GrantResult =
	| { readonly ok: true; readonly previous: StaffRole | null }
	| { readonly ok: false; readonly reason: "unknown_account" | "not_staff" };

/**
 * Gives a staff account its role (or changes it), with the audit entry; refused for an account
 * of another space. `npm run staff` calls it: a new database has no roles.
 */
export async function grantStaffRole(
	db: Database,
	input: { identifier: string; role: StaffRole; now: Date; grantedByAccountId: number | null; via: string },
): Promise<GrantResult> {
	return db.transaction(
		async (tx): Promise<GrantResult> => {
			const [account] = await tx
				.select({ id: accounts.id, space: accounts.space })
				.from(accounts)
				.where(eq(accounts.identifier, input.identifier));
			if (!account) return { ok: false, reason: "unknown_account" };
			if (account.space !== "gestionnaire") return { ok: false, reason: "not_staff" };
			const previous = await getStaffRole(tx, account.id);
			await tx
				.insert(staffRoles)
				.values({
					accountId: account.id,
					role: input.role,
					grantedAt: input.now,
					grantedByAccountId: input.grantedByAccountId,
				})
				.onConflictDoUpdate({
					target: staffRoles.accountId,
					set: { role: input.role, grantedAt: input.now, grantedByAccountId: input.grantedByAccountId },
				});
			await appendAuditEvent(tx, {
				occurredAt: input.now,
				accountId: input.grantedByAccountId,
				actorKind: "staff",
				action: "gestion.staff_role.granted",
				objectType: "account",
				objectId: String(account.id),
				outcome: "success",
				details: { role: input.role, previous, via: input.via },
			});
			return { ok: true, previous };
		},
		{ behavior: "immediate" },
	);
}
