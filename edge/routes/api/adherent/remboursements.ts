// `/api/v1/adherent/remboursements`: the member's reimbursement lines for a mobile app, with the
// same filters, pages and services as the HTML pages. Bearer token of an adhérent session whose
// second factor is done: 401 without one, 403 for another space, 404 for another member's line
// (exactly as for a missing one). Amounts are integer cents, dates `YYYY-MM-DD`.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
	checkFilterChoices,
	getPrestation,
	listFilterChoices,
	listPrestations,
	PRESTATIONS_PAGE_SIZE,
	type PrestationLine,
} from "../../../../core/adherent/prestations.ts";
import { findReimbursementReport } from "../../../../core/adherent/reimbursement-report.ts";
import { recordIdSchema } from "../../../../schema/record-id.ts";
import type { AppEnv } from "../../../env.ts";
import { apiError } from "../../../lib/http-errors.ts";
import { memberScope, requireMember } from "../../../middleware/member.ts";
import { ErrorSchema, jsonContent as json } from "../schemas.ts";

const positiveInteger = (message: string) =>
	z
		.string()
		.regex(/^[1-9]\d{0,9}$/, message)
		.transform(Number)
		.openapi({ type: "integer", minimum: 1 });

export const PrestationListQuery = z
	.strictObject(
		{
			beneficiaryId: positiveInteger("Choisissez un bénéficiaire de votre contrat.")
				.optional()
				.openapi({ description: "Un bénéficiaire du contrat (voir `beneficiaries`)." }),
			from: z.iso.date("La date de début n'est pas une date valide (AAAA-MM-JJ).").optional(),
			to: z.iso.date("La date de fin n'est pas une date valide (AAAA-MM-JJ).").optional(),
			category: z
				.string()
				.regex(/^[a-z_]{1,40}$/, "Choisissez une catégorie de soins connue.")
				.optional()
				.openapi({ example: "pharmacie" }),
			page: positiveInteger("Le numéro de page doit être un nombre entier positif.").optional(),
		},
		{ error: (issue) => (issue.code === "unrecognized_keys" ? "Critère inconnu." : undefined) },
	)
	.refine((query) => !query.from || !query.to || query.from <= query.to, {
		message: "La date de fin doit être postérieure à la date de début.",
		path: ["to"],
	});

const Prestation = z
	.object({
		id: z.number().int(),
		careDate: z.string().openapi({ format: "date" }),
		beneficiary: z.object({ id: z.number().int(), firstName: z.string(), lastName: z.string() }),
		act: z.object({ code: z.string(), label: z.string() }),
		category: z.object({ code: z.string(), label: z.string() }),
		professional: z.object({ name: z.string(), profession: z.string() }).nullable(),
		quantity: z.number().int(),
		chargedCents: z.number().int().openapi({ description: "Montant dépensé." }),
		baseCents: z.number().int().openapi({ description: "Base de remboursement de la Sécurité sociale." }),
		ssRateBp: z.number().int().openapi({ description: "Taux de la Sécurité sociale, en points de base." }),
		participationForfaitaireCents: z.number().int(),
		franchiseCents: z.number().int(),
		ssPaidCents: z.number().int().openapi({ description: "Part de la Sécurité sociale versée." }),
		mutuelleCents: z.number().int().openapi({ description: "Part de la mutuelle." }),
		remainingCents: z.number().int().openapi({ description: "Reste à charge." }),
		paidTo: z.enum(["member", "professional"]).openapi({ description: "« professional » : tiers payant." }),
		paymentDate: z.string().nullable().openapi({ format: "date" }),
	})
	.openapi("Prestation");

const PrestationPage = z
	.object({
		items: z.array(Prestation),
		page: z.number().int(),
		pageSize: z.number().int(),
		pageCount: z.number().int(),
		total: z.number().int(),
		totals: z.object({
			chargedCents: z.number().int(),
			ssPaidCents: z.number().int(),
			mutuelleCents: z.number().int(),
			remainingCents: z.number().int(),
		}),
	})
	.openapi("PrestationPage");

const PrestationDetail = Prestation.extend({
	statementMonth: z.string().nullable().openapi({ description: "Mois du relevé de prestations (AAAA-MM)." }),
	report: z
		.object({
			reference: z.string(),
			status: z.string(),
			createdAt: z.string().openapi({ format: "date-time" }),
		})
		.nullable()
		.openapi({ description: "Le signalement « Je ne reconnais pas ce remboursement », s'il a été fait." }),
}).openapi("PrestationDetail");

