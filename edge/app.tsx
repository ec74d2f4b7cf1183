// The edge app: every dynamic route of the portal, as plain web-standard code (Request in,
// Response out). Both hosts (Node, Cloudflare Worker) build it with `createApp(deps)`.

import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppDeps } from "../core/deps.ts";
import { newRequestId } from "../core/request-id.ts";
import type { AppEnv } from "./env.ts";
import { apiError, errorWording, publicMessage } from "./lib/http-errors.ts";
import { applySecurityHeaders } from "./lib/security-headers.ts";
import { countAudience } from "./middleware/audience.ts";
import { auditConsultations } from "./middleware/audit-trail.ts";
import { loadAuth, requireCurrentCgu, requireSecondFactorEnrolment } from "./middleware/auth.ts";
import { serviceStatus } from "./middleware/maintenance.tsx";
import { strictInput } from "./middleware/strict-input.ts";
import { IMPORT_UPLOAD_PREFIX } from "./routes/api/gestion/imports.ts";
import { mountRoutes } from "./routes/index.ts";
import { ErrorPage } from "./views/error-page.tsx";

export type App = Hono<AppEnv>;

/** Path prefixes the edge app answers; everything else is the static site. */
export const DYNAMIC_PREFIXES = [
	"/api/",
	"/connexion",
	"/inscription",
	"/mot-de-passe-oublie",
	"/deconnexion",
	"/compte",
	"/adherent",
	"/employeur",
	"/professionnel",
	"/gestion",
	"/reseau",
	"/signalement",
	"/dev/",
	"/healthz",
	"/readyz",
	"/etat-du-service",
] as const;

export function isDynamicPath(pathname: string): boolean {
	return DYNAMIC_PREFIXES.some((prefix) =>
		prefix.endsWith("/")
			? pathname.startsWith(prefix) || pathname === prefix.slice(0, -1)
			: pathname === prefix || pathname.startsWith(`${prefix}/`),
	);
}

function wantsJson(path: string): boolean {
	return path === "/api" || path.startsWith("/api/");
}

export function createApp(deps: AppDeps): App {
	const app = new Hono<AppEnv>();

	app.use(
		requestId({
			limitLength: 64,
			generator: () => newRequestId(deps.clock(), deps.randomBytes),
		}),
	);

	app.use(async (c, next) => {
		const started = performance.now();
		c.set("deps", deps);
		await next();
		applySecurityHeaders(c.res.headers);
		// Dynamic responses may show personal data: never stored by a browser or a proxy.
		if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store");
		// Only identifiers in logs: the matched route pattern rather than the raw path.
		deps.logger.info("request", {
			requestId: c.get("requestId"),
			method: c.req.method,
			route: c.req.routePath,
			status: c.res.status,
			ms: Math.round((performance.now() - started) * 10) / 10,
		});
	});

	const limitBody = bodyLimit({
		maxSize: deps.config.bodyLimitBytes,
		onError: () => {
			throw new HTTPException(413);
		},
	});
	// A GET or HEAD has no body to limit (looking for one would make the Node host build a full
	// Request object for every page view).
	// The import API streams files of any size, a batch at a time, once its token is checked.
	// A body announced by its Content-Length (every form and JSON call of a browser or a client
	// library) is judged by that header alone, which is all Hono's bodyLimit does in that case; only
	// a chunked body goes through bodyLimit, which counts it as it streams. Asking for the body, as
	// bodyLimit does first, makes the Node host build a web Request and a stream of the body for
	// every POST, which @hono/node-server otherwise reads directly: about a tenth of an API call's
	// CPU (the rights checks of ADR 0049, ADR 0051). Node refuses a body longer or shorter than its header.
	app.use((c, next) => {
		if (c.req.method === "GET" || c.req.method === "HEAD" || c.req.path.startsWith(IMPORT_UPLOAD_PREFIX))
			return next();
		const length = c.req.header("content-length");
		if (length === undefined || c.req.header("transfer-encoding") !== undefined) return limitBody(c, next);
		if (Number.parseInt(length, 10) > deps.config.bodyLimitBytes) throw new HTTPException(413);
		return next();
	});

	app.use(
		csrf({
			origin: (origin, c) => origin === deps.config.publicUrl.origin || origin === new URL(c.req.url).origin,
		}),
	);

	app.use(serviceStatus);
	app.use(strictInput);
	app.use(loadAuth);
	app.use(requireCurrentCgu);
	app.use(requireSecondFactorEnrolment);
	app.use(auditConsultations);
	app.use(countAudience);
	mountRoutes(app);

	app.notFound((c) => renderError(c, 404));

	app.onError((error, c) => {
		if (error instanceof HTTPException) {
			if (error.status >= 500) logError(deps, c.get("requestId"), error);
			return renderError(c, error.status, publicMessage(error));
		}
		logError(deps, c.get("requestId"), error);
		return renderError(c, 500);
	});

	return app;
}

function logError(deps: AppDeps, id: string | undefined, error: unknown): void {
	deps.logger.error("unhandled error", {
		requestId: id,
		error: error instanceof Error ? error.name : "unknown",
		detail: error instanceof Error ? error.message.slice(0, 300) : undefined,
	});
}

type ErrorContext = Parameters<Parameters<App["notFound"]>[0]>[0];

async function renderError(c: ErrorContext, status: number, message?: string): Promise<Response> {
	const wording = errorWording(status);
	const code = status as ContentfulStatusCode;
	const id = c.get("requestId");
	const text = message ?? wording.message;
	if (wantsJson(c.req.path)) return c.json(apiError(status, text, id), code);
	const deps = c.get("deps");
	const assets = deps ? await deps.assets().catch(() => ({ stylesheets: [] })) : { stylesheets: [] };
	return c.html(
		<ErrorPage
			status={status}
			title={wording.title}
			message={text}
			requestId={id}
			stylesheets={assets.stylesheets}
		/>,
		code,
	);
}
