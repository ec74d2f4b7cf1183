// The JSON API, version 1, for a future mobile app: the same services as the HTML forms, and an
// OpenAPI document generated from the route schemas at `/api/v1/openapi.json`.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env.ts";
import { apiError } from "../../lib/http-errors.ts";
import { apiAccountRoutes } from "./account.ts";
import { apiActivityRoutes } from "./activity.ts";
import { apiBeneficiairesRoutes } from "./adherent/beneficiaires.ts";
import { apiCarteRoutes } from "./adherent/carte.ts";
import { apiGarantiesRoutes } from "./adherent/garanties.ts";
import { apiReclamationsRoutes } from "./adherent/reclamations.ts";
import { apiRelevesRoutes } from "./adherent/releves.ts";
import { apiRemboursementsRoutes } from "./adherent/remboursements.ts";
import { apiAuthRoutes } from "./auth.ts";
import { apiEmployeurRoutes } from "./employeur/index.ts";
import { apiGestionImportsRoutes } from "./gestion/imports.ts";
import { apiProfessionnelRoutes } from "./professionnel/droits.ts";

export const apiRoutes = new OpenAPIHono<AppEnv>({
	// Bad input: 400 with a French message per field, nothing changed.
	defaultHook: (result, c) => {
		if (result.success) return;
		const fields: Record<string, string> = {};
		for (const issue of result.error.issues) fields[issue.path.join(".") || "body"] ??= issue.message;
		const body = apiError(400, "Les données envoyées ne sont pas valides.", c.get("requestId"));
		return c.json({ error: { ...body.error, fields } }, 400);
	},
});

apiRoutes.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
	type: "http",
	scheme: "bearer",
	description: "Le jeton de session obtenu à la connexion.",
});

apiRoutes.route("/", apiAuthRoutes);
apiRoutes.route("/", apiAccountRoutes);
apiRoutes.route("/", apiActivityRoutes);
// The espace adhérent, under /api/v1/adherent/... (each file guards with requireMember()).
for (const routes of [
	apiGarantiesRoutes,
	apiRemboursementsRoutes,
	apiRelevesRoutes,
	apiBeneficiairesRoutes,
	apiCarteRoutes,
	apiReclamationsRoutes,
]) {
	apiRoutes.route("/adherent", routes);
}
// The espace professionnel's rights API, with the practice's API key (not a session).
apiRoutes.route("/professionnel", apiProfessionnelRoutes);

// The espace employeur, under /api/v1/employeur/... (guarded by requireEmployer()).
apiRoutes.route("/employeur", apiEmployeurRoutes);

// The import from the core system, with a staff API token (not a session).
apiRoutes.route("/", apiGestionImportsRoutes);

apiRoutes.doc31("/openapi.json", {
	openapi: "3.1.0",
	info: {
		title: "Espace – API",
		version: "1.0.0",
		description:
			"L'API de l'espace en ligne : connexion, sessions, conditions d'utilisation. Les messages d'erreur sont en français.",
	},
	servers: [{ url: "/api/v1" }],
});
