// `GET /api/v1/adherent/carte`: the attestation de tiers payant in force, as the page shows it
// (pavé normalisé, beneficiaries, care domains as configured, datamatrix content and the signed
// link of the QR code), each NIR masked but for its last 3 characters. 401 without a session, 403 for another space, 404 without a card.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { datamatrixContent, getCurrentCard, professionalAccess } from "../../../../core/adherent/card.ts";
import { parisDayOf } from "../../../../core/format.ts";
import type { AppEnv } from "../../../env.ts";
import { apiError } from "../../../lib/http-errors.ts";
import { memberScope, requireMember } from "../../../middleware/member.ts";
import { ErrorSchema, jsonContent as json } from "../schemas.ts";

const day = z.string().openapi({ format: "date", example: "2026-12-31" });

export const CardResponse = z
	.object({
		card: z.object({
			id: z.number().int(),
			validFrom: day,
			validTo: day,
			amcNumber: z.string().openapi({ example: "312345678" }),
			conventionType: z.string(),
			routingCriterion: z.string(),
			memberNumber: z.string(),
			holder: z.object({ lastName: z.string(), firstName: z.string() }),
			offer: z.object({ label: z.string(), responsible: z.boolean() }).nullable(),
			datamatrix: z.string().openapi({ description: "Contenu du datamatrix : le pavé normalisé." }),
			professionalAccess: z.object({
				url: z.string().openapi({ description: "Adresse du QR code, pour les professionnels de santé." }),
				expiresAt: z.string().openapi({ format: "date-time" }),
			}),
		}),
		beneficiaries: z.array(
			z.object({
				id: z.number().int(),
				lastName: z.string(),
				firstName: z.string(),
				relationship: z.enum(["adherent", "conjoint", "enfant", "autre"]),
				birthDate: day,
				// Masked as on the screens: the full NIR stays on the printed card and its PDF.
				nirEnd: z.string().nullable().openapi({ description: "Les 3 derniers caractères du NIR." }),
			}),
		),
		domains: z.array(
			z.object({
				code: z.string().openapi({ example: "PHAR" }),
				label: z.string().nullable(),
				value: z.string().openapi({ example: "100 %" }),
			}),
		),
	})
	.openapi("TiersPayantCard");

export const apiCarteRoutes = new OpenAPIHono<AppEnv>();
apiCarteRoutes.use("/carte", requireMember());

apiCarteRoutes.openapi(
	createRoute({
		method: "get",
		path: "/carte",
		summary: "Attestation de tiers payant en cours de validité",
		security: [{ bearerAuth: [] }],
		responses: {
			200: json(CardResponse, "L'attestation en cours"),
			401: json(ErrorSchema, "Non connecté"),
			403: json(ErrorSchema, "Réservé aux adhérents"),
			404: json(ErrorSchema, "Aucune attestation en cours de validité"),
		},
	}),
	async (c) => {
		const { memberId } = memberScope(c);
		const { db, clock, config } = c.get("deps");
		const now = clock();
		const card = await getCurrentCard(db, memberId, parisDayOf(now));
		if (!card) {
			const body = apiError(
				404,
				"Vous n'avez pas d'attestation de tiers payant en cours de validité.",
				c.get("requestId"),
			);
			return c.json({ error: { ...body.error } }, 404);
		}
		const access = professionalAccess(card, config.sessionPepper, config.publicUrl, now);
		const { beneficiaries, domains, memberId: _member, ...rest } = card;
		return c.json(
			{
				card: {
					...rest,
					datamatrix: datamatrixContent(card),
					professionalAccess: { url: access.url, expiresAt: access.expiresAt.toISOString() },
				},
				beneficiaries: beneficiaries.map(({ nir, ...person }) => ({
					...person,
					nirEnd: nir ? nir.slice(-3) : null,
				})),
				domains: [...domains],
			},
			200,
		);
	},
);
