// The practice behind a signed-in professional account: every query of the espace professionnel
// is scoped by it (deny by default; another practice's invoice or payment answers 404).
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { Profession } from "../../schema/enums.ts";
import { type Account, professionals, type Session } from "../../schema/tables/index.ts";
import { type AccountActivity, recordAccountActivity } from "../audit.ts";

export interface PracticeScope {
	readonly accountId: number;
	readonly professionalId: number;
	readonly sessionId: string;
}

/** The scope of a professional's verified session, or null for any other account or session. */
export function practiceScopeOf(auth: {
	readonly session: Pick<Session, "id" | "secondFactorVerified">;
	readonly account: Pick<Account, "id" | "space" | "professionalId">;
}): PracticeScope | null {
	const { session, account } = auth;
	if (!session.secondFactorVerified || account.space !== "professionnel" || account.professionalId === null)
		return null;
	return { accountId: account.id, professionalId: account.professionalId, sessionId: session.id };
}

/** Records a practice's action in the audit trail, with its session and the request's id. */
export function recordPracticeActivity(
	db: Database,
	scope: PracticeScope,
	correlationId: string,
	now: Date,
	activity: AccountActivity,
): Promise<number> {
	return recordAccountActivity(db, scope, correlationId, now, {
		...activity,
		details: { professionalId: scope.professionalId, ...activity.details },
	});
}

export interface PracticeSummary {
	readonly id: number;
	/** The practice's name, or the professional's own name for a practice known by it. */
	readonly name: string;
	readonly profession: Profession;
	readonly city: string;
}

/** What every page of the space names: the practice, as members and staff know it. */
export function practiceName(row: {
	readonly practiceName: string | null;
	readonly firstName: string | null;
	readonly lastName: string | null;
}): string {
	if (row.practiceName) return row.practiceName;
	return [row.firstName, row.lastName?.toUpperCase()].filter(Boolean).join(" ");
}

export async function getPracticeSummary(
	db: Database,
	professionalId: number,
): Promise<PracticeSummary | null> {
	const [row] = await db
		.select({
			id: professionals.id,
			practiceName: professionals.practiceName,
			firstName: professionals.firstName,
			lastName: professionals.lastName,
			profession: professionals.profession,
			city: professionals.city,
		})
		.from(professionals)
		.where(eq(professionals.id, professionalId));
	if (!row) return null;
	return { id: row.id, name: practiceName(row), profession: row.profession, city: row.city };
}
