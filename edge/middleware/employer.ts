// The guard of the espace employeur: a signed-in employer account with its company, whose scope
// the handlers read with `employerScope(c)` (checked once, here, not again by each handler).
// Members and professionals get 403; every query below is scoped by the company.
import type { Context, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { type AdministratorRole, administratorRoleOf, mayDo } from "../../core/employeur/administrators.ts";
import { type EmployerScope, employerScopeOf } from "../../core/employeur/scope.ts";
import type { AppEnv, SignedInEnv } from "../env.ts";
import { httpError } from "../lib/http-errors.ts";
import { refuseVisitor } from "./auth.ts";
import { capabilityFor } from "./employer-roles.ts";

const EMPLOYERS_ONLY = "Cet espace est réservé aux entreprises clientes.";
const ROLE_REFUSED =
	"Votre rôle d'administrateur ne permet pas cette action. Demandez-la à l'administrateur principal de votre entreprise.";

/**
 * `requireAccount("employeur")`, then the company's scope set for the handlers (403 without one),
 * and the administrator's role checked against what the request needs (employer-roles.ts).
 */
export function requireEmployer(): MiddlewareHandler<SignedInEnv> {
	return createMiddleware<SignedInEnv>(async (c, next) => {
		const refused = await refuseVisitor(c, ["employeur"]);
		if (refused) return refused;
		const scope = employerScopeOf(c.get("auth"));
		if (!scope) throw httpError(403, EMPLOYERS_ONLY);
		// The role of the administrator (ADR 0034): a revoked one is refused even if a session survived.
		const role = await administratorRoleOf(c.get("deps").db, scope.accountId, scope.companyId);
		if (!role) throw httpError(403, EMPLOYERS_ONLY);
		if (!mayDo(role, capabilityFor(c.req.method, c.req.path))) throw httpError(403, ROLE_REFUSED);
		c.set("employer", scope);
		c.set("employerRole", role);
		await next();
	});
}

/** The scope set by `requireEmployer`; a route mounted without it is refused (deny by default). */
export function employerScope<E extends AppEnv>(c: Context<E>): EmployerScope {
	const scope = c.get("employer");
	if (!scope) throw httpError(403, EMPLOYERS_ONLY);
	return scope;
}

/** The administrator's role set by `requireEmployer` (deny by default: "lecture" when absent). */
export function employerRole<E extends AppEnv>(c: Context<E>): AdministratorRole {
	return c.get("employerRole") ?? "lecture";
}
