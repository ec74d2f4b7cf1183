// « Affilier par fichier » (core/employeur/affiliation-import.ts, ADR 0033): the CSV upload, the
// import's page, which advances the import by one bounded step at each view and asks the browser
// to come back (a `Refresh` header, no script) while it runs, and the confirmation of the valid
// lines. Another company's import answers 404; a wrong file comes back with a French message.
import { type Context, Hono } from "hono";
import {
	advanceAffiliationImport,
	confirmAffiliationImport,
	getAffiliationImport,
	type ImportContext,
	listImportProblems,
	listRecentImports,
	startAffiliationImport,
} from "../../../core/employeur/affiliation-import.ts";
import { decodeCsv } from "../../../core/employeur/affiliation-line.ts";
import { readMultipartWithLimit } from "../../../core/file-type.ts";
import { parisDayOf } from "../../../core/format.ts";
import { parseRecordId } from "../../../schema/record-id.ts";
import type { AppEnv } from "../../env.ts";
import { employerScope } from "../../middleware/employer.ts";
import {
	ImportFormPage,
	ImportReportPage,
	importPath,
	REFRESH_SECONDS,
} from "../../views/employeur/import-page.tsx";
import type { FieldErrors } from "../../views/form.tsx";
import { renderPage } from "../../views/page.tsx";

const TITLE = "Affilier des salariés par fichier";
/** 20 000 lines of about 200 bytes, with room to spare. */
const MAX_IMPORT_BYTES = 8 * 1024 * 1024;
const PROBLEMS_PER_PAGE = 200;

function importContext(c: Context<AppEnv>): ImportContext {
	const now: Date = c.get("deps").clock();
	return { scope: employerScope(c), now, today: parisDayOf(now), correlationId: c.get("requestId") };
}

export const affilierImportRoutes = new Hono<AppEnv>()
	.get("/salaries/affilier/import", async (c) => {
		const imports = await listRecentImports(c.get("deps").db, employerScope(c).companyId);
		return renderPage(c, { title: TITLE }, <ImportFormPage imports={imports} />);
	})
	.post("/salaries/affilier/import", async (c) => {
		const page = (errors: FieldErrors, status: 400 | 413 = 400) =>
			renderPage(c, { title: TITLE, status }, <ImportFormPage errors={errors} />);
		const multipart = await readMultipartWithLimit(c.req.raw, MAX_IMPORT_BYTES);
		if (!multipart.ok)
			return multipart.reason === "too_large"
				? page({ fichier: "Le fichier dépasse 8 Mo : découpez-le en plusieurs fichiers." }, 413)
				: page({ _form: "Le formulaire envoyé n'a pas pu être lu. Réessayez." });
		const file = multipart.form.get("fichier");
		if ([...multipart.form.keys()].some((key) => key !== "fichier"))
			return page({ _form: "Le formulaire contient des champs inattendus." });
		if (!(file instanceof File) || file.size === 0)
			return page({ fichier: "Choisissez le fichier CSV à envoyer." });
		const bytes = new Uint8Array(await file.arrayBuffer());
		const result = await startAffiliationImport(c.get("deps").db, {
			...importContext(c),
			fileName: file.name || "fichier.csv",
			bytes,
			text: decodeCsv(bytes),
		});
		if (!result.ok) return page({ fichier: result.reason });
		return c.redirect(importPath(result.importId), 303);
	})
	.get("/salaries/affilier/import/:id", async (c) => {
		const id = parseRecordId(c.req.param("id"));
		const { db, config, randomBytes } = c.get("deps");
		const context = importContext(c);
		if (id === null) return c.notFound();
		await advanceAffiliationImport(db, id, context, { publicUrl: config.publicUrl, randomBytes });
		const summary = await getAffiliationImport(db, context.scope.companyId, id);
		if (!summary) return c.notFound();
		const problems = await listImportProblems(db, id, {
			afterLine: parseRecordId(c.req.query("apres") ?? "") ?? 0,
			limit: PROBLEMS_PER_PAGE + 1,
		});
		const running = summary.status === "validating" || summary.status === "confirming";
		return renderPage(
			c,
			{
				title: `Import du fichier ${summary.fileName}`,
				// A header rather than <meta http-equiv="refresh">, which axe-core (WCAG 2.2.1) refuses.
				headers: running ? { Refresh: String(REFRESH_SECONDS) } : {},
			},
			<ImportReportPage
				summary={summary}
				problems={problems.slice(0, PROBLEMS_PER_PAGE)}
				nextProblemsAfter={
					problems.length > PROBLEMS_PER_PAGE ? (problems[PROBLEMS_PER_PAGE - 1]?.line ?? null) : null
				}
			/>,
		);
	})
	.post("/salaries/affilier/import/:id/confirmer", async (c) => {
		const id = parseRecordId(c.req.param("id"));
		if (id === null) return c.notFound();
		const { db } = c.get("deps");
		const context = importContext(c);
		const summary = await getAffiliationImport(db, context.scope.companyId, id);
		if (!summary) return c.notFound();
		const result = await confirmAffiliationImport(db, id, context);
		if (!result.ok)
			return renderPage(
				c,
				{ title: `Import du fichier ${summary.fileName}`, status: 409 },
				<ImportReportPage
					summary={summary}
					problems={[]}
					nextProblemsAfter={null}
					errors={{
						_form:
							result.reason === "nothing"
								? "Aucune ligne valide à affilier."
								: "La vérification du fichier n'est pas terminée : attendez la fin avant de confirmer.",
					}}
				/>,
			);
		return c.redirect(importPath(id), 303);
	});
