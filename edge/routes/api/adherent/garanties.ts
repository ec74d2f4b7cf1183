// `GET /api/v1/adherent/garanties`: the member's guarantee table and contract terms, the same
// service and the same French wording as `/adherent/garanties`. The PDF stays on the HTML route
// (`/adherent/garanties.pdf`), which also accepts the bearer token.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { type GuaranteeLineView, getMemberGuarantees } from "../../../../core/adherent/guarantees.ts";
import { parisDayOf } from "../../../../core/format.ts";
import {
	guaranteeKinds,
	guaranteePeriods,
	paymentMethods,
	periodicities,
	relationships,
} from "../../../../schema/enums.ts";
import type { AppEnv } from "../../../env.ts";
import { apiError } from "../../../lib/http-errors.ts";
import { memberScope, requireMember } from "../../../middleware/member.ts";
import { guaranteeLevel, guaranteeLimit } from "../../../views/adherent/garanties-labels.ts";
import { ErrorSchema, jsonContent as json } from "../schemas.ts";

const day = z.string().openapi({ format: "date", example: "2026-11-26" });

export const GuaranteeLineSchema = z.object({
	label: z.string(),
	kind: z.enum(guaranteeKinds),
	value: z.number().int().openapi({
		description: "Points de base de la BR (percent_br) ou centimes (flat, ceiling) ; 0 sinon.",
	}),
	ceilingCents: z.number().int().nullable(),
	period: z.enum(guaranteePeriods),
	actCode: z.string().nullable(),
	description: z.string().openapi({ example: "150 % de la BR (RO inclus)" }),
	limit: z.string().openapi({ example: "Par acte" }),
});

/** A line of a guarantee table as the API shows it: its figures and the page's French wording. */
export function guaranteeLineJson(line: GuaranteeLineView): z.infer<typeof GuaranteeLineSchema> {
	return {
		label: line.label,
		kind: line.kind,
		value: line.value,
		ceilingCents: line.ceilingCents,
		period: line.period,
		actCode: line.actCode,
		description: guaranteeLevel(line),
		limit: guaranteeLimit(line),
	};
}

export const GuaranteesResponse = z
	.object({
		member: z.object({ memberNumber: z.string(), firstName: z.string(), lastName: z.string() }),
		offer: z.object({ code: z.string(), label: z.string(), responsible: z.boolean() }),
		referenceDay: day,
		table: z.object({ label: z.string(), effectiveFrom: day, effectiveTo: day.nullable() }).nullable(),
		categories: z.array(
			z.object({ code: z.string(), label: z.string(), lines: z.array(GuaranteeLineSchema) }),
		),
		covered: z.array(
			z.object({ firstName: z.string(), lastName: z.string(), relationship: z.enum(relationships) }),
		),
		contract: z.object({
			number: z.string(),
			startDate: day,
			endDate: day.nullable(),
			contributionCents: z.number().int(),
			periodicity: z.enum(periodicities),
			paymentMethod: z.enum(paymentMethods),
			paymentDay: z.number().int().nullable(),
			reimbursementIbanLast4: z.string().nullable().openapi({
				description: "Les 4 derniers caractères du compte de remboursement, jamais l'IBAN entier.",
			}),
			reimbursementHolder: z.string().nullable(),
			mandate: z.object({ rum: z.string(), ibanLast4: z.string() }).nullable(),
		}),
		pdfUrl: z.string().openapi({ example: "/adherent/garanties.pdf" }),
	})
	.openapi("Guarantees");

export const apiGarantiesRoutes = new OpenAPIHono<AppEnv>();
apiGarantiesRoutes.use("/garanties", requireMember());

apiGarantiesRoutes.openapi(
	createRoute({
		method: "get",
		path: "/garanties",
		summary: "Le tableau de garanties de l'adhérent et les modalités de paiement de son contrat",
		security: [{ bearerAuth: [] }],
		responses: {
			200: json(GuaranteesResponse, "Garanties"),
			401: json(ErrorSchema, "Non connecté"),
			403: json(ErrorSchema, "Réservé aux adhérents"),
			404: json(ErrorSchema, "Aucun contrat"),
		},
	}),
	async (c) => {
		const scope = memberScope(c);
		const { db, clock } = c.get("deps");
		const guarantees = await getMemberGuarantees(db, scope.memberId, parisDayOf(clock()));
		if (!guarantees) {
			const { error } = apiError(404, "Aucun contrat n'est rattaché à votre espace.", c.get("requestId"));
			return c.json({ error: { ...error } }, 404);
		}
		const { member, offer, table, categories, contract, covered, referenceDay } = guarantees;
		return c.json(
			{
				offer,
				table,
				contract,
				referenceDay,
				covered: [...covered],
				member: { memberNumber: member.memberNumber, firstName: member.firstName, lastName: member.lastName },
				categories: categories.map((category) => ({
					code: category.code,
					label: category.label,
					lines: category.lines.map(guaranteeLineJson),
				})),
				pdfUrl: "/adherent/garanties.pdf",
			},
			200,
		);
	},
);
