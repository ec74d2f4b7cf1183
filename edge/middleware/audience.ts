// Counts each page shown (a GET answered 200 with HTML) for the cookieless audience
// (core/audience.ts): its space and its route pattern, nothing about who asked. The write is
// batched and never delays the page; on Workers it is handed to waitUntil.
import type { MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { audienceCounter, audienceSpaceOf } from "../../core/audience.ts";
import type { AppEnv } from "../env.ts";

export const countAudience: MiddlewareHandler<AppEnv> = createMiddleware<AppEnv>(async (c, next) => {
	await next();
	if (c.req.method !== "GET" || c.res.status !== 200) return;
	if (!(c.res.headers.get("Content-Type") ?? "").startsWith("text/html")) return;
	const { db, clock, logger } = c.get("deps");
	const now = clock();
	const counter = audienceCounter(db);
	const auth = c.get("auth");
	const signedIn = auth?.session.secondFactorVerified ? auth.account.space : null;
	counter.record(audienceSpaceOf(c.req.path, signedIn), c.req.routePath, now);
	// Most page views only count: asking for the execution context (absent on Node, where Hono
	// throws and an Error's stack costs about 50 µs) and making a promise waits for a write.
	if (!counter.due(now)) return;
	const written = counter.flush(now).catch((error: unknown) => {
		logger.error("audience write failed", { error: error instanceof Error ? error.name : "unknown" });
		return 0;
	});
	try {
		c.executionCtx.waitUntil(written);
	} catch {
		// No execution context (the Node host): the promise runs on its own.
	}
});
