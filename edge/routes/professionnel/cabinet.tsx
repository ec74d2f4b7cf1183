// « Mon cabinet »: the practice's identity (read only) and its bank account, whose change asks for
// the password or an authenticator code again, waits 48 hours (3 a day at most) and can be
// cancelled from here or through the e-mailed link (cabinet-cancel-link.tsx).
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import {
	cancelPracticeBankChange,
	getPracticeBankDetails,
	requestPracticeBankChange,
} from "../../../core/professionnel/bank-account.ts";
import { getPracticeIdentity } from "../../../core/professionnel/cabinet.ts";
import { bankAccountFormFields } from "../../lib/bank-account-form.ts";
import { parseForm } from "../../lib/form.ts";
import { httpError } from "../../lib/http-errors.ts";
import { type PracticeEnv, practiceScope } from "../../middleware/practice.ts";
import type { FieldErrors } from "../../views/form.tsx";
import { renderPage } from "../../views/page.tsx";
import { CabinetPage } from "../../views/professionnel/cabinet.tsx";

const TITLE = "Mon cabinet";

const changeSchema = z
	.strictObject({
		...bankAccountFormFields,
		motDePasse: z.string().max(128).optional(),
		code: z.string().max(7).optional(),
	})
	.refine((form) => Boolean(form.motDePasse) || Boolean(form.code?.trim()), {
		path: ["motDePasse"],
		error: "Saisissez votre mot de passe ou le code de votre application d'authentification.",
	});

const PROBLEMS: Record<string, [string, string, 400 | 409 | 429]> = {
	proof: ["motDePasse", "Le mot de passe ou le code n'est pas le bon.", 400],
	pending_exists: [
		"_form",
		"Un changement est déjà en attente : annulez-le avant d'en demander un autre.",
		409,
	],
	rate_limited: ["_form", "Trois changements ont déjà été demandés aujourd'hui. Réessayez demain.", 429],
	same_account: ["iban", "Ce compte est déjà celui sur lequel vous êtes payé.", 400],
};

const noticeSchema = z.strictObject({
	demande: z.literal("1").optional(),
	annulation: z.literal("1").optional(),
});

async function cabinetPage(
	c: Context<PracticeEnv>,
	bank: { values?: Record<string, string>; errors?: FieldErrors; notice?: "demande" | "annulee" },
	status: 200 | 400 | 409 | 429 = 200,
) {
	const { db } = c.get("deps");
	const { professionalId } = practiceScope(c);
	const identity = await getPracticeIdentity(db, professionalId);
	if (!identity) return c.notFound();
	const details = await getPracticeBankDetails(db, professionalId);
	return renderPage(
		c,
		{ title: TITLE, status },
		<CabinetPage identity={identity} bank={{ details, ...bank }} />,
	);
}

export const cabinetRoutes = new Hono<PracticeEnv>()
	.get("/cabinet", (c) => {
		const notice = noticeSchema.safeParse(c.req.query());
		if (!notice.success) throw httpError(400, "Cette adresse contient un paramètre inconnu.");
		const { demande, annulation } = notice.data;
		return cabinetPage(c, demande ? { notice: "demande" } : annulation ? { notice: "annulee" } : {});
	})
	.post("/cabinet/compte-bancaire", async (c) => {
		const { db, clock, config } = c.get("deps");
		const form = await parseForm(c, changeSchema);
		if (!form.ok) return cabinetPage(c, { values: form.values, errors: form.errors }, 400);
		const { motDePasse, code } = form.data;
		const result = await requestPracticeBankChange(db, {
			scope: practiceScope(c),
			proof: motDePasse ? { kind: "password", password: motDePasse } : { kind: "totp", code: code ?? "" },
			iban: form.data.iban,
			bic: form.data.bic,
			holderName: form.data.titulaire,
			now: clock(),
			pepper: config.sessionPepper,
			publicUrl: config.publicUrl,
			correlationId: c.get("requestId"),
		});
		if (result.ok) return c.redirect(`/professionnel/cabinet?demande=1#compte-bancaire`, 303);
		const [field, message, status] = PROBLEMS[result.reason] ?? ["_form", "Vérifiez le formulaire.", 400];
		return cabinetPage(c, { values: form.values, errors: { [field]: message } }, status);
	})
	.post("/cabinet/compte-bancaire/annulation", async (c) => {
		const scope = practiceScope(c);
		const { db, clock } = c.get("deps");
		const { pending } = await getPracticeBankDetails(db, scope.professionalId);
		if (pending)
			await cancelPracticeBankChange(db, {
				changeId: pending.id,
				professionalId: scope.professionalId,
				actor: scope,
				now: clock(),
				correlationId: c.get("requestId"),
			});
		return c.redirect(`/professionnel/cabinet?annulation=1#compte-bancaire`, 303);
	});
