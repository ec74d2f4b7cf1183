// The espace employeur in the JSON API, under /api/v1/employeur: the dashboard, the employees
// (the same search, filters, sort and pages as /employeur/salaries), one employee, the
// contribution statements and the end of an affiliation, through the same core services as the
// pages; the contract, the dispenses and the administrators in administration.ts. Guarded by requireEmployer (401 without a session, 403 for another space); another
// company's object answers 404 like a missing one. PDFs and CSV stay on the HTML routes, which
// accept the bearer token too.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { isRealDay } from "../../../../core/calendar.ts";
import { EMPLOYER_END_REASONS, endAffiliation } from "../../../../core/employeur/affiliation-end.ts";
import { loadEmployerDashboard, type StatementSummary } from "../../../../core/employeur/dashboard.ts";
import {
	EMPLOYEE_SORTS,
	EMPLOYEE_STATUSES,
	getEmployee,
	listCategoryChoices,
	listEmployees,
} from "../../../../core/employeur/employees.ts";
import { getStatement, listStatements } from "../../../../core/employeur/statements.ts";
import { parisDayOf } from "../../../../core/format.ts";
import { contributionStatementStatuses, coverageOptions } from "../../../../schema/enums.ts";
import { recordIdSchema } from "../../../../schema/record-id.ts";
import type { AppEnv } from "../../../env.ts";
import { apiError } from "../../../lib/http-errors.ts";
import { employerScope, requireEmployer } from "../../../middleware/employer.ts";
import { ErrorSchema, jsonContent as json } from "../schemas.ts";
import { apiEmployeurAdministrationRoutes } from "./administration.ts";
import { apiAffiliationImportRoutes } from "./imports.ts";
import { apiEmployeurWriteRoutes } from "./writes.ts";

const day = z.string().openapi({ format: "date", example: "2026-10-31" });
const cents = z.number().int().openapi({ description: "Montant en centimes d'euro." });
const errors = {
	400: json(ErrorSchema, "Données invalides"),
	401: json(ErrorSchema, "Non connecté"),
	403: json(ErrorSchema, "Réservé aux entreprises"),
};
const idParam = z.object({ id: z.string().openapi({ example: "12" }).pipe(recordIdSchema) });

function notFound<E extends AppEnv>(c: Context<E>, message: string) {
	return apiError(404, message, c.get("requestId"));
}

const StatementSummarySchema = z
	.object({
		id: z.number().int(),
		period: z.string().openapi({ example: "2026-10" }),
		periodStart: day,
		periodEnd: day,
		status: z.enum(contributionStatementStatuses),
		dueDate: day.nullable(),
		paidAt: z.string().nullable().openapi({ format: "date-time" }),
		headcount: z.number().int(),
		totalCents: cents,
		pdfUrl: z.string(),
		csvUrl: z.string(),
	})
	.openapi("ContributionStatementSummary");

function statementView(statement: StatementSummary) {
	return {
		id: statement.id,
		period: statement.period,
		periodStart: statement.periodStart,
		periodEnd: statement.periodEnd,
		status: statement.status,
		dueDate: statement.dueDate,
		paidAt: statement.paidAt?.toISOString() ?? null,
		headcount: statement.headcount,
		totalCents: statement.totalCents,
		pdfUrl: `/employeur/bordereaux/${statement.id}.pdf`,
		csvUrl: `/employeur/bordereaux/${statement.id}.csv`,
	};
}

const EmployeeSchema = z
	.object({
		id: z.number().int(),
		lastName: z.string(),
		firstName: z.string(),
		employeeNumber: z.string().nullable(),
		nirLast4: z
			.string()
			.nullable()
			.openapi({ description: "Les 4 derniers caractères du NIR, jamais plus." }),
		categoryLabel: z.string(),
		option: z.enum(coverageOptions).nullable(),
		startDate: day,
		endDate: day.nullable(),
		portabilityEndDate: day.nullable(),
		status: z.enum(EMPLOYEE_STATUSES),
	})
	.openapi("Employee");

export const apiEmployeurRoutes = new OpenAPIHono<AppEnv>();
apiEmployeurRoutes.use("*", requireEmployer());
apiEmployeurRoutes.route("/", apiAffiliationImportRoutes);

