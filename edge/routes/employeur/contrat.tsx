// « Contrat »: the company's group contract, its categories and guarantee tables, as a page and
// as a PDF (the download in the audit trail).
import { Hono } from "hono";
import { getGroupContract } from "../../../core/employeur/contract.ts";
import { recordEmployerActivity } from "../../../core/employeur/scope.ts";
import { parisDayOf } from "../../../core/format.ts";
import type { AppEnv } from "../../env.ts";
import { employerScope } from "../../middleware/employer.ts";
import { pdfResponse } from "../../pdf/response.ts";
import { ContratPage } from "../../views/employeur/contrat-page.tsx";
import { contractFileName, renderContratPdf } from "../../views/employeur/contrat-pdf.ts";
import { renderPage } from "../../views/page.tsx";

export const contratRoutes = new Hono<AppEnv>()
	.get("/contrat", async (c) => {
		const { db, clock } = c.get("deps");
		const contract = await getGroupContract(db, employerScope(c).companyId, parisDayOf(clock()));
		if (!contract)
			return renderPage(
				c,
				{ title: "Contrat collectif" },
				<>
					<h1>Contrat collectif</h1>
					<p>Votre entreprise n'a pas de contrat collectif en cours. Contactez-nous si c'est une erreur.</p>
				</>,
			);
		return renderPage(c, { title: "Contrat collectif" }, <ContratPage contract={contract} />);
	})
	.get("/contrat.pdf", async (c) => {
		const scope = employerScope(c);
		const { db, clock } = c.get("deps");
		const now = clock();
		const contract = await getGroupContract(db, scope.companyId, parisDayOf(now));
		if (!contract) return c.notFound();
		const pdf = await renderContratPdf(contract, now);
		await recordEmployerActivity(db, scope, c.get("requestId"), now, {
			action: "employeur.contract.downloaded",
			objectType: "group_contract",
			objectId: contract.number,
		});
		return pdfResponse(c, pdf, contractFileName(contract));
	});
