// The CSV import of affiliations in the JSON API (ADR 0033), under /api/v1/employeur: the file
// sent as the request's body (text/csv), the import read back (each read advances it by one
// bounded step, as the page does; `running` says to read it again), and the confirmation of its
// valid lines. The same core services as /employeur/salaries/affilier/import.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
	advanceAffiliationImport,
	confirmAffiliationImport,
	getAffiliationImport,
	type ImportContext,
	listImportProblems,
	startAffiliationImport,
} from "../../../../core/employeur/affiliation-import.ts";
import { decodeCsv } from "../../../../core/employeur/affiliation-line.ts";
import { readBodyWithLimit } from "../../../../core/file-type.ts";
import { parisDayOf } from "../../../../core/format.ts";
import { affiliationImportStatuses } from "../../../../schema/enums.ts";
import { recordIdSchema } from "../../../../schema/record-id.ts";
import type { AppEnv } from "../../../env.ts";
import { apiError } from "../../../lib/http-errors.ts";
import { employerScope } from "../../../middleware/employer.ts";
import { ErrorSchema, jsonContent as json } from "../schemas.ts";

const MAX_IMPORT_BYTES = 8 * 1024 * 1024;
const PROBLEMS_PER_PAGE = 200;

const errors = {
	400: json(ErrorSchema, "Fichier ou données invalides"),
	401: json(ErrorSchema, "Non connecté"),
	403: json(ErrorSchema, "Réservé aux entreprises"),
};
const idParam = z.object({ id: z.string().openapi({ example: "12" }).pipe(recordIdSchema) });

const ImportSchema = z
	.object({
		id: z.number().int(),
		fileName: z.string(),
		status: z.enum(affiliationImportStatuses),
		running: z.boolean().openapi({ description: "Vrai tant que l'import avance : relisez-le." }),
		lines: z.number().int(),
		counts: z.object({
			pending: z.number().int(),
			valid: z.number().int(),
			rejected: z.number().int(),
			already: z
				.number()
				.int()
				.openapi({ description: "Salariés déjà affiliés (lignes déjà enregistrées)." }),
			created: z.number().int(),
		}),
		sameFileImportedAt: z.string().nullable().openapi({ format: "date-time" }),
		problems: z.array(
			z.object({ line: z.number().int(), status: z.enum(["rejected", "already"]), reason: z.string() }),
		),
		nextProblemsAfter: z.number().int().nullable(),
	})
	.openapi("AffiliationImport");

function importContext(c: Context<AppEnv>): ImportContext {
	const now = c.get("deps").clock();
	return { scope: employerScope(c), now, today: parisDayOf(now), correlationId: c.get("requestId") };
}

async function importView(c: Context<AppEnv>, id: number, after: number) {
	const { db } = c.get("deps");
	const summary = await getAffiliationImport(db, employerScope(c).companyId, id);
	if (!summary) return null;
	const problems = await listImportProblems(db, id, { afterLine: after, limit: PROBLEMS_PER_PAGE + 1 });
	return {
		id: summary.id,
		fileName: summary.fileName,
		status: summary.status,
		running: summary.status === "validating" || summary.status === "confirming",
		lines: summary.lineCount,
		counts: summary.counts,
		sameFileImportedAt: summary.sameFileImportedAt?.toISOString() ?? null,
		problems: problems.slice(0, PROBLEMS_PER_PAGE),
		nextProblemsAfter:
			problems.length > PROBLEMS_PER_PAGE ? (problems[PROBLEMS_PER_PAGE - 1]?.line ?? null) : null,
	};
}

export const apiAffiliationImportRoutes = new OpenAPIHono<AppEnv>();

apiAffiliationImportRoutes.openapi(
	createRoute({
		method: "post",
		path: "/affiliations/imports",
		summary: "Envoie un fichier CSV de salariés à affilier (rien n'est enregistré avant la confirmation)",
		security: [{ bearerAuth: [] }],
		request: {
			query: z.strictObject({ fichier: z.string().max(200).optional().openapi({ example: "salaries.csv" }) }),
			body: { content: { "text/csv": { schema: z.string() } }, required: true },
		},
		responses: {
			201: json(ImportSchema, "Import créé (ou l'import en cours du même fichier)"),
			...errors,
			413: json(ErrorSchema, "Fichier de plus de 8 Mo"),
		},
	}),
	async (c) => {
		const body = await readBodyWithLimit(c.req.raw, MAX_IMPORT_BYTES);
		if (!body.ok)
			return c.json(apiError(413, "Le fichier dépasse 8 Mo : découpez-le.", c.get("requestId")), 413);
		const context = importContext(c);
		const result = await startAffiliationImport(c.get("deps").db, {
			...context,
			fileName: c.req.valid("query").fichier || "fichier.csv",
			bytes: body.bytes,
			text: decodeCsv(body.bytes),
		});
		if (!result.ok) return c.json(apiError(400, result.reason, c.get("requestId")), 400);
		const view = await importView(c, result.importId, 0);
		if (!view) throw new Error("affiliation import: the new import is missing");
		return c.json(view, 201);
	},
);

apiAffiliationImportRoutes.openapi(
	createRoute({
		method: "get",
		path: "/affiliations/imports/{id}",
		summary: "Un import : son avancement (chaque lecture le fait avancer d'une étape) et ses lignes refusées",
		security: [{ bearerAuth: [] }],
		request: {
			params: idParam,
			query: z.strictObject({ apres: z.string().pipe(recordIdSchema).optional() }),
		},
		responses: {
			200: json(ImportSchema, "Import"),
			...errors,
			404: json(ErrorSchema, "Import inconnu"),
		},
	}),
	async (c) => {
		const { id } = c.req.valid("param");
		const { db, config, randomBytes } = c.get("deps");
		await advanceAffiliationImport(db, id, importContext(c), { publicUrl: config.publicUrl, randomBytes });
		const view = await importView(c, id, c.req.valid("query").apres ?? 0);
		if (!view) return c.json(apiError(404, "Cet import n'existe pas.", c.get("requestId")), 404);
		return c.json(view, 200);
	},
);

apiAffiliationImportRoutes.openapi(
	createRoute({
		method: "post",
		path: "/affiliations/imports/{id}/confirmation",
		summary: "Confirme les lignes valides : chaque salarié est affilié et invité par e-mail",
		security: [{ bearerAuth: [] }],
		request: { params: idParam },
		responses: {
			200: json(ImportSchema, "Import confirmé"),
			...errors,
			404: json(ErrorSchema, "Import inconnu"),
			409: json(ErrorSchema, "Vérification non terminée, ou aucune ligne valide"),
		},
	}),
	async (c) => {
		const { id } = c.req.valid("param");
		const context = importContext(c);
		if (!(await getAffiliationImport(c.get("deps").db, context.scope.companyId, id)))
			return c.json(apiError(404, "Cet import n'existe pas.", c.get("requestId")), 404);
		const result = await confirmAffiliationImport(c.get("deps").db, id, context);
		if (!result.ok)
			return c.json(
				apiError(
					409,
					result.reason === "nothing"
						? "Aucune ligne valide à affilier."
						: "La vérification du fichier n'est pas terminée : relisez l'import avant de confirmer.",
					c.get("requestId"),
				),
				409,
			);
		const view = await importView(c, id, 0);
		if (!view) throw new Error("affiliation import: the import is missing");
		return c.json(view, 200);
	},
);
