// The employer's tableau de bord, the page every employer sign-in lands on.
import { Hono } from "hono";
import { loadEmployerDashboard } from "../../../core/employeur/dashboard.ts";
import { parisDayOf } from "../../../core/format.ts";
import type { AppEnv } from "../../env.ts";
import { employerScope } from "../../middleware/employer.ts";
import { EmployerDashboardPage } from "../../views/employeur/dashboard-page.tsx";
import { renderPage } from "../../views/page.tsx";

export const dashboardRoutes = new Hono<AppEnv>().get("/", async (c) => {
	const { db, clock } = c.get("deps");
	const dashboard = await loadEmployerDashboard(db, employerScope(c).companyId, parisDayOf(clock()));
	if (!dashboard) return c.notFound();
	return renderPage(c, { title: "Tableau de bord" }, <EmployerDashboardPage dashboard={dashboard} />);
});
