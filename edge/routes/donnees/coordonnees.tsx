// `/compte/donnees/coordonnees`: a member corrects their phone and postal address, an employer
// those of the company, a professional those of the practice (GDPR art. 16). Which record is
// corrected follows from the signed-in account only (core/donnees/contact.ts), never the form.
import type { Context } from "hono";
import { Hono } from "hono";
import {
	type ContactTarget,
	contactTargetOf,
	getContact,
	memberContactSchema,
	updateContact,
} from "../../../core/donnees/contact.ts";
import type { SignedInEnv } from "../../env.ts";
import { parseForm } from "../../lib/form.ts";
import { refuseVisitor } from "../../middleware/auth.ts";
import { ContactPage } from "../../views/donnees/contact-page.tsx";
import { renderPage } from "../../views/page.tsx";

const TITLES: Readonly<Record<ContactTarget["kind"], string>> = {
	member: "Corriger mes coordonnées",
	company: "Corriger les coordonnées de l'entreprise",
	professional: "Corriger les coordonnées du cabinet",
};

function targetOf(c: Context<SignedInEnv>): ContactTarget | null {
	const auth = c.get("auth");
	return auth.session.secondFactorVerified ? contactTargetOf(auth.account) : null;
}

export const contactRoutes = new Hono<SignedInEnv>()
	.use("*", async (c, next) => {
		const refused = await refuseVisitor(c, ["adherent", "employeur", "professionnel"]);
		if (refused) return refused;
		await next();
	})
	.get("/", async (c) => {
		const target = targetOf(c);
		const contact = target ? await getContact(c.get("deps").db, target) : null;
		if (!target || !contact) return c.notFound();
		const values = {
			telephone: contact.phone ?? "",
			adresse1: contact.addressLine1,
			adresse2: contact.addressLine2 ?? "",
			codePostal: contact.postalCode,
			ville: contact.city,
		};
		return renderPage(
			c,
			{ title: TITLES[target.kind] },
			<ContactPage
				kind={target.kind}
				values={values}
				errors={{}}
				saved={c.req.query("enregistre") === "1"}
			/>,
		);
	})
	.post("/", async (c) => {
		const target = targetOf(c);
		if (!target) return c.notFound();
		const form = await parseForm(c, memberContactSchema);
		if (!form.ok)
			return renderPage(
				c,
				{ title: TITLES[target.kind], status: 400 },
				<ContactPage kind={target.kind} values={form.values} errors={form.errors} saved={false} />,
			);
		const { db, clock } = c.get("deps");
		const { account, session } = c.get("auth");
		const actor = { accountId: account.id, sessionId: session.id, correlationId: c.get("requestId") };
		await updateContact(db, target, actor, form.data, clock());
		return c.redirect("/compte/donnees/coordonnees?enregistre=1", 303);
	});
