// The espace employeur (article 3 of the CGU): every path under /employeur is for a signed-in
// employer administrator only (a member or a professional gets 403), and every query is scoped
// by the session's company: another company's object answers 404, exactly like a missing one.
// An employer never sees health data (ADR 0017).
import { Hono } from "hono";
import type { AppEnv } from "../../env.ts";
import { requireEmployer } from "../../middleware/employer.ts";
import { administrateursRoutes } from "./administrateurs.tsx";
import { affilierRoutes } from "./affilier.tsx";
import { affilierImportRoutes } from "./affilier-import.tsx";
import { bordereauxRoutes } from "./bordereaux.tsx";
import { contratRoutes } from "./contrat.tsx";
import { coordonneesBancairesRoutes } from "./coordonnees-bancaires.tsx";
import { dashboardRoutes } from "./dashboard.tsx";
import { dispensesRoutes } from "./dispenses.tsx";
import { finAffiliationRoutes } from "./fin-affiliation.tsx";
import { salariesRoutes } from "./salaries.tsx";

export const employeurRoutes = new Hono<AppEnv>()
	.use("*", requireEmployer())
	.route("/", dashboardRoutes)
	// Before /salaries/:id, which « affilier » would otherwise match.
	.route("/", affilierRoutes)
	.route("/", affilierImportRoutes)
	.route("/", salariesRoutes)
	.route("/", finAffiliationRoutes)
	.route("/", dispensesRoutes)
	.route("/", bordereauxRoutes)
	.route("/", contratRoutes)
	.route("/", coordonneesBancairesRoutes)
	.route("/", administrateursRoutes);
