// The espace adhérent (article 3 of the CGU): every path under /adherent is for a signed-in
// member only (an employer or a professional gets 403), and every query is scoped by the
// session's member: another member's object answers 404, exactly like one that does not exist.
import { Hono } from "hono";
import type { AppEnv } from "../../env.ts";
import { requireMember } from "../../middleware/member.ts";
import { beneficiairesRoutes } from "./beneficiaires.tsx";
import { carteRoutes } from "./carte.tsx";
import { dashboardRoutes } from "./dashboard.tsx";
import { garantiesRoutes } from "./garanties.tsx";
import { informationsRoutes } from "./informations.tsx";
import { reclamationsRoutes } from "./reclamations.tsx";
import { relevesRoutes } from "./releves.tsx";
import { remboursementsRoutes } from "./remboursements.tsx";
import { verificationsDroitsRoutes } from "./verifications-droits.tsx";

export const adherentRoutes = new Hono<AppEnv>()
	.use("*", requireMember())
	.route("/", dashboardRoutes)
	.route("/", garantiesRoutes)
	.route("/", remboursementsRoutes)
	.route("/", relevesRoutes)
	.route("/", beneficiairesRoutes)
	.route("/", carteRoutes)
	.route("/", reclamationsRoutes)
	.route("/", informationsRoutes)
	.route("/", verificationsDroitsRoutes);
