// « Factures »: the practice's invoices (filtered by a plain GET form, paged by 25), the CSV export
// of the filtered list (audited), and one invoice. Scoped by the session's practice: another
// practice's invoice answers 404, exactly like a missing one. Bad criteria answer 400 in French.
import { type Context, Hono } from "hono";
import { parisDay } from "../../../core/calendar.ts";
import {
	exportInvoices,
	getInvoice,
	type InvoiceFilter,
	listInvoices,
} from "../../../core/professionnel/invoices.ts";
import { recordPracticeActivity } from "../../../core/professionnel/practice.ts";
import { parseRecordId } from "../../../schema/record-id.ts";
import { httpError } from "../../lib/http-errors.ts";
import { type PracticeEnv, practiceScope } from "../../middleware/practice.ts";
import { renderPage } from "../../views/page.tsx";
import { FacturePage, FacturesPage } from "../../views/professionnel/factures.tsx";
import { facturesCsv } from "../../views/professionnel/factures-csv.ts";
import { invoiceListSchema, parseListQuery } from "./list-query.ts";

const TITLE = "Factures";

function parseInvoiceList(c: Context<PracticeEnv>) {
	const parsed = parseListQuery(invoiceListSchema, c.req.query());
	if (!parsed.ok) return parsed;
	const { du, au, statut, adherent, page } = parsed.query;
	const filter: InvoiceFilter = { from: du, to: au, status: statut, memberNumber: adherent };
	return { ...parsed, filter, page: page ?? 1 };
}

export const facturesRoutes = new Hono<PracticeEnv>()
	.get("/factures", async (c) => {
		const { professionalId } = practiceScope(c);
		const parsed = parseInvoiceList(c);
		if (!parsed.ok)
			return renderPage(
				c,
				{ title: TITLE, status: 400 },
				<FacturesPage criteria={parsed.criteria} errors={parsed.errors} />,
			);
		const result = await listInvoices(c.get("deps").db, professionalId, parsed.filter, parsed.page);
		if (!result.ok) return c.notFound();
		return renderPage(
			c,
			{ title: result.pageCount > 1 ? `${TITLE} (page ${result.page})` : TITLE },
			<FacturesPage criteria={parsed.criteria} result={result} />,
		);
	})
	.get("/factures.csv", async (c) => {
		const scope = practiceScope(c);
		const { db, clock } = c.get("deps");
		const parsed = parseInvoiceList(c);
		if (!parsed.ok) throw httpError(400, Object.values(parsed.errors).find(Boolean) ?? "Critères invalides.");
		const rows = await exportInvoices(db, scope.professionalId, parsed.filter);
		const now = clock();
		await recordPracticeActivity(db, scope, c.get("requestId"), now, {
			action: "professionnel.invoices.exported",
			objectType: "professional",
			objectId: String(scope.professionalId),
			details: { format: "csv", rows: rows.length },
		});
		return c.body(facturesCsv(rows), 200, {
			"Content-Type": "text/csv; charset=utf-8",
			"Content-Disposition": `attachment; filename="factures-${parisDay(now)}.csv"`,
		});
	})
	.get("/factures/:id", async (c) => {
		const { professionalId } = practiceScope(c);
		const id = parseRecordId(c.req.param("id"));
		if (id === null) return c.notFound();
		const invoice = await getInvoice(c.get("deps").db, professionalId, id);
		if (!invoice) return c.notFound();
		return renderPage(c, { title: `Facture ${invoice.invoiceNumber}` }, <FacturePage invoice={invoice} />);
	});
