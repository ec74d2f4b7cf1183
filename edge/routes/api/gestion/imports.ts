// `POST /api/v1/gestion/imports/<kind>`: the core system's software sends a file (CSV or JSON
// Lines) with a staff API token (`Authorization: Bearer esst_…`, created by an admin with
// `npm run staff -- jeton`), and gets the import's report back: the same import as
// `npm run import` (core/import/run.ts), read from the request body as it arrives. The body is
// not held whole: records are parsed and written a batch at a time (core/import/web-source.ts).
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { IMPORT_KIND_NAMES, importKind } from "../../../../core/import/kinds.ts";
import { authenticateStaffToken } from "../../../../core/import/staff-tokens.ts";
import { formatOfMediaType, importStream } from "../../../../core/import/upload.ts";
import type { AppEnv } from "../../../env.ts";
import { apiError } from "../../../lib/http-errors.ts";
import { ErrorSchema } from "../schemas.ts";

/** The path prefix of streamed uploads, which the app-wide body limit leaves to this route. */
export const IMPORT_UPLOAD_PREFIX = "/api/v1/gestion/imports/";

export const ImportReportSchema = z
	.object({
		kind: z.string().openapi({ example: "prestations" }),
		lines: z.number().int().openapi({ description: "Lignes lues (hors en-tête)." }),
		written: z.number().int().openapi({ description: "Lignes écrites (créées ou mises à jour)." }),
		unchanged: z.number().int().openapi({ description: "Lignes valides laissées telles quelles." }),
		rejected: z.number().int().openapi({ description: "Lignes refusées." }),
		rejections: z
			.array(z.object({ line: z.number().int(), reason: z.string() }))
			.openapi({ description: "Les 100 premières lignes refusées, avec leur motif en français." }),
		stopped: z.object({ afterLine: z.number().int(), error: z.string() }).nullable().openapi({
			description:
				"Renseigné si l'import s'est arrêté : tout ce qui précède `afterLine` est écrit ; renvoyer le même fichier termine l'import.",
		}),
	})
	.openapi("ImportReport");

const fileBody = (description: string) => ({
	schema: z.string().openapi({ description, format: "binary" }),
});

export const apiGestionImportsRoutes = new OpenAPIHono<AppEnv>();

apiGestionImportsRoutes.openAPIRegistry.registerComponent("securitySchemes", "staffApiToken", {
	type: "http",
	scheme: "bearer",
	description: "Un jeton d'import (esst_…), créé par un administrateur avec `npm run staff -- jeton`.",
});

apiGestionImportsRoutes.openapi(
	createRoute({
		method: "post",
		path: "/gestion/imports/{kind}",
		summary: "Importer un fichier du système de gestion",
		description: `Types : ${IMPORT_KIND_NAMES.join(", ")}. Chaque ligne est validée ; les lignes refusées sont listées avec leur motif ; les lignes valides sont écrites par lots, et renvoyer le même fichier ne crée rien en double.`,
		security: [{ staffApiToken: [] }],
		request: {
			params: z.object({ kind: z.string().openapi({ example: "prestations" }) }),
			body: {
				content: {
					"text/csv": fileBody("CSV avec une ligne d'en-tête, séparateur « ; » ou « , »."),
					"application/x-ndjson": fileBody("JSON Lines : un objet par ligne."),
				},
				required: true,
			},
		},
		responses: {
			200: {
				content: { "application/json": { schema: ImportReportSchema } },
				description: "Le compte rendu de l'import",
			},
			401: {
				content: { "application/json": { schema: ErrorSchema } },
				description: "Jeton absent, inconnu ou révoqué",
			},
			404: { content: { "application/json": { schema: ErrorSchema } }, description: "Type d'import inconnu" },
			415: { content: { "application/json": { schema: ErrorSchema } }, description: "Ni CSV ni JSON Lines" },
		},
	}),
	async (c) => {
		const { db, clock } = c.get("deps");
		const now = clock();
		const requestId = c.get("requestId");
		const header = c.req.header("Authorization") ?? "";
		const holder = header.startsWith("Bearer ")
			? await authenticateStaffToken(db, header.slice("Bearer ".length).trim(), now)
			: null;
		if (!holder)
			return c.json(
				apiError(401, "Présentez un jeton d'import valide (Authorization: Bearer esst_…).", requestId),
				401,
			);
		const kind = await importKind(c.req.param("kind"));
		if (!kind)
			return c.json(
				apiError(404, `Type d'import inconnu : les types sont ${IMPORT_KIND_NAMES.join(", ")}.`, requestId),
				404,
			);
		const format = formatOfMediaType(c.req.header("Content-Type") ?? "");
		const body = c.req.raw.body;
		if (!format || !body)
			return c.json(
				apiError(415, "Envoyez un fichier CSV (text/csv) ou JSON Lines (application/x-ndjson).", requestId),
				415,
			);
		const report = await importStream(db, kind, body, format, {
			now,
			via: `api:jeton:${holder.tokenId}`,
			accountId: holder.accountId,
			correlationId: requestId,
		});
		return c.json({ ...report, rejections: [...report.rejections] }, 200);
	},
);
