// The company behind a signed-in employer account: every query of the espace employeur is
// scoped by it (deny by default; another company's employee, statement or mandate answers 404).
import type { Database } from "../../db/client.ts";
import type { Account, Session } from "../../schema/tables/index.ts";
import { type AccountActivity, recordAccountActivity } from "../audit.ts";

export interface EmployerScope {
	readonly accountId: number;
	readonly companyId: number;
	readonly sessionId: string;
}

/** The scope of an employer's verified session, or null for any other account or session. */
export function employerScopeOf(auth: {
	readonly session: Pick<Session, "id" | "secondFactorVerified">;
	readonly account: Pick<Account, "id" | "space" | "companyId">;
}): EmployerScope | null {
	const { session, account } = auth;
	if (!session.secondFactorVerified || account.space !== "employeur" || account.companyId === null)
		return null;
	return { accountId: account.id, companyId: account.companyId, sessionId: session.id };
}

/** Records an administrator's action in the audit trail, with their session and the request's id. */
export function recordEmployerActivity(
	db: Database,
	scope: EmployerScope,
	correlationId: string,
	now: Date,
	activity: AccountActivity,
): Promise<number> {
	return recordAccountActivity(db, scope, correlationId, now, activity);
}
