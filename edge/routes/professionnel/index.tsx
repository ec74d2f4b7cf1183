// The espace professionnel de santé (article 3 of the CGU): every path under /professionnel is
// for a signed-in health professional only (a member or an employer gets 403), and every query is
// scoped by the session's practice: another practice's invoice or payment answers 404, exactly
// like one that does not exist. Sessions last 4 hours at most (core/session.ts) and the
// authenticator app is mandatory (requireSecondFactorEnrolment), as SECURITY.md asks.
import { Hono } from "hono";
import { getPracticeSummary } from "../../../core/professionnel/practice.ts";
import { type PracticeEnv, practiceScope, requirePractice } from "../../middleware/practice.ts";
import { renderPage } from "../../views/page.tsx";
import { PracticeDashboard } from "../../views/professionnel/dashboard.tsx";
import { cabinetRoutes } from "./cabinet.tsx";
import { clesApiRoutes } from "./cles-api.tsx";
import { contactRoutes } from "./contact.tsx";
import { droitsRoutes } from "./droits.tsx";
import { facturesRoutes } from "./factures.tsx";
import { paiementsRoutes } from "./paiements.tsx";

const dashboardRoutes = new Hono<PracticeEnv>().get("/", async (c) => {
	const scope = practiceScope(c);
	const practice = await getPracticeSummary(c.get("deps").db, scope.professionalId);
	if (!practice) return c.notFound();
	const { account } = c.get("auth");
	return renderPage(
		c,
		{ title: "Espace professionnel de santé" },
		<PracticeDashboard
			practice={practice}
			identifier={account.identifier}
			lastSignInAt={account.lastSignInAt}
		/>,
	);
});

export const professionnelRoutes = new Hono<PracticeEnv>()
	.use("*", requirePractice())
	.route("/", dashboardRoutes)
	.route("/", droitsRoutes)
	.route("/", facturesRoutes)
	.route("/", paiementsRoutes)
	.route("/", clesApiRoutes)
	.route("/", contactRoutes)
	.route("/", cabinetRoutes);
