// The guard of the espace adhérent: a signed-in adhérent account with its member, whose scope
// the handlers read with `memberScope(c)` (checked once, here, not again by each handler).
import type { Context, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { type MemberScope, memberScopeOf } from "../../core/adherent/member.ts";
import type { AppEnv, MemberEnv } from "../env.ts";
import { httpError } from "../lib/http-errors.ts";
import { refuseVisitor } from "./auth.ts";

const MEMBERS_ONLY = "Cet espace est réservé aux adhérents.";

/** `requireAccount("adherent")`, then the member's scope set for the handlers (403 without one). */
export function requireMember(): MiddlewareHandler<MemberEnv> {
	return createMiddleware<MemberEnv>(async (c, next) => {
		const refused = await refuseVisitor(c, ["adherent"]);
		if (refused) return refused;
		const scope = memberScopeOf(c.get("auth"));
		if (!scope) throw httpError(403, MEMBERS_ONLY);
		c.set("member", scope);
		await next();
	});
}

/** The scope set by `requireMember`; a route mounted without it is refused (deny by default). */
export function memberScope<E extends AppEnv>(c: Context<E>): MemberScope {
	const scope = c.get("member");
	if (!scope) throw httpError(403, MEMBERS_ONLY);
	return scope;
}
