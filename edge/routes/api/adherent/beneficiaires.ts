// `/api/v1/adherent/beneficiaires`: the people the contract covers (the NIR only by its last 3
// characters) and the beneficiary requests; `POST …/{id}/retrait` asks for a removal with the
// password again, as the HTML form does. Adding someone needs a supporting document: the HTML
// form only, for now. 401 without a session, 403 for another space, 404 for a beneficiary that
// is not the member's (exactly as for one that does not exist).
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
	findBeneficiary,
	listBeneficiaries,
	listBeneficiaryRequests,
	requestBeneficiaryRemoval,
} from "../../../../core/adherent/beneficiaries.ts";
import { removalDateError } from "../../../../core/adherent/beneficiary-form.ts";
import { recordMemberActivity } from "../../../../core/adherent/member.ts";
import { parisDayOf } from "../../../../core/format.ts";
import { verifyPassword } from "../../../../core/password.ts";
import { recordIdSchema } from "../../../../schema/record-id.ts";
import type { AppEnv } from "../../../env.ts";
import { apiError } from "../../../lib/http-errors.ts";
import { memberScope, requireMember } from "../../../middleware/member.ts";
import { ErrorSchema, jsonContent as json } from "../schemas.ts";

const day = z.string().openapi({ format: "date", example: "2026-12-31" });
const statuses = [
	"received",
	"acknowledged",
	"in_progress",
	"answered",
	"rejected",
	"cancelled",
	"closed",
] as const;

export const BeneficiariesResponse = z
	.object({
		beneficiaries: z.array(
			z.object({
				id: z.number().int(),
				lastName: z.string(),
				firstName: z.string(),
				relationship: z.enum(["adherent", "conjoint", "enfant", "autre"]),
				birthDate: day,
				nirEnd: z.string().nullable().openapi({ description: "Les 3 derniers caractères du NIR." }),
				startDate: day,
				endDate: day.nullable(),
			}),
		),
		requests: z.array(
			z.object({
				reference: z.string().openapi({ example: "B2026-000001" }),
				kind: z.enum(["beneficiary_add", "beneficiary_remove"]),
				status: z.enum(statuses),
				createdAt: z.string().openapi({ format: "date-time" }),
				personName: z.string(),
				answer: z.string().nullable(),
			}),
		),
	})
	.openapi("Beneficiaries");

export const RemovalRequest = z
	.strictObject({
		lastCoveredDay: z
			.string({ error: "Indiquez le dernier jour de couverture." })
			.regex(/^\d{4}-\d{2}-\d{2}$/, "Le dernier jour de couverture s'écrit AAAA-MM-JJ.")
			.openapi({ example: "2026-12-31" }),
		password: z
			.string({ error: "Le mot de passe est obligatoire." })
			.min(1, "Le mot de passe est obligatoire.")
			.max(1024, "Le mot de passe est trop long."),
	})
	.openapi("BeneficiaryRemovalRequest");

export const RemovalResponse = z
	.object({ reference: z.string(), status: z.literal("received") })
	.openapi("BeneficiaryRemovalRecorded");

const errors = {
	401: json(ErrorSchema, "Non connecté"),
	403: json(ErrorSchema, "Réservé aux adhérents"),
};

function failure<E extends AppEnv>(
	c: Context<E>,
	status: 400 | 404 | 409,
	message: string,
	fields?: Record<string, string>,
) {
	const body = apiError(status, message, c.get("requestId"));
	return c.json({ error: { ...body.error, ...(fields ? { fields } : {}) } }, status);
}

export const apiBeneficiairesRoutes = new OpenAPIHono<AppEnv>({
	// Same answer as the API's other routes: 400 with a French message per field.
	defaultHook: (result, c) => {
		if (result.success) return;
		const fields: Record<string, string> = {};
		for (const issue of result.error.issues) fields[issue.path.join(".") || "body"] ??= issue.message;
		const body = apiError(400, "Les données envoyées ne sont pas valides.", c.get("requestId"));
		return c.json({ error: { ...body.error, fields } }, 400);
	},
});
apiBeneficiairesRoutes.use("/beneficiaires", requireMember());
apiBeneficiairesRoutes.use("/beneficiaires/*", requireMember());

