// Every area of the edge app, mounted in one place. Each file is a small Hono app whose handlers
// parse input, call services and render or redirect (STYLE.md).
import type { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { accountClosureRoutes } from "./account-closure.tsx";
import { accountSecurityRoutes } from "./account-security.tsx";
import { activityRoutes } from "./activity.tsx";
import { adherentRoutes } from "./adherent/index.tsx";
import { alertsRoutes } from "./alerts.tsx";
import { apiRoutes } from "./api/index.ts";
import { cguAcceptanceRoutes } from "./cgu-acceptance.tsx";
import { devMailRoutes } from "./dev-mails.tsx";
import { donneesRoutes } from "./donnees/index.tsx";
import { emailChangeRoutes } from "./email-change.tsx";
import { cancelLinkRoutes } from "./employeur/cancel-link.tsx";
import { employeurRoutes } from "./employeur/index.tsx";
import { serviceStatusRoutes } from "./etat-du-service.tsx";
import { federationRoutes } from "./federation.tsx";
import { fraudReportRoutes } from "./fraud-report.tsx";
import { gestionRoutes } from "./gestion/index.tsx";
import { healthRoutes } from "./health.ts";
import { passkeyRoutes } from "./passkeys.tsx";
import { passwordResetRoutes } from "./password-reset.tsx";
import { practiceCancelLinkRoutes } from "./professionnel/cabinet-cancel-link.tsx";
import { professionnelRoutes } from "./professionnel/index.tsx";
import { reseauRoutes } from "./reseau/index.tsx";
import { signInRoutes } from "./sign-in.tsx";
import { signUpRoutes } from "./sign-up.tsx";

export function mountRoutes(app: Hono<AppEnv>): void {
	app.route("/", healthRoutes);
	app.route("/", devMailRoutes);
	app.route("/", passkeyRoutes);
	app.route("/", federationRoutes);
	app.route("/", signInRoutes);
	app.route("/", signUpRoutes);
	app.route("/", passwordResetRoutes);
	app.route("/", fraudReportRoutes);
	app.route("/", emailChangeRoutes);
	app.route("/", cguAcceptanceRoutes);
	app.route("/", accountSecurityRoutes);
	app.route("/", accountClosureRoutes);
	app.route("/", activityRoutes);
	app.route("/", alertsRoutes);
	app.route("/", donneesRoutes);
	app.route("/", serviceStatusRoutes);
	app.route("/adherent", adherentRoutes);
	app.route("/professionnel", professionnelRoutes);
	app.route("/employeur", employeurRoutes);
	app.route("/", cancelLinkRoutes);
	app.route("/", practiceCancelLinkRoutes);
	app.route("/gestion", gestionRoutes);
	app.route("/api/v1", apiRoutes);
	app.route("/reseau", reseauRoutes);
}
