// The member behind a signed-in adhérent account: every query of the espace adhérent is scoped
// by it (deny by default; another member's object answers 404).
import type { Database } from "../../db/client.ts";
import type { Account, Session } from "../../schema/tables/index.ts";
import { type AccountActivity, recordAccountActivity } from "../audit.ts";

export interface MemberScope {
	readonly accountId: number;
	readonly memberId: number;
	readonly sessionId: string;
}

/** The scope of an adhérent's verified session, or null for any other account or session. */
export function memberScopeOf(auth: {
	readonly session: Pick<Session, "id" | "secondFactorVerified">;
	readonly account: Pick<Account, "id" | "space" | "memberId">;
}): MemberScope | null {
	const { session, account } = auth;
	if (!session.secondFactorVerified || account.space !== "adherent" || account.memberId === null) return null;
	return { accountId: account.id, memberId: account.memberId, sessionId: session.id };
}

/** Records an adhérent's action in the audit trail, with their session and the request's id. */
export function recordMemberActivity(
	db: Database,
	scope: MemberScope,
	correlationId: string,
	now: Date,
	activity: AccountActivity,
): Promise<number> {
	return recordAccountActivity(db, scope, correlationId, now, activity);
}
