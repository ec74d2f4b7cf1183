// Probes for the host and its load balancer: `/healthz` says the process answers,
// `/readyz` that the database answers too.
import { Hono } from "hono";
import { pingDatabase } from "../../db/client.ts";
import type { AppEnv } from "../env.ts";

export const healthRoutes = new Hono<AppEnv>()
	.get("/healthz", (c) => c.json({ status: "ok" }))
	.get("/readyz", async (c) => {
		const { db, logger } = c.get("deps");
		try {
			await pingDatabase(db);
			return c.json({ status: "ok", database: "ok" });
		} catch (error) {
			logger.warn("readiness check failed", { error: error instanceof Error ? error.name : "unknown" });
			return c.json({ status: "unavailable", database: "unreachable" }, 503);
		}
	});
