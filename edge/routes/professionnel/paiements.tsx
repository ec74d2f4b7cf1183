// « Paiements »: the practice's transfers (paged, filtered by date), the accepted invoices still
// waiting for one, one transfer with the invoices it settles, and its avis de paiement as a PDF
// (audited). Scoped by the session's practice: another practice's transfer answers 404.
import { Hono } from "hono";
import { getPayment, listPayments, listUnpaidInvoices } from "../../../core/professionnel/payments.ts";
import { getPracticeSummary, recordPracticeActivity } from "../../../core/professionnel/practice.ts";
import { parseRecordId } from "../../../schema/record-id.ts";
import { type PracticeEnv, practiceScope } from "../../middleware/practice.ts";
import { pdfResponse } from "../../pdf/response.ts";
import { renderPage } from "../../views/page.tsx";
import { renderPaymentNoticePdf } from "../../views/professionnel/avis-paiement-pdf.ts";
import { PaiementPage, PaiementsPage } from "../../views/professionnel/paiements.tsx";
import { parseListQuery, paymentListSchema } from "./list-query.ts";

const TITLE = "Paiements";

export const paiementsRoutes = new Hono<PracticeEnv>()
	.get("/paiements", async (c) => {
		const { professionalId } = practiceScope(c);
		const { db } = c.get("deps");
		const unpaid = await listUnpaidInvoices(db, professionalId);
		const parsed = parseListQuery(paymentListSchema, c.req.query());
		if (!parsed.ok)
			return renderPage(
				c,
				{ title: TITLE, status: 400 },
				<PaiementsPage criteria={parsed.criteria} errors={parsed.errors} unpaid={unpaid} />,
			);
		const { du, au, page } = parsed.query;
		const result = await listPayments(db, professionalId, { from: du, to: au }, page ?? 1);
		if (!result.ok) return c.notFound();
		return renderPage(
			c,
			{ title: result.pageCount > 1 ? `${TITLE} (page ${result.page})` : TITLE },
			<PaiementsPage criteria={parsed.criteria} unpaid={unpaid} result={result} />,
		);
	})
	.get("/paiements/:id", async (c) => {
		const { professionalId } = practiceScope(c);
		const id = parseRecordId(c.req.param("id"));
		if (id === null) return c.notFound();
		const payment = await getPayment(c.get("deps").db, professionalId, id);
		if (!payment) return c.notFound();
		return renderPage(c, { title: `Virement ${payment.reference}` }, <PaiementPage payment={payment} />);
	})
	.get("/paiements/:id/avis.pdf", async (c) => {
		const scope = practiceScope(c);
		const id = parseRecordId(c.req.param("id"));
		if (id === null) return c.notFound();
		const { db, clock } = c.get("deps");
		const [payment, practice] = await Promise.all([
			getPayment(db, scope.professionalId, id),
			getPracticeSummary(db, scope.professionalId),
		]);
		if (!payment || !practice) return c.notFound();
		const now = clock();
		const bytes = await renderPaymentNoticePdf(payment, practice, now);
		await recordPracticeActivity(db, scope, c.get("requestId"), now, {
			action: "professionnel.payment_notice.downloaded",
			objectType: "professional_payment",
			objectId: String(payment.id),
		});
		return pdfResponse(c, bytes, `avis-de-paiement-${payment.reference}.pdf`);
	});
