// `GET /api/v1/adherent/releves` and `/releves/{id}`: the relevés de prestations, the same
// service as `/adherent/releves`. Another member's statement answers 404 like a missing one. The
// PDFs stay on the HTML routes (`/adherent/releves/{id}.pdf`), which also accept the bearer token.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
	getStatement,
	listStatements,
	type StatementSummary,
	type Totals,
} from "../../../../core/adherent/statements.ts";
import { payees, relationships } from "../../../../schema/enums.ts";
import { recordIdSchema } from "../../../../schema/record-id.ts";
import type { AppEnv } from "../../../env.ts";
import { apiError } from "../../../lib/http-errors.ts";
import { memberScope, requireMember } from "../../../middleware/member.ts";
import { ErrorSchema, jsonContent as json } from "../schemas.ts";

const day = z.string().openapi({ format: "date", example: "2026-10-23" });
const instant = z.string().openapi({ format: "date-time" });
const cents = z.number().int().openapi({ description: "Montant en centimes d'euro." });

const TotalsSchema = z
	.object({
		chargedCents: cents,
		ssPaidCents: cents,
		mutuelleCents: cents,
		remainingCents: cents,
		deductionsCents: cents.openapi({ description: "Participation forfaitaire et franchises." }),
	})
	.openapi("StatementTotals");

const StatementSummarySchema = z
	.object({
		id: z.number().int(),
		month: z.string().openapi({ example: "2026-10" }),
		publishedAt: instant,
		lineCount: z.number().int(),
		chargedCents: cents,
		ssPaidCents: cents,
		mutuelleCents: cents,
		remainingCents: cents,
		paidToMemberCents: cents,
		paidToProfessionalsCents: cents,
		postedAt: instant.nullable().openapi({ description: "Envoi d'une copie papier, le cas échéant." }),
		pdfUrl: z.string().openapi({ example: "/adherent/releves/94.pdf" }),
	})
	.openapi("StatementSummary");

export const StatementsResponse = z
	.object({
		years: z.array(z.number().int()),
		year: z.number().int().nullable(),
		paperStatements: z
			.boolean()
			.openapi({ description: "Vrai si l'adhérent reçoit aussi ses relevés par courrier." }),
		statements: z.array(StatementSummarySchema),
	})
	.openapi("Statements");

const LineSchema = z.object({
	careDate: day,
	actCode: z.string(),
	actLabel: z.string(),
	quantity: z.number().int(),
	chargedCents: cents,
	baseCents: cents,
	ssRateBp: z.number().int().openapi({ description: "Taux de la Sécurité sociale en points de base." }),
	ssPaidCents: cents,
	participationForfaitaireCents: cents,
	franchiseCents: cents,
	mutuelleCents: cents,
	remainingCents: cents,
	paidTo: z.enum(payees),
	professionalName: z.string().nullable(),
	paymentDate: day.nullable(),
});

export const StatementDetailResponse = z
	.object({
		statement: StatementSummarySchema,
		member: z.object({ memberNumber: z.string(), firstName: z.string(), lastName: z.string() }),
		beneficiaries: z.array(
			z.object({
				firstName: z.string(),
				lastName: z.string(),
				relationship: z.enum(relationships),
				lines: z.array(LineSchema),
				totals: TotalsSchema,
			}),
		),
		totals: TotalsSchema,
		transfers: z.array(
			z.object({ paidOn: day, amountCents: cents, reference: z.string(), ibanLast4: z.string().nullable() }),
		),
	})
	.openapi("StatementDetail");

const errors = {
	400: json(ErrorSchema, "Données invalides"),
	401: json(ErrorSchema, "Non connecté"),
	403: json(ErrorSchema, "Réservé aux adhérents"),
};

function summaryView(statement: StatementSummary) {
	return {
		...statement,
		publishedAt: statement.publishedAt.toISOString(),
		postedAt: statement.postedAt?.toISOString() ?? null,
		pdfUrl: `/adherent/releves/${statement.id}.pdf`,
	};
}

function totalsView(totals: Totals) {
	return { ...totals };
}

function notFound<E extends AppEnv>(c: Context<E>) {
	const { error } = apiError(404, "Ce relevé de prestations n'existe pas.", c.get("requestId"));
	return { error: { ...error } };
}

export const apiRelevesRoutes = new OpenAPIHono<AppEnv>();
apiRelevesRoutes.use("/releves", requireMember());
apiRelevesRoutes.use("/releves/*", requireMember());

apiRelevesRoutes.openapi(
	createRoute({
		method: "get",
		path: "/releves",
		summary: "Les relevés de prestations d'une année, du plus récent au plus ancien",
		security: [{ bearerAuth: [] }],
		request: {
			query: z.strictObject({
				year: z
					.string()
					.regex(/^(19|20)\d{2}$/, "L'année se compose de 4 chiffres.")
					.optional()
					.openapi({ description: "Par défaut, l'année du relevé le plus récent.", example: "2026" }),
			}),
		},
		responses: { 200: json(StatementsResponse, "Relevés"), ...errors },
	}),
	async (c) => {
		const scope = memberScope(c);
		const { year } = c.req.valid("query");
		const list = await listStatements(c.get("deps").db, scope.memberId, {
			year: year === undefined ? undefined : Number(year),
		});
		return c.json(
			{
				years: [...list.years],
				year: list.year,
				paperStatements: list.paperStatements,
				statements: list.statements.map(summaryView),
			},
			200,
		);
	},
);

apiRelevesRoutes.openapi(
	createRoute({
		method: "get",
		path: "/releves/{id}",
		summary: "Un relevé de prestations : ses lignes par bénéficiaire, ses totaux, les virements",
		security: [{ bearerAuth: [] }],
		request: {
			params: z.object({
				id: z.string().openapi({ example: "94" }).pipe(recordIdSchema),
			}),
		},
		responses: {
			200: json(StatementDetailResponse, "Relevé"),
			...errors,
			404: json(ErrorSchema, "Relevé inconnu"),
		},
	}),
	async (c) => {
		const scope = memberScope(c);
		const { id } = c.req.valid("param");
		const detail = await getStatement(c.get("deps").db, scope.memberId, id);
		if (!detail) return c.json(notFound(c), 404);
		const { statement, member, groups, totals, transfers } = detail;
		return c.json(
			{
				statement: summaryView(statement),
				member: { memberNumber: member.memberNumber, firstName: member.firstName, lastName: member.lastName },
				beneficiaries: groups.map((group) => ({
					firstName: group.firstName,
					lastName: group.lastName,
					relationship: group.relationship,
					lines: group.lines.map(({ id: _id, ...line }) => line),
					totals: totalsView(group.totals),
				})),
				totals: totalsView(totals),
				transfers: [...transfers],
			},
			200,
		);
	},
);
