// The guard of the espace professionnel de santé: a signed-in professional account with its
// practice, whose scope the handlers read with `practiceScope(c)` (checked once, here). Members,
// employers and staff get 403; every query below is scoped by the practice.
import type { Context, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { type PracticeScope, practiceScopeOf } from "../../core/professionnel/practice.ts";
import type { SignedInEnv } from "../env.ts";
import { httpError } from "../lib/http-errors.ts";
import { refuseVisitor } from "./auth.ts";

const PRACTICES_ONLY = "Cet espace est réservé aux professionnels de santé.";

/** The environment after `requirePractice`: the practice's scope is present. */
export interface PracticeEnv extends SignedInEnv {
	Variables: SignedInEnv["Variables"] & { practice: PracticeScope };
}

/** `requireAccount("professionnel")`, then the practice's scope set for the handlers. */
export function requirePractice(): MiddlewareHandler<PracticeEnv> {
	return createMiddleware<PracticeEnv>(async (c, next) => {
		const refused = await refuseVisitor(c, ["professionnel"]);
		if (refused) return refused;
		const scope = practiceScopeOf(c.get("auth"));
		if (!scope) throw httpError(403, PRACTICES_ONLY);
		c.set("practice", scope);
		await next();
	});
}

/** The scope set by `requirePractice`; a route mounted without it is refused (deny by default). */
export function practiceScope(c: Context<PracticeEnv>): PracticeScope {
	const scope = c.get("practice");
	if (!scope) throw httpError(403, PRACTICES_ONLY);
	return scope;
}