apiBeneficiairesRoutes.openapi(
	createRoute({
		method: "get",
		path: "/beneficiaires",
		summary: "Bénéficiaires du contrat et demandes les concernant",
		security: [{ bearerAuth: [] }],
		responses: { 200: json(BeneficiariesResponse, "Les bénéficiaires"), ...errors },
	}),
	async (c) => {
		const scope = memberScope(c);
		const { db, clock } = c.get("deps");
		const [beneficiaries, requests] = await Promise.all([
			listBeneficiaries(db, scope.memberId, parisDayOf(clock())),
			listBeneficiaryRequests(db, scope.accountId, scope.memberId),
		]);
		return c.json(
			{
				beneficiaries,
				requests: requests.map((request) => ({
					reference: request.reference,
					kind: request.kind,
					status: request.status,
					createdAt: request.createdAt.toISOString(),
					personName: request.personName,
					answer: request.answerText,
				})),
			},
			200,
		);
	},
);

apiBeneficiairesRoutes.openapi(
	createRoute({
		method: "post",
		path: "/beneficiaires/{id}/retrait",
		summary: "Demander le retrait d'un bénéficiaire (mot de passe demandé à nouveau)",
		security: [{ bearerAuth: [] }],
		request: {
			params: z.object({
				id: z
					.string()
					.openapi({ param: { name: "id", in: "path" }, example: "12" })
					.pipe(recordIdSchema),
			}),
			body: { content: { "application/json": { schema: RemovalRequest } }, required: true },
		},
		responses: {
			201: json(RemovalResponse, "Demande enregistrée"),
			400: json(ErrorSchema, "Données invalides ou mot de passe incorrect"),
			...errors,
			404: json(ErrorSchema, "Bénéficiaire introuvable"),
			409: json(ErrorSchema, "Titulaire du contrat, ou retrait déjà demandé"),
		},
	}),
	async (c) => {
		const scope = memberScope(c);
		const { db, clock, config } = c.get("deps");
		const now = clock();
		const today = parisDayOf(now);
		const { id } = c.req.valid("param");
		const notFound = "Ce bénéficiaire n'existe pas ou n'est pas couvert par votre contrat.";
		const beneficiary = await findBeneficiary(db, scope.memberId, id, today);
		if (!beneficiary) return failure(c, 404, notFound);
		if (beneficiary.relationship === "adherent") {
			return failure(c, 409, "Le titulaire du contrat ne peut pas être retiré.");
		}
		const body = c.req.valid("json");
		const fields: Record<string, string> = {};
		const dateError = removalDateError(body.lastCoveredDay, today);
		if (dateError) fields.lastCoveredDay = dateError;
		const hash = c.get("auth")?.account.passwordHash;
		if (!(hash && (await verifyPassword(hash, body.password, config.sessionPepper)))) {
			fields.password = "Le mot de passe n'est pas le bon.";
			await recordMemberActivity(db, scope, c.get("requestId"), now, {
				action: "adherent.beneficiary.remove_requested",
				objectType: "beneficiary",
				objectId: String(beneficiary.id),
				outcome: "failure",
				details: { reason: "wrong_password" },
			});
		}
		if (Object.keys(fields).length > 0)
			return failure(c, 400, "Les données envoyées ne sont pas valides.", fields);
		const result = await requestBeneficiaryRemoval(db, {
			actor: { accountId: scope.accountId, sessionId: scope.sessionId, correlationId: c.get("requestId") },
			memberId: scope.memberId,
			beneficiaryId: beneficiary.id,
			lastCoveredDay: body.lastCoveredDay,
			now,
		});
		if (result.ok) return c.json({ reference: result.reference, status: "received" as const }, 201);
		if (result.reason === "not_found") return failure(c, 404, notFound);
		if (result.reason === "already_requested") {
			return failure(
				c,
				409,
				`Le retrait de ce bénéficiaire est déjà demandé (référence ${result.reference}).`,
			);
		}
		return failure(c, 409, "Le titulaire du contrat ne peut pas être retiré.");
	},
);
