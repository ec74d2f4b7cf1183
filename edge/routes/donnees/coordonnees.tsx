// `/compte/donnees/coordonnees`: a member corrects their phone and postal address (GDPR art. 16).
import { Hono } from "hono";
import { getMemberContact, memberContactSchema, updateMemberContact } from "../../../core/donnees/contact.ts";
import type { MemberEnv } from "../../env.ts";
import { parseForm } from "../../lib/form.ts";
import { requireMember } from "../../middleware/member.ts";
import { ContactPage } from "../../views/donnees/contact-page.tsx";
import { renderPage } from "../../views/page.tsx";

const TITLE = "Corriger mes coordonnées";

export const contactRoutes = new Hono<MemberEnv>()
	.use("*", requireMember())
	.get("/", async (c) => {
		const contact = await getMemberContact(c.get("deps").db, c.get("member").memberId);
		if (!contact) return c.notFound();
		const values = {
			telephone: contact.phone ?? "",
			adresse1: contact.addressLine1,
			adresse2: contact.addressLine2 ?? "",
			codePostal: contact.postalCode,
			ville: contact.city,
		};
		return renderPage(
			c,
			{ title: TITLE },
			<ContactPage values={values} errors={{}} saved={c.req.query("enregistre") === "1"} />,
		);
	})
	.post("/", async (c) => {
		const form = await parseForm(c, memberContactSchema);
		if (!form.ok)
			return renderPage(
				c,
				{ title: TITLE, status: 400 },
				<ContactPage values={form.values} errors={form.errors} saved={false} />,
			);
		const { db, clock } = c.get("deps");
		const member = c.get("member");
		const actor = {
			accountId: member.accountId,
			sessionId: member.sessionId,
			correlationId: c.get("requestId"),
		};
		await updateMemberContact(db, member.memberId, actor, form.data, clock());
		return c.redirect("/compte/donnees/coordonnees?enregistre=1", 303);
	});
