// Every consultation through an account goes to the audit trail (SECURITY.md; article 3 of the
// CGU makes these records proof): who, which session, what (the route pattern), on which object
// (the route's first parameter), when, the outcome and the correlation id. Mounted once in front
// of the private areas, so that no route can forget it; operations record their own entries
// through core/audit.ts.
import type { MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { recordAuditEvent } from "../../core/audit.ts";
import type { AppEnv } from "../env.ts";

export const auditConsultations: MiddlewareHandler<AppEnv> = createMiddleware<AppEnv>(async (c, next) => {
	await next();
	const auth = c.get("auth");
	if (!auth?.session.secondFactorVerified || (c.req.method !== "GET" && c.req.method !== "HEAD")) return;
	const params = c.req.param() as Record<string, string>;
	const [objectType, objectId] = Object.entries(params)[0] ?? [null, null];
	const { db, clock, logger } = c.get("deps");
	const status = c.res.status;
	try {
		await recordAuditEvent(db, {
			occurredAt: clock(),
			accountId: auth.account.id,
			sessionId: auth.session.id,
			actorKind: auth.account.space === "gestionnaire" ? "staff" : "account",
			action: `view:${c.req.routePath}`,
			objectType,
			objectId: objectId ? objectId.slice(0, 64) : null,
			outcome: status < 400 ? "success" : status === 403 || status === 404 ? "denied" : "failure",
			correlationId: c.get("requestId"),
		});
	} catch (error) {
		// A page already shown must not turn into an error; the gap is logged for staff.
		logger.error("audit trail write failed", {
			requestId: c.get("requestId"),
			error: error instanceof Error ? error.name : "unknown",
		});
	}
});
