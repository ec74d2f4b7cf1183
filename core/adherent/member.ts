// The member behind a signed-in adhérent account: every query of the espace adhérent is scoped
// by it (deny by default; another member's object answers 404).
import type { Database } from "../../db/client.ts";
import type { Account, Session } from "../../schema/tables/index.ts";
import { type AuditEventInput, recordAuditEvent } from "../audit.ts";

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

/** What an adhérent did that the audit trail keeps (a download, an export, a request). */
export type MemberActivity = Pick<AuditEventInput, "action" | "objectType" | "objectId" | "details"> &
	Partial<Pick<AuditEventInput, "outcome">>;

/** Records an adhérent's action in the audit trail, with their session and the request's id. */
export function recordMemberActivity(
	db: Database,
	scope: MemberScope,
	correlationId: string,
	now: Date,
	activity: MemberActivity,
): Promise<number> {
	return recordAuditEvent(db, {
		occurredAt: now,
		accountId: scope.accountId,
		sessionId: scope.sessionId,
		actorKind: "account",
		outcome: "success",
		correlationId,
		...activity,
	});
}
