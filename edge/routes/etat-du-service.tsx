// `/etat-du-service`: public, the current state, the maintenance announced and recent incidents.
import { Hono } from "hono";
import { readServiceState } from "../../core/maintenance.ts";
import type { AppEnv } from "../env.ts";
import { renderPage } from "../views/page.tsx";
import { ServiceStatusPage } from "../views/service-status.tsx";

export const serviceStatusRoutes = new Hono<AppEnv>().get("/etat-du-service", async (c) => {
	const { db, clock, config } = c.get("deps");
	const state = await readServiceState(db, clock(), config.maintenance);
	return renderPage(c, { title: "État du service" }, <ServiceStatusPage state={state} />);
});