const errors = {
	401: json(ErrorSchema, "Non connecté"),
	403: json(ErrorSchema, "Réservé aux adhérents"),
	404: json(ErrorSchema, "Remboursement inconnu"),
};
const guard = requireMember();

function failure<E extends AppEnv>(
	c: Context<E>,
	status: number,
	message: string,
	fields?: Record<string, string>,
) {
	const { error } = apiError(status, message, c.get("requestId"));
	return { error: { ...error, ...(fields ? { fields } : {}) } };
}

/** Only the published fields: the service's row may carry more. */
function toJson(line: PrestationLine): z.infer<typeof Prestation> {
	return {
		id: line.id,
		careDate: line.careDate,
		beneficiary: line.beneficiary,
		act: { code: line.act.code, label: line.act.label },
		category: line.category,
		professional: line.professional,
		quantity: line.quantity,
		chargedCents: line.chargedCents,
		baseCents: line.baseCents,
		ssRateBp: line.ssRateBp,
		participationForfaitaireCents: line.participationForfaitaireCents,
		franchiseCents: line.franchiseCents,
		ssPaidCents: line.ssPaidCents,
		mutuelleCents: line.mutuelleCents,
		remainingCents: line.remainingCents,
		paidTo: line.paidTo,
		paymentDate: line.paymentDate,
	};
}

export const apiRemboursementsRoutes = new OpenAPIHono<AppEnv>();

apiRemboursementsRoutes.openapi(
	createRoute({
		method: "get",
		path: "/remboursements",
		summary: "Les remboursements de l'adhérent, du plus récent au plus ancien, par pages de 25",
		security: [{ bearerAuth: [] }],
		middleware: guard,
		request: { query: PrestationListQuery },
		responses: {
			200: json(PrestationPage, "Une page de remboursements"),
			400: json(ErrorSchema, "Critères invalides"),
			...errors,
		},
	}),
	async (c) => {
		const scope = memberScope(c);
		const { db } = c.get("deps");
		const query = c.req.valid("query");
		const filter = {
			beneficiaryId: query.beneficiaryId,
			from: query.from,
			to: query.to,
			categoryCode: query.category,
		};
		const problem = checkFilterChoices(await listFilterChoices(db, scope.memberId), filter);
		if (problem === "unknown_beneficiary")
			return c.json(
				failure(c, 400, "Les données envoyées ne sont pas valides.", {
					beneficiaryId: "Choisissez un bénéficiaire de votre contrat.",
				}),
				400,
			);
		if (problem === "unknown_category")
			return c.json(
				failure(c, 400, "Les données envoyées ne sont pas valides.", {
					category: "Choisissez une catégorie de soins connue.",
				}),
				400,
			);
		const page = await listPrestations(db, scope.memberId, filter, query.page ?? 1);
		if (!page.ok) return c.json(failure(c, 404, `Cette page n'existe pas (${page.pageCount} au plus).`), 404);
		const { count, ...totals } = page.totals;
		return c.json(
			{
				items: page.lines.map(toJson),
				page: page.page,
				pageSize: PRESTATIONS_PAGE_SIZE,
				pageCount: page.pageCount,
				total: count,
				totals,
			},
			200,
		);
	},
);

apiRemboursementsRoutes.openapi(
	createRoute({
		method: "get",
		path: "/remboursements/{id}",
		summary: "Le détail d'un remboursement et de son calcul",
		security: [{ bearerAuth: [] }],
		middleware: guard,
		request: { params: z.object({ id: z.string().openapi({ example: "246" }).pipe(recordIdSchema) }) },
		responses: { 200: json(PrestationDetail, "Le remboursement"), ...errors },
	}),
	async (c) => {
		const scope = memberScope(c);
		const { db } = c.get("deps");
		const { id } = c.req.valid("param");
		const notFound = () => c.json(failure(c, 404, "Ce remboursement n'existe pas."), 404);
		const [line, report] = await Promise.all([
			getPrestation(db, scope.memberId, id),
			findReimbursementReport(db, scope.accountId, id),
		]);
		if (!line) return notFound();
		return c.json(
			{
				...toJson(line),
				statementMonth: line.statement?.month ?? null,
				report: report ? { ...report, createdAt: report.createdAt.toISOString() } : null,
			},
			200,
		);
	},
);
