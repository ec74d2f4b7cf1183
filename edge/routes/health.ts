// Probes for the host and its load balancer: `/healthz` says the process answers,
// `/readyz` that the database answers too, and whether the mail provider is degraded (a
// worker's circuit breaker open, as recorded in the database): the portal still serves pages
// then, so the answer stays 200 with `status: "degraded"`, and e-mails wait in the queue.
import { Hono } from "hono";
import { getMailerHealth } from "../../core/mailer-status.ts";
import { pingDatabase } from "../../db/ping.ts";
import type { AppEnv } from "../env.ts";

export const healthRoutes = new Hono<AppEnv>()
	.get("/healthz", (c) => c.json({ status: "ok" }))
	.get("/readyz", async (c) => {
		const { db, logger } = c.get("deps");
		try {
			await pingDatabase(db);
		} catch (error) {
			logger.warn("readiness check failed", { error: error instanceof Error ? error.name : "unknown" });
			return c.json({ status: "unavailable", database: "unreachable" }, 503);
		}
		// A database not migrated yet has no provider states: the mailer's health is unknown then.
		const health = await getMailerHealth(db).catch(() => null);
		if (!health) return c.json({ status: "ok", database: "ok", mailer: "unknown" });
		if (health.mailer === "ok") return c.json({ status: "ok", database: "ok", mailer: "ok" });
		return c.json({
			status: "degraded",
			database: "ok",
			mailer: "degraded",
			mailerDegradedSince: health.since?.toISOString() ?? null,
		});
	});
