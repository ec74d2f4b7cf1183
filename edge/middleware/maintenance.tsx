// Article 4 of the CGU: during maintenance, pages are still served and every write is refused
// before it starts (503 with Retry-After, a French message, nothing written: the form the user
// filled is still in their browser, to send again afterwards). Signing in and out stay open so
// that reading stays possible. The state (core/maintenance.ts) is also set for the banner.
import type { MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { cachedServiceState, retryAfterSeconds } from "../../core/maintenance.ts";
import type { AppEnv } from "../env.ts";
import { apiError } from "../lib/http-errors.ts";
import { renderPage } from "../views/page.tsx";
import { MaintenanceRefusal } from "../views/service-status.tsx";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Writes that only open or close a session: without them nobody could read anything. */
const SESSION_PATHS = new Set([
	"/connexion",
	"/connexion/verification",
	"/deconnexion",
	"/api/v1/auth/sign-in",
	"/api/v1/auth/second-factor",
	"/api/v1/auth/sign-out",
]);

/** The back-office's maintenance switch: staff must be able to end a maintenance during it. */
const SWITCH_PATH = "/gestion/exploitation/maintenance";

export const REFUSED_MESSAGE =
	"Une opération de maintenance est en cours : votre demande n'a pas été enregistrée et rien n'a été modifié. Renvoyez-la après la fin de l'opération.";

export const serviceStatus: MiddlewareHandler<AppEnv> = createMiddleware<AppEnv>(async (c, next) => {
	const { db, clock, config, logger } = c.get("deps");
	const now = clock();
	const state = await cachedServiceState(db, now, config.maintenance).catch((error: unknown) => {
		// The probes and the pages must not fail because the state could not be read.
		logger.error("service state unreadable", { error: error instanceof Error ? error.name : "unknown" });
		return null;
	});
	if (state) c.set("serviceState", state);
	const maintenance = state?.maintenance;
	if (!maintenance || READS.has(c.req.method) || SESSION_PATHS.has(c.req.path) || c.req.path === SWITCH_PATH)
		return next();
	const headers = { "Retry-After": String(retryAfterSeconds(maintenance, now)) };
	if (c.req.path.startsWith("/api/"))
		return c.json(apiError(503, REFUSED_MESSAGE, c.get("requestId")), 503, headers);
	return renderPage(
		c,
		{ title: "Maintenance en cours", status: 503, headers },
		<MaintenanceRefusal maintenance={maintenance} />,
	);
});
