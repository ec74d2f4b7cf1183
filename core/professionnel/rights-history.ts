// Who checked my rights (issue 13): a member sees every check a practice made of their rights,
// when, by which practice and how (form, QR code, the practice's software), newest first. Read
// from the practices' recorded checks, which the audit trail also holds with the member as object.
import { desc, eq } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { Profession } from "../../schema/enums.ts";
import { professionals, type RightsCheckChannel, rightsChecks } from "../../schema/tables/index.ts";
import { practiceName } from "./practice.ts";

export interface RightsCheckSeen {
	readonly checkedAt: Date;
	readonly careDate: string;
	readonly channel: RightsCheckChannel;
	readonly practice: { readonly name: string; readonly profession: Profession; readonly city: string };
	/** False when the practice was told the rights were closed on that day. */
	readonly found: boolean;
}

export const RIGHTS_HISTORY_LIMIT = 100;

export async function listRightsChecksOfMember(db: Database, memberId: number): Promise<RightsCheckSeen[]> {
	const rows = await db
		.select({
			checkedAt: rightsChecks.checkedAt,
			careDate: rightsChecks.careDate,
			channel: rightsChecks.channel,
			found: rightsChecks.found,
			practiceName: professionals.practiceName,
			firstName: professionals.firstName,
			lastName: professionals.lastName,
			profession: professionals.profession,
			city: professionals.city,
		})
		.from(rightsChecks)
		.innerJoin(professionals, eq(professionals.id, rightsChecks.professionalId))
		.where(eq(rightsChecks.memberId, memberId))
		.orderBy(desc(rightsChecks.checkedAt), desc(rightsChecks.id))
		.limit(RIGHTS_HISTORY_LIMIT);
	return rows.map((row) => ({
		checkedAt: row.checkedAt,
		careDate: row.careDate,
		channel: row.channel,
		found: row.found,
		practice: { name: practiceName(row), profession: row.profession, city: row.city },
	}));
}
