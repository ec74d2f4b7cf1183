// `POST /api/v1/professionnel/droits`: a member's rights for a practice's software, with the
// practice's API key (`Authorization: Bearer espk_…`, created in /professionnel/cles-api). The
// same check as the screen (core/professionnel/rights.ts: same limits, same records, same
// content); JSON by default, a FHIR R4 CoverageEligibilityResponse with
// `Accept: application/fhir+json`. POST, so that no birth date ends up in an address or a log.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { addDays, parisDay } from "../../../../core/calendar.ts";
import { authenticateApiKey } from "../../../../core/professionnel/api-keys.ts";
import {
	coverageEligibilityResponse,
	FHIR_JSON,
	operationOutcome,
} from "../../../../core/professionnel/fhir.ts";
import { checkRights, rightsCheckSettingsOf } from "../../../../core/professionnel/rights.ts";
import type { AppEnv } from "../../../env.ts";
import { apiError } from "../../../lib/http-errors.ts";
import { ErrorSchema } from "../schemas.ts";

const day = (example: string) => z.iso.date("Date attendue au format AAAA-MM-JJ.").openapi({ example });

export const RightsRequest = z
	.strictObject({
		memberNumber: z
			.string({ error: "Le numéro d'adhérent est obligatoire." })
			.regex(/^\d{1,20}$/, "Le numéro d'adhérent ne contient que des chiffres.")
			.openapi({ example: "400000001" }),
		birthDate: day("1984-03-12").openapi({ description: "Date de naissance du bénéficiaire." }),
		careDate: day("2026-11-26")
			.optional()
			.openapi({ description: "Date des soins ; aujourd'hui par défaut." }),
	})
	.openapi("RightsRequest");

const Rights = z
	.object({
		careDate: z.string(),
		memberNumber: z.string(),
		amcNumber: z.string(),
		conventionType: z.string(),
		routingCriterion: z.string(),
		validFrom: z.string(),
		validTo: z.string(),
		responsible: z.boolean(),
		tiersPayant: z.boolean(),
		beneficiaries: z.array(
			z.object({
				lastName: z.string(),
				firstName: z.string(),
				birthDate: z.string(),
				relationship: z.enum(["adherent", "conjoint", "enfant", "autre"]),
			}),
		),
		domains: z.array(
			z.object({ code: z.string(), label: z.string().nullable(), value: z.string(), covered: z.boolean() }),
		),
	})
	.openapi("PracticeRights");

export const RightsResponse = z
	.union([
		z.object({ status: z.literal("covered"), rights: Rights }),
		z.object({ status: z.literal("no_rights"), careDate: z.string(), message: z.string() }),
	])
	.openapi("RightsResponse");

const FhirResource = z.object({ resourceType: z.string() }).passthrough().openapi("FhirResource", {
	description: "Ressource FHIR R4 (CoverageEligibilityResponse ou OperationOutcome).",
});

const answers = (schema: z.ZodType, description: string) => ({
	content: { "application/json": { schema }, [FHIR_JSON]: { schema: FhirResource } },
	description,
});

const NOT_FOUND = "Aucun bénéficiaire ne correspond à ce numéro d'adhérent et à cette date de naissance.";
const NO_RIGHTS = "Ce bénéficiaire n'a pas de droits ouverts en tiers payant à la date des soins.";
const CARE_DATE_RANGE = "La date des soins doit être comprise entre il y a deux ans et dans trois mois.";

function wantsFhir(c: Context): boolean {
	return (c.req.header("Accept") ?? "").toLowerCase().includes(FHIR_JSON);
}

function refuse(
	c: Context<AppEnv>,
	status: 400 | 401 | 404 | 429,
	message: string,
	fhirCode: Parameters<typeof operationOutcome>[0],
) {
	if (wantsFhir(c))
		return c.body(JSON.stringify(operationOutcome(fhirCode, message)), status, { "Content-Type": FHIR_JSON });
	return c.json(apiError(status, message, c.get("requestId")), status);
}

export const apiProfessionnelRoutes = new OpenAPIHono<AppEnv>();

apiProfessionnelRoutes.openAPIRegistry.registerComponent("securitySchemes", "practiceApiKey", {
	type: "http",
	scheme: "bearer",
	description:
		"La clé d'API du cabinet (espk_…), créée dans l'espace professionnel, rubrique « Clés d'API ».",
});

apiProfessionnelRoutes.openapi(
	createRoute({
		method: "post",
		path: "/droits",
		summary: "Droits en tiers payant d'un bénéficiaire à la date des soins",
		description:
			"Ce que l'attestation de tiers payant en vigueur ce jour-là indique pour ce bénéficiaire, rien de plus. Avec `Accept: application/fhir+json`, la réponse est une ressource FHIR R4 CoverageEligibilityResponse. Chaque vérification est enregistrée et visible par l'adhérent ; elles sont limitées par cabinet.",
		security: [{ practiceApiKey: [] }],
		request: { body: { content: { "application/json": { schema: RightsRequest } }, required: true } },
		responses: {
			200: answers(RightsResponse, "Droits ouverts, ou droits fermés à la date des soins"),
			400: answers(ErrorSchema, "Données non valides"),
			401: answers(ErrorSchema, "Clé d'API absente, inconnue ou révoquée"),
			404: answers(ErrorSchema, "Aucun bénéficiaire ne correspond"),
			429: answers(ErrorSchema, "Trop de vérifications : voir Retry-After"),
		},
	}),
	// @ts-expect-error: the FHIR answers are raw bodies, outside the JSON schema's typing.
	async (c) => {
		const { db, clock, config } = c.get("deps");
		const now = clock();
		const header = c.req.header("Authorization") ?? "";
		const holder = header.startsWith("Bearer ")
			? await authenticateApiKey(db, header.slice("Bearer ".length).trim(), now)
			: null;
		if (holder?.scope !== "droits")
			return refuse(
				c,
				401,
				"Présentez une clé d'API valide du cabinet (Authorization: Bearer espk_…).",
				"login",
			);
		const body = c.req.valid("json");
		const today = parisDay(now);
		const careDate = body.careDate ?? today;
		if (careDate < addDays(today, -2 * 366) || careDate > addDays(today, 90))
			return refuse(c, 400, CARE_DATE_RANGE, "invalid");
		if (body.birthDate > today)
			return refuse(c, 400, "La date de naissance ne peut pas être dans le futur.", "invalid");
		const result = await checkRights(
			db,
			{
				scope: { accountId: holder.accountId, professionalId: holder.professionalId, sessionId: null },
				apiKeyId: holder.apiKeyId,
				channel: "api",
				correlationId: c.get("requestId"),
				now,
				...rightsCheckSettingsOf(config),
			},
			{ memberNumber: body.memberNumber, birthDate: body.birthDate, careDate },
		);
		if (!result.ok && result.reason === "rate_limited") {
			c.header("Retry-After", String(result.retryAfterSeconds));
			return refuse(c, 429, "Votre cabinet a fait trop de vérifications en peu de temps.", "throttled");
		}
		if (!result.ok && result.reason === "not_found") return refuse(c, 404, NOT_FOUND, "not-found");
		const rights = result.ok ? result.rights : null;
		if (wantsFhir(c)) {
			const resource = coverageEligibilityResponse(
				{ memberNumber: body.memberNumber, careDate, now, requestId: c.get("requestId") },
				rights,
			);
			return c.body(JSON.stringify(resource), 200, { "Content-Type": FHIR_JSON });
		}
		return c.json(
			rights
				? { status: "covered" as const, rights }
				: { status: "no_rights" as const, careDate, message: NO_RIGHTS },
			200,
		);
	},
);
