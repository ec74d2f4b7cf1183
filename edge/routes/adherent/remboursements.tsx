// « Remboursements » (article 3 of the CGU): the member's reimbursement lines, newest first,
// filtered by a plain GET form and paged by 25; the detail of one line with its computation; the
// CSV export of the filtered list (audited); and « Je ne reconnais pas ce remboursement », a POST
// that records a réclamation for staff. Every query is scoped by the session's member: another
// member's line answers 404, exactly like a missing one. Bad criteria answer 400 in French.
import { type Context, Hono } from "hono";
import { z } from "zod";
import type { MemberScope } from "../../../core/adherent/member.ts";
import { recordMemberActivity } from "../../../core/adherent/member.ts";
import {
	checkFilterChoices,
	exportPrestations,
	type FilterChoices,
	getPrestation,
	listFilterChoices,
	listPrestations,
	type PrestationFilter,
} from "../../../core/adherent/prestations.ts";
import {
	findReimbursementReport,
	REPORT_COMMENT_MAX_LENGTH,
	reportUnrecognisedReimbursement,
} from "../../../core/adherent/reimbursement-report.ts";
import { parseRecordId } from "../../../schema/record-id.ts";
import type { AppEnv } from "../../env.ts";
import { joinDateParts } from "../../lib/date-parts.ts";
import { parseForm } from "../../lib/form.ts";
import { httpError } from "../../lib/http-errors.ts";
import { memberScope } from "../../middleware/member.ts";
import { formatDate, parisDayOf } from "../../views/adherent/format.ts";
import {
	RemboursementDetailPage,
	type RemboursementDetailPageProps,
} from "../../views/adherent/remboursement-detail-page.tsx";
import { csvFileName, remboursementsCsv } from "../../views/adherent/remboursements-csv.ts";
import { type ListCriteria, RemboursementsPage } from "../../views/adherent/remboursements-page.tsx";
import type { FieldErrors } from "../../views/form.tsx";
import { renderPage } from "../../views/page.tsx";

const LIST_TITLE = "Mes remboursements";

// An empty field of the GET form means "no criterion".
const optional = <T extends z.ZodType>(schema: T) =>
	z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