apiEmployeurRoutes.openapi(
	createRoute({
		method: "get",
		path: "/tableau-de-bord",
		summary:
			"Le tableau de bord de l'entreprise : contrats, effectifs, derniers bordereaux, actions en attente",
		security: [{ bearerAuth: [] }],
		responses: {
			200: json(
				z
					.object({
						company: z.object({ name: z.string(), siret: z.string() }),
						contracts: z.array(z.object({ number: z.string(), startDate: day, endDate: day.nullable() })),
						headcounts: z.object({
							covered: z.number().int(),
							dispensed: z.number().int(),
							portability: z.number().int(),
						}),
						statements: z.array(StatementSummarySchema),
						toPay: z.object({ count: z.number().int(), totalCents: cents }),
						pendingBankChange: z
							.object({ ibanLast4: z.string(), effectiveAt: z.string().openapi({ format: "date-time" }) })
							.nullable(),
						awaitingEmployees: z
							.number()
							.int()
							.openapi({ description: "Salariés affiliés qui n'ont pas encore créé leur espace adhérent." }),
					})
					.openapi("EmployerDashboard"),
				"Tableau de bord",
			),
			...errors,
			404: json(ErrorSchema, "Entreprise inconnue"),
		},
	}),
	async (c) => {
		const { db, clock } = c.get("deps");
		const dashboard = await loadEmployerDashboard(db, employerScope(c).companyId, parisDayOf(clock()));
		if (!dashboard) return c.json(notFound(c, "Cette entreprise n'existe pas."), 404);
		return c.json(
			{
				company: { name: dashboard.company.name, siret: dashboard.company.siret },
				contracts: dashboard.contracts.map(({ number, startDate, endDate }) => ({
					number,
					startDate,
					endDate,
				})),
				headcounts: dashboard.headcounts,
				statements: dashboard.statements.map(statementView),
				toPay: dashboard.toPay,
				pendingBankChange: dashboard.pendingBankChange
					? {
							ibanLast4: dashboard.pendingBankChange.ibanLast4,
							effectiveAt: dashboard.pendingBankChange.effectiveAt.toISOString(),
						}
					: null,
				awaitingEmployees: dashboard.awaitingEmployees,
			},
			200,
		);
	},
);

apiEmployeurRoutes.openapi(
	createRoute({
		method: "get",
		path: "/salaries",
		summary:
			"Les salariés : recherche (nom, 4 derniers chiffres du NIR, matricule), statut, catégorie, tri, pages de 25",
		security: [{ bearerAuth: [] }],
		request: {
			query: z.strictObject({
				q: z.string().trim().max(60, "La recherche ne doit pas dépasser 60 caractères.").optional(),
				statut: z.enum(EMPLOYEE_STATUSES, "Choisissez un statut dans la liste.").optional(),
				categorie: z
					.string()
					.regex(/^[1-9]\d{0,9}$/, "Choisissez une catégorie dans la liste.")
					.optional(),
				tri: z.enum(EMPLOYEE_SORTS, "Choisissez un tri dans la liste.").optional(),
				ordre: z.enum(["asc", "desc"], "Choisissez un ordre dans la liste.").optional(),
				page: z
					.string()
					.regex(/^[1-9]\d{0,5}$/, "Le numéro de page doit être un nombre entier positif.")
					.optional(),
			}),
		},
		responses: {
			200: json(
				z
					.object({
						employees: z.array(EmployeeSchema),
						count: z.number().int(),
						page: z.number().int(),
						pageCount: z.number().int(),
					})
					.openapi("EmployeePage"),
				"Une page de salariés",
			),
			...errors,
			404: json(ErrorSchema, "Page au-delà de la dernière"),
		},
	}),
	async (c) => {
		const scope = employerScope(c);
		const { db, clock } = c.get("deps");
		const query = c.req.valid("query");
		const categoryId = query.categorie === undefined ? undefined : Number(query.categorie);
		if (categoryId !== undefined) {
			const categories = await listCategoryChoices(db, scope.companyId);
			if (!categories.some((category) => category.id === categoryId))
				return c.json(apiError(400, "Choisissez une catégorie dans la liste.", c.get("requestId")), 400);
		}
		const result = await listEmployees(
			db,
			scope.companyId,
			parisDayOf(clock()),
			{
				search: query.q,
				status: query.statut,
				categoryId,
				sort: query.tri,
				descending: query.ordre === "desc",
			},
			query.page === undefined ? 1 : Number(query.page),
		);
		if (!result.ok) return c.json(notFound(c, "Cette page n'existe pas."), 404);
		const { rows, count, page, pageCount } = result;
		return c.json({ employees: [...rows], count, page, pageCount }, 200);
	},
);

apiEmployeurRoutes.openapi(
	createRoute({
		method: "get",
		path: "/salaries/{id}",
		summary: "Un salarié : dates, catégorie, option, nombre de bénéficiaires, fin et portabilité",
		security: [{ bearerAuth: [] }],
		request: { params: idParam },
		responses: {
			200: json(
				EmployeeSchema.extend({
					birthDate: day,
					contractNumber: z.string(),
					endReason: z.string().nullable(),
					dispenseReason: z.string().nullable(),
					beneficiaryCount: z.number().int().nullable().openapi({ description: "Un nombre, jamais qui." }),
				}).openapi("EmployeeDetail"),
				"Salarié",
			),
			...errors,
			404: json(ErrorSchema, "Salarié inconnu"),
		},
	}),
	async (c) => {
		const { db, clock } = c.get("deps");
		const employee = await getEmployee(
			db,
			employerScope(c).companyId,
			c.req.valid("param").id,
			parisDayOf(clock()),
		);
		if (!employee) return c.json(notFound(c, "Ce salarié n'existe pas."), 404);
		const { category: _category, dispenseRequestedOn: _requested, ...view } = employee;
		return c.json(view, 200);
	},
);

