// `/adherent/garanties` and `/adherent/garanties.pdf`: the member's guarantee table and the
// contract's payment and reimbursement terms (article 3 of the CGU), as a page and as a PDF.
import { Hono } from "hono";
import { getMemberGuarantees } from "../../../core/adherent/guarantees.ts";
import { recordMemberActivity } from "../../../core/adherent/member.ts";
import { parisDayOf } from "../../../core/format.ts";
import type { AppEnv } from "../../env.ts";
import { memberScope } from "../../middleware/member.ts";
import { pdfResponse } from "../../pdf/response.ts";
import { GuaranteesPage } from "../../views/adherent/garanties.tsx";
import { guaranteesFileName, renderGuaranteesPdf } from "../../views/adherent/garanties-pdf.ts";
import { renderPage } from "../../views/page.tsx";

export const garantiesRoutes = new Hono<AppEnv>()
	.get("/garanties", async (c) => {
		const scope = memberScope(c);
		const { db, clock } = c.get("deps");
		const guarantees = await getMemberGuarantees(db, scope.memberId, parisDayOf(clock()));
		if (!guarantees) {
			return renderPage(
				c,
				{ title: "Mes garanties" },
				<>
					<h1>Mes garanties</h1>
					<p>Aucun contrat n'est rattaché à votre espace. Contactez-nous si c'est une erreur.</p>
				</>,
			);
		}
		return renderPage(c, { title: "Mes garanties" }, <GuaranteesPage guarantees={guarantees} />);
	})
	.get("/garanties.pdf", async (c) => {
		const scope = memberScope(c);
		const { db, clock } = c.get("deps");
		const now = clock();
		const guarantees = await getMemberGuarantees(db, scope.memberId, parisDayOf(now));
		if (!guarantees) return c.notFound();
		const pdf = await renderGuaranteesPdf(guarantees, now);
		await recordMemberActivity(db, scope, c.get("requestId"), now, {
			action: "adherent.guarantees.downloaded",
			objectType: "guarantee_table",
			objectId: guarantees.offer.code,
			details: { referenceDay: guarantees.referenceDay },
		});
		return pdfResponse(c, pdf, guaranteesFileName(guarantees));
	});
