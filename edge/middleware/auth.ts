// Who is asking: the session from the cookie (browsers) or from `Authorization: Bearer` (the
// JSON API), validated on every dynamic request; and the guards every private route uses, so
// that access is denied by default.
import type { Context, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { cguInForce, hasAcceptedCgu } from "../../core/cgu.ts";
import { isFederatedLoginToken } from "../../core/federation/logins.ts";
import { validateSessionToken } from "../../core/session.ts";
import type { Space } from "../../schema/enums.ts";
import type { AppEnv, Auth, SignedInEnv } from "../env.ts";
import { httpError } from "../lib/http-errors.ts";
import { safeNext } from "../lib/next-path.ts";
import { deleteSessionCookie, getSessionCookie } from "../lib/session-cookie.ts";

export const loadAuth: MiddlewareHandler<AppEnv> = createMiddleware<AppEnv>(async (c, next) => {
	const { db, clock } = c.get("deps");
	const header = c.req.header("Authorization");
	const bearer = header?.startsWith("Bearer ") ? header.slice("Bearer ".length).trim() : undefined;
	const token = bearer ?? getSessionCookie(c);
	let auth: Auth | null = null;
	if (token) {
		const result = await validateSessionToken(db, token, clock());
		if (result.session)
			auth = { session: result.session, account: result.account, via: bearer ? "bearer" : "cookie" };
		// A federated login in progress rides in the same cookie (ADR 0039): not a stale session.
		else if (!bearer && !isFederatedLoginToken(token)) deleteSessionCookie(c);
	}
	c.set("auth", auth);
	await next();
});

function isApi<E extends AppEnv>(c: Context<E>): boolean {
	return c.req.path.startsWith("/api/");
}

/** The home page of each space, where a sign-in lands by default. */
export const SPACE_HOME: Readonly<Record<Space, string>> = {
	adherent: "/adherent",
	employeur: "/employeur",
	professionnel: "/professionnel",
	gestionnaire: "/gestion",
};

/**
 * A signed-in account that completed its second factor, of one of the given spaces (any space
 * when none is given). A visitor is sent to the sign-in page (401 for the API); an account of
 * another space gets 403. After it, handlers read `c.get("auth")` as present.
 */
export function requireAccount(...spaces: Space[]): MiddlewareHandler<SignedInEnv> {
	return createMiddleware<SignedInEnv>(async (c, next) => (await refuseVisitor(c, spaces)) ?? next());
}

/** The answer to give instead of the page (a redirect, or a thrown 401/403); undefined to go on. */
export async function refuseVisitor<E extends AppEnv>(
	c: Context<E>,
	spaces: readonly Space[],
): Promise<Response | undefined> {
	// Typed as present for the handlers after the guard; here it is what loadAuth found.
	const auth: Auth | null = c.get("auth");
	if (!auth?.session.secondFactorVerified) {
		if (isApi(c)) throw httpError(401, "Connectez-vous pour accéder à ce service.");
		const next = safeNext(c.req.path + (new URL(c.req.url).search || ""), "/");
		return c.redirect(`/connexion?next=${encodeURIComponent(next)}`, 303);
	}
	if (spaces.length > 0 && !spaces.includes(auth.account.space)) {
		throw httpError(403, "Cet espace n'est pas accessible avec votre compte.");
	}
	return undefined;
}

/** Paths a signed-in user may open before accepting the CGU in force (article 2). */
const BEFORE_CGU = ["/compte/cgu", "/deconnexion", "/compte/fermeture", "/compte/signaler", "/api/v1/auth/"];

/**
 * When a newer version of the CGU is in force, the user meets it before anything else: without
 * accepting it they can only read it, sign out, or ask for the account's closure.
 */
export const requireCurrentCgu: MiddlewareHandler<AppEnv> = createMiddleware<AppEnv>(async (c, next) => {
	const auth = c.get("auth");
	if (!auth?.session.secondFactorVerified || BEFORE_CGU.some((path) => c.req.path.startsWith(path)))
		return next();
	const { db, clock, assets } = c.get("deps");
	const current = cguInForce((await assets()).cguVersions, clock());
	if (!current || (await hasAcceptedCgu(db, auth.account.id, current.version))) return next();
	if (isApi(c))
		throw httpError(
			403,
			`Acceptez les conditions générales d'utilisation (version ${current.version}) pour continuer.`,
		);
	return c.redirect(`/compte/cgu?next=${encodeURIComponent(safeNext(c.req.path, "/"))}`, 303);
});

/** Where an employer or a health professional enrols an authenticator app. */
export const TOTP_ENROLMENT_PATH = "/compte/securite/application";

/**
 * An authenticator app is mandatory for employers and health professionals (SECURITY.md): until
 * they enrol one, the enrolment page (and signing out) is all they can open.
 */
export const requireSecondFactorEnrolment: MiddlewareHandler<AppEnv> = createMiddleware<AppEnv>(
	async (c, next) => {
		const auth = c.get("auth");
		if (!auth?.session.secondFactorVerified || auth.account.totpEnabled) return next();
		if (auth.account.space !== "employeur" && auth.account.space !== "professionnel") return next();
		if ([TOTP_ENROLMENT_PATH, ...BEFORE_CGU].some((path) => c.req.path.startsWith(path))) return next();
		if (isApi(c))
			throw httpError(403, "Activez une application d'authentification pour utiliser cet espace.");
		return c.redirect(TOTP_ENROLMENT_PATH, 303);
	},
);
