// Who may do what in the back-office (/gestion). Three roles, each including the one before:
// an agent handles the requests; a superviseur also acts on accounts and reads the proof; an
// admin also runs the operations. A staff account without a role opens nothing.
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { type StaffRole, staffRoleNames, staffRoles } from "../../schema/tables/index.ts";

export type StaffArea = "demandes" | "comptes" | "preuve" | "exploitation";

const AREA_MINIMUM: Readonly<Record<StaffArea, StaffRole>> = {
	demandes: "agent",
	comptes: "superviseur",
	preuve: "superviseur",
	exploitation: "admin",
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
