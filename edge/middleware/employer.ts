// The guard of the espace employeur: a signed-in employer account with its company, whose scope
// the handlers read with `employerScope(c)` (checked once, here, not again by each handler).
// Members and professionals get 403; every query below is scoped by the company.
import type { Context, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { type EmployerScope, employerScopeOf } from "../../core/employeur/scope.ts";
import type { AppEnv, SignedInEnv } from "../env.ts";
import { httpError } from "../lib/http-errors.ts";
import { refuseVisitor } from "./auth.ts";

const EMPLOYERS_ONLY = "Cet espace est réservé aux entreprises clientes.";

/** `requireAccount("employeur")`, then the company's scope set for the handlers (403 without one). */
export function requireEmployer(): MiddlewareHandler<SignedInEnv> {
	return createMiddleware<SignedInEnv>(async (c, next) => {
		const refused = await refuseVisitor(c, ["employeur"]);
		if (refused) return refused;
		const scope = employerScopeOf(c.get("auth"));
		if (!scope) throw httpError(403, EMPLOYERS_ONLY);
		c.set("employer", scope);
		await next();
	});
}

/** The scope set by `requireEmployer`; a route mounted without it is refused (deny by default). */
export function employerScope<E extends AppEnv>(c: Context<E>): EmployerScope {
	const scope = c.get("employer");
	if (!scope) throw httpError(403, EMPLOYERS_ONLY);
	return scope;
}
