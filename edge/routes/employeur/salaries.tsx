// « Salariés »: the company's employees, searched, filtered by status and category, sorted and
// paged by a plain GET form; and one employee's detail. Every query is scoped by the session's
// company: another company's employee answers 404, exactly like a missing one.
import { type Context, Hono } from "hono";
import { z } from "zod";
import { mayDo } from "../../../core/employeur/administrators.ts";
import {
	type CategoryChoice,
	EMPLOYEE_SORTS,
	EMPLOYEE_STATUSES,
	type EmployeeFilter,
	getEmployee,
	listCategoryChoices,
	listEmployees,
} from "../../../core/employeur/employees.ts";
import { parisDayOf } from "../../../core/format.ts";
import { parseRecordId } from "../../../schema/record-id.ts";
import type { AppEnv } from "../../env.ts";
import { httpError } from "../../lib/http-errors.ts";
import { employerRole, employerScope } from "../../middleware/employer.ts";
import { SalariePage } from "../../views/employeur/salarie-page.tsx";
import { type SalariesCriteria, SalariesPage } from "../../views/employeur/salaries-page.tsx";
import type { FieldErrors } from "../../views/form.tsx";
import { renderPage } from "../../views/page.tsx";

const TITLE = "Salariés";

const optional = <T extends z.ZodType>(schema: T) =>
	z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

/** The list's query string: an allow-list of criteria, each checked, unknown ones refused. */
export const salariesQuerySchema = z.strictObject(
	{
		q: optional(z.string().trim().max(60, "La recherche ne doit pas dépasser 60 caractères.")),
		statut: optional(z.enum(EMPLOYEE_STATUSES, "Choisissez un statut dans la liste.")),
		categorie: optional(
			z
				.string()
				.regex(/^[1-9]\d{0,9}$/, "Choisissez une catégorie dans la liste.")
				.transform(Number),
		),
		tri: optional(z.enum(EMPLOYEE_SORTS, "Choisissez un tri dans la liste.")),
		ordre: optional(z.enum(["asc", "desc"], "Choisissez un ordre dans la liste.")),
		page: optional(
			z
				.string()
				.regex(/^[1-9]\d{0,5}$/, "Le numéro de page doit être un nombre entier positif.")
				.transform(Number),
		),
	},
	{
		error: (issue) =>
			issue.code === "unrecognized_keys" ? "Cette adresse contient un critère inconnu." : undefined,
	},
);

const noticeSchema = z.strictObject({
	fin: z.literal("enregistree").optional(),
	affiliation: z.literal("enregistree").optional(),
});

const FIELDS = new Set(["q", "statut", "categorie", "tri", "ordre"]);

type Parsed =
	| { ok: true; filter: EmployeeFilter; page: number; criteria: SalariesCriteria }
	| { ok: false; errors: FieldErrors; criteria: SalariesCriteria };

/** The query's criteria, each checked; whether the category is the company's is checked after. */
function parseQuery<E extends AppEnv>(c: Context<E>): Parsed {
	const raw: Record<string, string> = c.req.query();
	const criteria: SalariesCriteria = {
		q: raw.q,
		statut: raw.statut,
		categorie: raw.categorie,
		tri: raw.tri,
		ordre: raw.ordre,
	};
	const parsed = salariesQuerySchema.safeParse(raw);
	if (!parsed.success) {
		const errors: Record<string, string> = {};
		for (const issue of parsed.error.issues) {
			const field = String(issue.path[0] ?? "");
			errors[FIELDS.has(field) ? field : "_form"] ??= issue.message;
		}
		return { ok: false, errors, criteria };
	}
	const query = parsed.data;
	return {
		ok: true,
		filter: {
			search: query.q,
			status: query.statut,
			categoryId: query.categorie,
			sort: query.tri,
			descending: query.ordre === "desc",
		},
		page: query.page ?? 1,
		criteria,
	};
}

const WRONG_CATEGORY: FieldErrors = { categorie: "Choisissez une catégorie dans la liste." };

export const salariesRoutes = new Hono<AppEnv>()
	.get("/salaries", async (c) => {
		const scope = employerScope(c);
		const { db, clock } = c.get("deps");
		const mayManage = mayDo(employerRole(c), "employees");
		const parsed = parseQuery(c);
		const refused = (categories: readonly CategoryChoice[], errors: FieldErrors) =>
			renderPage(
				c,
				{ title: TITLE, status: 400 },
				SalariesPage({ categories, criteria: parsed.criteria, errors, mayManage }),
			);
		if (!parsed.ok) return refused(await listCategoryChoices(db, scope.companyId), parsed.errors);
		// One statement reads the page, its count and the company's categories (ADR 0048): a
		// category of another company selects nobody there, and is refused here.
		const result = await listEmployees(db, scope.companyId, parisDayOf(clock()), parsed.filter, parsed.page);
		const { categoryId } = parsed.filter;
		if (categoryId !== undefined && !result.categories.some((category) => category.id === categoryId))
			return refused(result.categories, WRONG_CATEGORY);
		if (!result.ok) return c.notFound();
		return renderPage(
			c,
			{ title: result.pageCount > 1 ? `${TITLE} (page ${result.page})` : TITLE, tablesLabelled: true },
			SalariesPage({ categories: result.categories, criteria: parsed.criteria, result, mayManage }),
		);
	})
	.get("/salaries/:id", async (c) => {
		const scope = employerScope(c);
		const id = parseRecordId(c.req.param("id"));
		if (id === null) return c.notFound();
		const { db, clock } = c.get("deps");
		const employee = await getEmployee(db, scope.companyId, id, parisDayOf(clock()));
		if (!employee) return c.notFound();
		const notice = noticeSchema.safeParse(c.req.query());
		if (!notice.success) throw httpError(400, "Cette adresse contient un paramètre inconnu.");
		return renderPage(
			c,
			{ title: `${employee.lastName.toUpperCase()} ${employee.firstName}` },
			<SalariePage
				employee={employee}
				ended={notice.data.fin === "enregistree"}
				affiliated={notice.data.affiliation === "enregistree"}
				mayManage={mayDo(employerRole(c), "employees")}
			/>,
		);
	});
