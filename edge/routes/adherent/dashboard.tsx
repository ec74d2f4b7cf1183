// The member's dashboard (tableau de bord), the page every sign-in lands on: the latest
// reimbursements, statements and open requests, the tiers-payant card, shortcuts to the space.
// Its queries are prepared and indexed (core/adherent/dashboard.ts).
import { Hono } from "hono";
import { loadDashboard } from "../../../core/adherent/dashboard.ts";
import type { AppEnv } from "../../env.ts";
import { memberScope } from "../../middleware/member.ts";
import { DashboardPage } from "../../views/adherent/dashboard-page.tsx";
import { parisDayOf } from "../../views/adherent/format.ts";
import { renderPage } from "../../views/page.tsx";

export const dashboardRoutes = new Hono<AppEnv>().get("/", async (c) => {
	const scope = memberScope(c);
	const { db, clock } = c.get("deps");
	const dashboard = await loadDashboard(db, {
		memberId: scope.memberId,
		accountId: scope.accountId,
		today: parisDayOf(clock()),
	});
	// Article 7: after the contract ends, the space stays open two years (accounts.accessUntil).
	const accessUntil = c.get("auth")?.account.accessUntil ?? null;
	// Called as a function: its markup is a string already (the `html` helper), which renderPage
	// puts in the page's frame as it is.
	return renderPage(
		c,
		{ title: "Tableau de bord", tablesLabelled: true },
		DashboardPage({ dashboard, accessUntil }),
	);
});
