// The member behind the signed-in adhérent account: every query of the espace adhérent is
// scoped by it (deny by default; another member's object answers 404).
import type { Context } from "hono";
import type { AppEnv } from "../../edge/app.tsx";
import { httpError } from "../../edge/lib/http-errors.ts";

export interface MemberScope {
	readonly accountId: number;
	readonly memberId: number;
	readonly sessionId: string;
}

export function memberScope(c: Context<AppEnv>): MemberScope {
	const auth = c.get("auth");
	if (
		!auth?.session.secondFactorVerified ||
		auth.account.space !== "adherent" ||
		auth.account.memberId === null
	) {
		throw httpError(403, "Cet espace est réservé aux adhérents.");
	}
	return { accountId: auth.account.id, memberId: auth.account.memberId, sessionId: auth.session.id };
}
