// « Rôles » (admin only, ADR 0037): the staff accounts with their role, and an admin's change of
// one (grant, change, revoke), audited with who acted. Two rules keep the back-office governable:
// an admin never lowers or removes their own role (no one locks themselves out by mistake), and
// the last admin is never removed or lowered, whoever asks. Both are checked inside an IMMEDIATE
// transaction, so two admins demoting each other at once cannot leave none.
import { and, asc, count, eq, ne } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { AccountState } from "../../schema/enums.ts";
import { accounts, type StaffRole, staffRoles } from "../../schema/tables/index.ts";
import { appendAuditEvent } from "../audit.ts";
import { type StaffActor, staffAuditActor } from "./staff.ts";

export interface StaffMember {
	readonly accountId: number;
	readonly identifier: string;
	readonly email: string;
	readonly state: AccountState;
	readonly role: StaffRole | null;
	readonly grantedAt: Date | null;
}

/** Every account of the back-office space, with its role (null: none yet), by identifier. */
export async function listStaffMembers(db: Pick<Database, "select">): Promise<StaffMember[]> {
	return db
		.select({
			accountId: accounts.id,
			identifier: accounts.identifier,
			email: accounts.email,
			state: accounts.state,
			role: staffRoles.role,
			grantedAt: staffRoles.grantedAt,
		})
		.from(accounts)
		.leftJoin(staffRoles, eq(staffRoles.accountId, accounts.id))
		.where(eq(accounts.space, "gestionnaire"))
		.orderBy(asc(accounts.identifier));
}

export type RoleChangeResult =
	| { readonly ok: true; readonly previous: StaffRole | null }
	| { readonly ok: false; readonly reason: "unknown_account" | "own_admin_role" | "last_admin" };

/** Gives `role` to a staff account, or removes its role (`null`). */
export async function changeStaffRole(
	db: Database,
	input: { identifier: string; role: StaffRole | null; now: Date; actor: StaffActor },
): Promise<RoleChangeResult> {
	const { actor, now } = input;
	return db.transaction(
		async (tx): Promise<RoleChangeResult> => {
			const [account] = await tx
				.select({ id: accounts.id, role: staffRoles.role })
				.from(accounts)
				.leftJoin(staffRoles, eq(staffRoles.accountId, accounts.id))
				.where(and(eq(accounts.identifier, input.identifier), eq(accounts.space, "gestionnaire")));
			if (!account) return { ok: false, reason: "unknown_account" };
			const previous = account.role;
			const demotesAdmin = previous === "admin" && input.role !== "admin";
			if (demotesAdmin && account.id === actor.accountId) return { ok: false, reason: "own_admin_role" };
			if (demotesAdmin) {
				const [others] = await tx
					.select({ n: count() })
					.from(staffRoles)
					.where(and(eq(staffRoles.role, "admin"), ne(staffRoles.accountId, account.id)));
				if ((others?.n ?? 0) === 0) return { ok: false, reason: "last_admin" };
			}
			if (input.role === null) await tx.delete(staffRoles).where(eq(staffRoles.accountId, account.id));
			else
				await tx
					.insert(staffRoles)
					.values({
						accountId: account.id,
						role: input.role,
						grantedAt: now,
						grantedByAccountId: actor.accountId,
					})
					.onConflictDoUpdate({
						target: staffRoles.accountId,
						set: { role: input.role, grantedAt: now, grantedByAccountId: actor.accountId },
					});
			await appendAuditEvent(tx, {
				occurredAt: now,
				...staffAuditActor(actor),
				action: input.role === null ? "gestion.staff_role.revoked" : "gestion.staff_role.granted",
				objectType: "account",
				objectId: String(account.id),
				outcome: "success",
				details: { role: input.role, previous, via: "gestion" },
			});
			return { ok: true, previous };
		},
		{ behavior: "immediate" },
	);
}
