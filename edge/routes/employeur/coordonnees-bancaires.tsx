// « Coordonnées bancaires »: the mandate in force, a change asked with the password again (48
// hours of cooling-off, 3 a day), its SEPA mandate as a PDF, its cancellation from the space.
// The e-mailed cancel link is public (cancelLinkRoutes): it works without signing in.
import { Hono } from "hono";
import { z } from "zod";
import { mayDo } from "../../../core/employeur/administrators.ts";
import {
	cancelBankChange,
	getBankDetails,
	getPendingMandate,
	requestBankChange,
} from "../../../core/employeur/bank-details.ts";
import { recordEmployerActivity } from "../../../core/employeur/scope.ts";
import type { AppEnv } from "../../env.ts";
import { bankAccountFormFields } from "../../lib/bank-account-form.ts";
import { parseForm } from "../../lib/form.ts";
import { httpError } from "../../lib/http-errors.ts";
import { employerRole, employerScope } from "../../middleware/employer.ts";
import { pdfResponse } from "../../pdf/response.ts";
import { BANK_PATH, CoordonneesBancairesPage } from "../../views/employeur/coordonnees-bancaires-page.tsx";
import { renderMandatePdf } from "../../views/employeur/mandat-pdf.ts";
import type { FieldErrors } from "../../views/form.tsx";
import { renderPage } from "../../views/page.tsx";

const TITLE = "Coordonnées bancaires";

const changeSchema = z.strictObject({
	...bankAccountFormFields,
	motDePasse: z.string().min(1, "Saisissez votre mot de passe."),
});

const PROBLEMS: Record<string, [string, string, 400 | 409 | 429]> = {
	password: ["motDePasse", "Le mot de passe n'est pas le bon.", 400],
	pending_exists: [
		"_form",
		"Un changement est déjà en attente : annulez-le avant d'en demander un autre.",
		409,
	],
	rate_limited: ["_form", "Trois changements ont déjà été demandés aujourd'hui. Réessayez demain.", 429],
	same_account: ["iban", "Ce compte est déjà celui du mandat en vigueur.", 400],
	no_mandate: ["_form", "Aucun mandat n'est en vigueur : contactez-nous.", 409],
};

const noticeSchema = z.strictObject({
	demande: z.literal("1").optional(),
	annulation: z.literal("1").optional(),
});

export const coordonneesBancairesRoutes = new Hono<AppEnv>()
	.get("/coordonnees-bancaires", async (c) => {
		const notice = noticeSchema.safeParse(c.req.query());
		if (!notice.success) throw httpError(400, "Cette adresse contient un paramètre inconnu.");
		const details = await getBankDetails(c.get("deps").db, employerScope(c).companyId);
		return renderPage(
			c,
			{ title: TITLE },
			<CoordonneesBancairesPage
				details={details}
				notice={notice.data.demande ? "demande" : notice.data.annulation ? "annulee" : undefined}
				mayManage={mayDo(employerRole(c), "finances")}
			/>,
		);
	})
	.post("/coordonnees-bancaires", async (c) => {
		const scope = employerScope(c);
		const { db, clock, config } = c.get("deps");
		const form = await parseForm(c, changeSchema);
		const page = async (errors: FieldErrors, status: 400 | 409 | 429 = 400) =>
			renderPage(
				c,
				{ title: TITLE, status },
				<CoordonneesBancairesPage
					details={await getBankDetails(db, scope.companyId)}
					values={form.values}
					errors={errors}
					mayManage={mayDo(employerRole(c), "finances")}
				/>,
			);
		if (!form.ok) return page(form.errors);
		const result = await requestBankChange(db, {
			scope,
			password: form.data.motDePasse,
			iban: form.data.iban,
			bic: form.data.bic,
			holderName: form.data.titulaire,
			now: clock(),
			pepper: config.sessionPepper,
			publicUrl: config.publicUrl,
			correlationId: c.get("requestId"),
		});
		if (!result.ok) {
			const [field, message, status] = PROBLEMS[result.reason] ?? ["_form", "Vérifiez le formulaire.", 400];
			return page({ [field]: message }, status);
		}
		return c.redirect(`${BANK_PATH}?demande=1`, 303);
	})
	.post("/coordonnees-bancaires/annulation", async (c) => {
		const scope = employerScope(c);
		const { db, clock } = c.get("deps");
		const { pending } = await getBankDetails(db, scope.companyId);
		if (pending)
			await cancelBankChange(db, {
				changeId: pending.id,
				companyId: scope.companyId,
				actor: scope,
				now: clock(),
				correlationId: c.get("requestId"),
			});
		return c.redirect(`${BANK_PATH}?annulation=1`, 303);
	})
	.get("/coordonnees-bancaires/mandat.pdf", async (c) => {
		const scope = employerScope(c);
		const { db, clock } = c.get("deps");
		const mandate = await getPendingMandate(db, scope.companyId);
		if (!mandate) return c.notFound();
		const now = clock();
		const pdf = await renderMandatePdf(mandate, now);
		await recordEmployerActivity(db, scope, c.get("requestId"), now, {
			action: "employeur.bank_details.mandate_downloaded",
			objectType: "bank_detail_change",
			objectId: String(mandate.change.id),
		});
		return pdfResponse(c, pdf, `mandat-${mandate.change.rum.toLowerCase()}.pdf`);
	});