apiEmployeurRoutes.openapi(
	createRoute({
		method: "post",
		path: "/salaries/{id}/fin",
		summary: "Enregistre la fin d'affiliation d'un salarié ; la portabilité (L911-8) est calculée",
		security: [{ bearerAuth: [] }],
		request: {
			params: idParam,
			body: {
				content: {
					"application/json": {
						schema: z
							.strictObject({
								endDate: z
									.string()
									.refine(isRealDay, "Indiquez le dernier jour du contrat de travail (AAAA-MM-JJ)."),
								reason: z.enum(EMPLOYER_END_REASONS, "Choisissez le motif du départ."),
								contractStart: z
									.string()
									.refine(isRealDay, "La date de début du contrat n'est pas une date valide.")
									.optional(),
								grossMisconduct: z.boolean().optional(),
							})
							.openapi("AffiliationEnd"),
					},
				},
			},
		},
		responses: {
			200: json(
				z
					.object({
						portability: z.object({
							eligible: z.boolean(),
							months: z.number().int().optional(),
							from: day.optional(),
							until: day.optional(),
						}),
					})
					.openapi("AffiliationEndResult"),
				"Fin enregistrée",
			),
			...errors,
			404: json(ErrorSchema, "Salarié inconnu"),
			409: json(ErrorSchema, "Fin déjà enregistrée"),
		},
	}),
	async (c) => {
		const { db, clock } = c.get("deps");
		const body = c.req.valid("json");
		const now = clock();
		const result = await endAffiliation(db, {
			scope: employerScope(c),
			affiliationId: c.req.valid("param").id,
			endDate: body.endDate,
			reason: body.reason,
			contractStart: body.contractStart,
			grossMisconduct: body.grossMisconduct ?? false,
			today: parisDayOf(now),
			now,
			correlationId: c.get("requestId"),
		});
		if (result.ok) {
			const { portability } = result;
			return c.json(
				{
					portability: portability.eligible
						? { eligible: true, months: portability.months, from: portability.from, until: portability.until }
						: { eligible: false },
				},
				200,
			);
		}
		if (result.reason === "not_found") return c.json(notFound(c, "Ce salarié n'existe pas."), 404);
		if (result.reason === "already_ended")
			return c.json(
				apiError(409, "La fin d'affiliation de ce salarié est déjà enregistrée.", c.get("requestId")),
				409,
			);
		const messages = {
			before_start: "La fin d'affiliation ne peut pas précéder son début.",
			too_far: "La fin d'affiliation ne peut pas être déclarée plus de trois mois à l'avance.",
			contract_start_after_end: "Le contrat de travail doit commencer avant sa fin.",
		} as const;
		return c.json(apiError(400, messages[result.reason], c.get("requestId")), 400);
	},
);

apiEmployeurRoutes.openapi(
	createRoute({
		method: "get",
		path: "/bordereaux",
		summary: "Les bordereaux de cotisations, du plus récent au plus ancien",
		security: [{ bearerAuth: [] }],
		responses: {
			200: json(z.object({ statements: z.array(StatementSummarySchema) }), "Bordereaux"),
			...errors,
		},
	}),
	async (c) => {
		const statements = await listStatements(c.get("deps").db, employerScope(c).companyId);
		return c.json({ statements: statements.map(statementView) }, 200);
	},
);

apiEmployeurRoutes.openapi(
	createRoute({
		method: "get",
		path: "/bordereaux/{id}",
		summary: "Un bordereau de cotisations et ses lignes par catégorie et option",
		security: [{ bearerAuth: [] }],
		request: { params: idParam },
		responses: {
			200: json(
				z
					.object({
						statement: StatementSummarySchema,
						contractNumber: z.string(),
						employerCents: cents,
						employeeCents: cents,
						pmssCents: cents.nullable(),
						lines: z.array(
							z.object({
								categoryLabel: z.string(),
								option: z.enum(coverageOptions),
								headcount: z.number().int(),
								baseCents: cents,
								rateBp: z.number().int().nullable(),
								unitAmountCents: cents.nullable(),
								amountCents: cents,
								employerCents: cents,
								employeeCents: cents,
							}),
						),
					})
					.openapi("ContributionStatement"),
				"Bordereau",
			),
			...errors,
			404: json(ErrorSchema, "Bordereau inconnu"),
		},
	}),
	async (c) => {
		const statement = await getStatement(
			c.get("deps").db,
			employerScope(c).companyId,
			c.req.valid("param").id,
		);
		if (!statement) return c.json(notFound(c, "Ce bordereau n'existe pas."), 404);
		return c.json(
			{
				statement: statementView(statement),
				contractNumber: statement.contractNumber,
				employerCents: statement.employerCents,
				employeeCents: statement.employeeCents,
				pmssCents: statement.pmssCents,
				lines: statement.lines.map(({ basis: _basis, ...line }) => line),
			},
			200,
		);
	},
);

// Affiliating one employee and asking for a bank-details change (writes.ts), behind the same guard.
apiEmployeurRoutes.route("/", apiEmployeurWriteRoutes);
// The contract, the dispenses and the administrators (administration.ts), behind the same guard.
apiEmployeurRoutes.route("/", apiEmployeurAdministrationRoutes);
