// The guard of the back-office (/gestion): a signed-in staff account (gestionnaire space), whose
// session passed a second factor (an account that could sign in without one is refused), holding
// a role; then each area checks that the role opens it. Members, employers and professionals get
// 403. Handlers read the staff member with `staffActor(c)`, which every action's audit entry names.
import type { Context, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { getStaffRole, mayOpen, type StaffActor, type StaffArea } from "../../core/gestion/staff.ts";
import type { AppEnv } from "../env.ts";
import { httpError } from "../lib/http-errors.ts";
import { refuseVisitor } from "./auth.ts";

const STAFF_ONLY = "L'espace gestion est réservé au personnel de la mutuelle.";

export function requireStaff(): MiddlewareHandler<AppEnv> {
	return createMiddleware<AppEnv>(async (c, next) => {
		const refused = await refuseVisitor(c, ["gestionnaire"]);
		if (refused) return refused;
		const auth = c.get("auth");
		if (!auth) throw httpError(403, STAFF_ONLY);
		// The session passed a second factor; an account set to sign in without one never gets here.
		if (auth.account.secondFactorMethod === "none")
			throw httpError(403, "Le second facteur est obligatoire pour l'espace gestion.");
		const role = await getStaffRole(c.get("deps").db, auth.account.id);
		if (!role) throw httpError(403, "Votre compte n'a pas encore de rôle dans l'espace gestion.");
		c.set("staff", {
			accountId: auth.account.id,
			sessionId: auth.session.id,
			correlationId: c.get("requestId"),
			role,
		});
		await next();
	});
}

/** The staff member set by `requireStaff`; a route mounted without it is refused (deny by default). */
export function staffActor<E extends AppEnv>(c: Context<E>): StaffActor {
	const staff = c.get("staff");
	if (!staff) throw httpError(403, STAFF_ONLY);
	return staff;
}

/** After `requireStaff`: the role must open this area (agent: requests; superviseur: accounts, proof; admin: all). */
export function requireArea(area: StaffArea): MiddlewareHandler<AppEnv> {
	return createMiddleware<AppEnv>(async (c, next) => {
		if (!mayOpen(staffActor(c).role, area))
			throw httpError(403, "Votre rôle ne donne pas accès à cette partie de l'espace gestion.");
		await next();
	});
}
