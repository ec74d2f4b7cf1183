// « Imports » (admin only): a core-system file sent from a form, run through the same reader and
// the same import as the staff API and `npm run import` (core/import/upload.ts), then its report.
// The file is checked before the run (a kind, a file, not empty, CSV or JSON Lines, text): a
// wrong one comes back with a French message and writes nothing. The run's audit entry
// (`import.<kind>`) names the staff member and their session.
import type { Context } from "hono";
import { Hono } from "hono";
import { readMultipartWithLimit } from "../../../core/file-type.ts";
import { type ImportKindName, importKind } from "../../../core/import/kinds.ts";
import { formatOfFile, importStream, looksLikeText } from "../../../core/import/upload.ts";
import type { AppEnv } from "../../env.ts";
import { requireArea, staffActor } from "../../middleware/staff.ts";
import type { FieldErrors } from "../../views/form.tsx";
import { IMPORT_KIND_LABELS, ImportFormPage, ImportReportPage } from "../../views/gestion/imports.tsx";
import { renderPage } from "../../views/page.tsx";

const TITLE = "Imports";
/** Enough of the file's start to tell text from an image or a spreadsheet. */
const SNIFFED_BYTES = 8192;

function showForm(
	c: Context<AppEnv>,
	errors: FieldErrors = {},
	kind?: string,
	status: 200 | 400 | 413 = 200,
) {
	return renderPage(
		c,
		{ title: TITLE, status },
		<ImportFormPage errors={errors} kind={kind} limitBytes={c.get("deps").config.bodyLimitBytes} />,
	);
}

export const importsRoutes = new Hono<AppEnv>()
	.use("/imports", requireArea("imports"))
	.use("/imports/*", requireArea("imports"))
	.get("/imports", (c) => showForm(c))
	.post("/imports", async (c) => {
		const { db, clock, config } = c.get("deps");
		// The app-wide body limit applies here too: the form's file is read whole, then streamed.
		const multipart = await readMultipartWithLimit(c.req.raw, config.bodyLimitBytes);
		if (!multipart.ok)
			return multipart.reason === "too_large"
				? showForm(
						c,
						{ fichier: "Le fichier est trop volumineux : découpez-le, ou utilisez l'API d'import." },
						undefined,
						413,
					)
				: showForm(c, { _form: "Le formulaire envoyé n'a pas pu être lu. Réessayez." }, undefined, 400);
		const form = multipart.form;
		const typeValue = form.get("type");
		const typeName = typeof typeValue === "string" ? typeValue : undefined;
		if ([...form.keys()].some((key) => key !== "type" && key !== "fichier"))
			return showForm(c, { _form: "Le formulaire contient des champs inattendus." }, typeName, 400);
		const errors: Record<string, string> = {};
		const kind = await importKind(typeName);
		if (!kind) errors.type = "Choisissez le type de données à importer.";
		const file = form.get("fichier");
		const format = file instanceof File ? formatOfFile(file.name, file.type) : null;
		if (!(file instanceof File) || (file.size === 0 && file.name === ""))
			errors.fichier = "Choisissez le fichier à importer.";
		else if (file.size === 0) errors.fichier = "Le fichier est vide.";
		else if (!format) errors.fichier = "Envoyez un fichier CSV (.csv) ou JSON Lines (.jsonl).";
		else if (!looksLikeText(new Uint8Array(await file.slice(0, SNIFFED_BYTES).arrayBuffer())))
			errors.fichier = "Ce fichier n'est pas un texte CSV ou JSON Lines en UTF-8.";
		if (!kind || !(file instanceof File) || !format || Object.keys(errors).length > 0)
			return showForm(c, errors, typeName, 400);
		const actor = staffActor(c);
		const report = await importStream(db, kind, file.stream(), format, {
			now: clock(),
			via: "gestion",
			accountId: actor.accountId,
			sessionId: actor.sessionId,
			correlationId: actor.correlationId,
		});
		return renderPage(
			c,
			{ title: "Compte rendu de l'import" },
			<ImportReportPage
				report={report}
				kindLabel={IMPORT_KIND_LABELS[kind.name as ImportKindName] ?? kind.name}
				fileName={file.name}
			/>,
		);
	});
