// « Bordereaux de cotisations »: the list, one statement with its lines, and the same statement
// as PDF and CSV (each download in the audit trail). Another company's statement answers 404.
import { type Context, Hono } from "hono";
import { recordEmployerActivity } from "../../../core/employeur/scope.ts";
import { getStatement, listStatements } from "../../../core/employeur/statements.ts";
import { parseRecordId } from "../../../schema/record-id.ts";
import type { AppEnv } from "../../env.ts";
import { employerScope } from "../../middleware/employer.ts";
import { pdfResponse } from "../../pdf/response.ts";
import { bordereauCsv, bordereauFileName } from "../../views/employeur/bordereau-csv.ts";
import { renderBordereauPdf } from "../../views/employeur/bordereau-pdf.ts";
import { BordereauPage, BordereauxPage } from "../../views/employeur/bordereaux-page.tsx";
import { periodLabel } from "../../views/employeur/labels.ts";
import { renderPage } from "../../views/page.tsx";

/** The statement a path names (`12`, `12.pdf`, `12.csv`), of the session's company, or null. */
async function statementOf<E extends AppEnv>(c: Context<E>, param: string) {
	const id = parseRecordId(c.req.param(param)?.replace(/\.(pdf|csv)$/, ""));
	if (id === null) return null;
	return getStatement(c.get("deps").db, employerScope(c).companyId, id);
}

async function recordDownload<E extends AppEnv>(c: Context<E>, statementId: number, format: "pdf" | "csv") {
	const { db, clock } = c.get("deps");
	await recordEmployerActivity(db, employerScope(c), c.get("requestId"), clock(), {
		action: "employeur.statement.downloaded",
		objectType: "contribution_statement",
		objectId: String(statementId),
		details: { format },
	});
}

export const bordereauxRoutes = new Hono<AppEnv>()
	.get("/bordereaux", async (c) => {
		const statements = await listStatements(c.get("deps").db, employerScope(c).companyId);
		return renderPage(c, { title: "Bordereaux de cotisations" }, <BordereauxPage statements={statements} />);
	})
	.get("/bordereaux/:file{[0-9]+\\.pdf}", async (c) => {
		const statement = await statementOf(c, "file");
		if (!statement) return c.notFound();
		const pdf = await renderBordereauPdf(statement, c.get("deps").clock());
		await recordDownload(c, statement.id, "pdf");
		return pdfResponse(c, pdf, bordereauFileName(statement, "pdf"));
	})
	.get("/bordereaux/:file{[0-9]+\\.csv}", async (c) => {
		const statement = await statementOf(c, "file");
		if (!statement) return c.notFound();
		await recordDownload(c, statement.id, "csv");
		return c.body(bordereauCsv(statement), 200, {
			"Content-Type": "text/csv; charset=utf-8",
			"Content-Disposition": `attachment; filename="${bordereauFileName(statement, "csv")}"`,
		});
	})
	.get("/bordereaux/:id{[0-9]+}", async (c) => {
		const statement = await statementOf(c, "id");
		if (!statement) return c.notFound();
		return renderPage(
			c,
			{ title: `Bordereau de ${periodLabel(statement.period)}` },
			<BordereauPage statement={statement} />,
		);
	});