/** The list's query string: an allow-list of criteria, each checked, unknown ones refused. */
export const listQuerySchema = z
	.strictObject(
		{
			beneficiaire: optional(
				z
					.string()
					.regex(/^[1-9]\d{0,9}$/, "Choisissez un bénéficiaire dans la liste.")
					.transform(Number),
			),
			du: optional(z.iso.date("La date de début n'est pas une date valide.")),
			au: optional(z.iso.date("La date de fin n'est pas une date valide.")),
			categorie: optional(
				z.string().regex(/^[a-z_]{1,40}$/, "Choisissez une catégorie de soins dans la liste."),
			),
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
	)
	.refine((query) => !query.du || !query.au || query.du <= query.au, {
		message: "La date de fin doit être postérieure à la date de début.",
		path: ["au"],
	});

const FIELDS = new Set(["beneficiaire", "du", "au", "categorie"]);
const FILTER_PROBLEMS = {
	unknown_beneficiary: ["beneficiaire", "Choisissez un bénéficiaire dans la liste."],
	unknown_category: ["categorie", "Choisissez une catégorie de soins dans la liste."],
} as const;

type ParsedList =
	| {
			readonly ok: true;
			readonly filter: PrestationFilter;
			readonly page: number;
			readonly criteria: ListCriteria;
	  }
	| { readonly ok: false; readonly errors: FieldErrors; readonly criteria: ListCriteria };

/** Parses the criteria and checks them against the member's own beneficiaries and the categories. */
function parseListQuery<E extends AppEnv>(c: Context<E>, choices: FilterChoices): ParsedList {
	// A criterion given twice never gets here: strictInput answers 400 first. Dates come typed
	// as day, month and year from the form, or as `YYYY-MM-DD` from the page's own links.
	const typed: Record<string, string> = c.req.query();
	const raw = joinDateParts(typed);
	const typedDates = Object.fromEntries(Object.entries(typed).filter(([key]) => /^(du|au)-/.test(key)));
	const criteria: ListCriteria = {
		beneficiaire: raw.beneficiaire,
		du: raw.du,
		au: raw.au,
		categorie: raw.categorie,
		typedDates,
	};
	const parsed = listQuerySchema.safeParse(raw);
	if (!parsed.success) {
		const errors: Record<string, string> = {};
		for (const issue of parsed.error.issues) {
			const field = String(issue.path[0] ?? "");
			errors[FIELDS.has(field) ? field : "_form"] ??= issue.message;
		}
		return { ok: false, errors, criteria };
	}
	const query = parsed.data;
	const filter: PrestationFilter = {
		beneficiaryId: query.beneficiaire,
		from: query.du,
		to: query.au,
		categoryCode: query.categorie,
	};
	const problem = checkFilterChoices(choices, filter);
	if (problem) {
		const [field, message] = FILTER_PROBLEMS[problem];
		return { ok: false, errors: { [field]: message }, criteria };
	}
	return { ok: true, filter, page: query.page ?? 1, criteria };
}

/** A line id in the path: anything else is a line that does not exist. */
function lineId<E extends AppEnv>(c: Context<E>): number | null {
	return parseRecordId(c.req.param("id"));
}

const noticeSchema = z.strictObject({ signalement: z.enum(["enregistre", "deja"]).optional() });

const reportSchema = z.strictObject({
	commentaire: z
		.string()
		.trim()
		.max(REPORT_COMMENT_MAX_LENGTH, "Le commentaire ne doit pas dépasser 1 000 caractères.")
		.optional(),
});

async function detailPage<E extends AppEnv>(
	c: Context<E>,
	scope: MemberScope,
	id: number,
	extra: Omit<RemboursementDetailPageProps, "line" | "report"> & { status?: 200 | 400 } = {},
): Promise<Response> {
	const { db } = c.get("deps");
	const [line, report] = await Promise.all([
		getPrestation(db, scope.memberId, id),
		findReimbursementReport(db, scope.accountId, id),
	]);
	if (!line) return c.notFound();
	const { status, ...props } = extra;
	return renderPage(
		c,
		{ title: `Remboursement du ${formatDate(line.careDate)}`, status: status ?? 200 },
		<RemboursementDetailPage line={line} report={report} {...props} />,
	);
}

export const remboursementsRoutes = new Hono<AppEnv>()
	.get("/remboursements", async (c) => {
		const scope = memberScope(c);
		const { db } = c.get("deps");
		const choices = await listFilterChoices(db, scope.memberId);
		const parsed = parseListQuery(c, choices);
		if (!parsed.ok)
			return renderPage(
				c,
				{ title: LIST_TITLE, status: 400 },
				<RemboursementsPage choices={choices} criteria={parsed.criteria} errors={parsed.errors} />,
			);
		const result = await listPrestations(db, scope.memberId, parsed.filter, parsed.page);
		if (!result.ok) return c.notFound();
		return renderPage(
			c,
			{ title: result.pageCount > 1 ? `${LIST_TITLE} (page ${result.page})` : LIST_TITLE },
			<RemboursementsPage choices={choices} criteria={parsed.criteria} result={result} />,
		);
	})
	.get("/remboursements.csv", async (c) => {
		const scope = memberScope(c);
		const { db, clock } = c.get("deps");
		const parsed = parseListQuery(c, await listFilterChoices(db, scope.memberId));
		if (!parsed.ok) throw httpError(400, Object.values(parsed.errors).find(Boolean) ?? "Critères invalides.");
		const lines = await exportPrestations(db, scope.memberId, parsed.filter);
		const now = clock();
		await recordMemberActivity(db, scope, c.get("requestId"), now, {
			action: "adherent.reimbursements.exported",
			objectType: "member",
			objectId: String(scope.memberId),
			details: {
				format: "csv",
				rows: lines.length,
				filtered: Object.values(parsed.filter).some((v) => v !== undefined),
			},
		});
		return c.body(remboursementsCsv(lines), 200, {
			"Content-Type": "text/csv; charset=utf-8",
			"Content-Disposition": `attachment; filename="${csvFileName(parisDayOf(now))}"`,
		});
	})
	.get("/remboursements/:id", async (c) => {
		const scope = memberScope(c);
		const id = lineId(c);
		if (id === null) return c.notFound();
		const query = noticeSchema.safeParse(c.req.query());
		if (!query.success) throw httpError(400, "Cette adresse contient un paramètre inconnu.");
		return detailPage(c, scope, id, { notice: query.data.signalement });
	})
	.post("/remboursements/:id/signalement", async (c) => {
		const scope = memberScope(c);
		const id = lineId(c);
		if (id === null) return c.notFound();
		const { db, clock } = c.get("deps");
		const form = await parseForm(c, reportSchema);
		if (!form.ok)
			return detailPage(c, scope, id, { errors: form.errors, comment: form.values.commentaire, status: 400 });
		const result = await reportUnrecognisedReimbursement(db, {
			memberId: scope.memberId,
			accountId: scope.accountId,
			sessionId: scope.sessionId,
			prestationId: id,
			comment: form.data.commentaire || null,
			now: clock(),
			correlationId: c.get("requestId"),
		});
		if (!result.ok) return c.notFound();
		return c.redirect(
			`/adherent/remboursements/${id}?signalement=${result.repeated ? "deja" : "enregistre"}#signalement`,
			303,
		);
	});
