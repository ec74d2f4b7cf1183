// Changing the e-mail address (`/compte/email`, signed in): the password again and the new
// address; then the link sent to the new address (`/compte/email/confirmer?jeton=…`, no sign-in
// needed: the link is the proof) shows the change, and its button applies it. Plain forms.
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import type { LinkFailure } from "../../core/account-activation.ts";
import { confirmEmailChange, findEmailChange, requestEmailChange } from "../../core/email-change.ts";
import { emailAddressSchema } from "../../core/sign-up.ts";
import type { AppEnv } from "../env.ts";
import { requestIpKey } from "../lib/client-address.ts";
import { parseForm } from "../lib/form.ts";
import { requireAccount } from "../middleware/auth.ts";
import {
	EmailChangeConfirmPage,
	EmailChangedPage,
	EmailChangeLinkProblemPage,
} from "../views/email-change/email-change-confirm.tsx";
import { EmailChangeFormPage, EmailChangeUnavailablePage } from "../views/email-change/email-change-form.tsx";
import type { FieldErrors } from "../views/form.tsx";
import { renderPage } from "../views/page.tsx";

const TITLE = "Changer mon adresse e-mail";

const requestForm = z.strictObject({
	email: emailAddressSchema,
	// Never trimmed: a password is exactly what was typed.
	motDePasse: z
		.string({ error: "Saisissez votre mot de passe actuel." })
		.min(1, "Saisissez votre mot de passe actuel.")
		.max(1024, "Le mot de passe est trop long."),
});
const tokenSchema = z
	.string()
	.trim()
	.toLowerCase()
	.regex(/^[a-z2-7]{32}$/);
const confirmForm = z.strictObject({ jeton: tokenSchema });

/** The link's token stays out of the Referer of whatever the page leads to (SECURITY.md). */
const NO_REFERRER = { "Referrer-Policy": "no-referrer" } as const;

async function linkProblem<E extends AppEnv>(c: Context<E>, reason: LinkFailure): Promise<Response> {
	const page = await renderPage(
		c,
		{ title: "Lien de confirmation non valable", status: 400, headers: NO_REFERRER },
		<EmailChangeLinkProblemPage reason={reason} />,
	);
	// 410 Gone for a link that was good once; renderPage knows no 410.
	return reason === "invalid" ? page : new Response(page.body, { status: 410, headers: page.headers });
}

export const emailChangeRoutes = new Hono<AppEnv>()
	.get("/compte/email", requireAccount(), async (c) => {
		const auth = c.get("auth");
		if (!auth) return c.notFound();
		const sent = c.req.query("message") === "envoye";
		return renderPage(
			c,
			{ title: TITLE },
			<EmailChangeFormPage currentEmail={auth.account.email} sent={sent} values={{}} errors={{}} />,
		);
	})
	.post("/compte/email", requireAccount(), async (c) => {
		const { db, clock, config, randomBytes } = c.get("deps");
		const auth = c.get("auth");
		if (!auth) return c.notFound();
		const form = await parseForm(c, requestForm);
		const page = (status: 400 | 429, errors: FieldErrors, headers?: Record<string, string>) =>
			renderPage(
				c,
				{ title: TITLE, status, ...(headers ? { headers } : {}) },
				<EmailChangeFormPage currentEmail={auth.account.email} values={form.values} errors={errors} />,
			);
		if (!form.ok) return page(400, form.errors);
		const result = await requestEmailChange(db, {
			account: auth.account,
			sessionId: auth.session.id,
			password: form.data.motDePasse,
			newEmail: form.data.email,
			now: clock(),
			pepper: config.sessionPepper,
			publicUrl: config.publicUrl,
			randomBytes,
			ipKey: requestIpKey(c, config.sessionPepper),
			correlationId: c.get("requestId"),
		});
		if (result.ok) return c.redirect("/compte/email?message=envoye", 303);
		switch (result.reason) {
			case "password":
				return page(400, { motDePasse: "Le mot de passe n'est pas le bon." });
			case "same_address":
				return page(400, { email: "C'est déjà l'adresse de votre compte. Saisissez la nouvelle adresse." });
			case "rate_limited": {
				const minutes = Math.ceil(result.retryAfterSeconds / 60);
				const wait = `Vous avez fait trop de demandes. Réessayez dans ${minutes} minute${minutes > 1 ? "s" : ""}.`;
				return page(429, { _form: wait }, { "Retry-After": String(result.retryAfterSeconds) });
			}
			case "unavailable": {
				const unavailable = await renderPage(c, { title: TITLE }, <EmailChangeUnavailablePage />);
				return new Response(unavailable.body, { status: 503, headers: unavailable.headers });
			}
		}
	})
	.get("/compte/email/confirmer", async (c) => {
		const { db, clock } = c.get("deps");
		const token = tokenSchema.safeParse(c.req.query("jeton"));
		if (!token.success) return linkProblem(c, "invalid");
		const found = await findEmailChange(db, token.data, clock());
		if (!found.ok) return linkProblem(c, found.reason);
		return renderPage(
			c,
			{ title: "Confirmer ma nouvelle adresse e-mail", headers: NO_REFERRER },
			<EmailChangeConfirmPage newEmail={found.newEmail} token={token.data} />,
		);
	})
	.post("/compte/email/confirmer", async (c) => {
		const { db, clock, config } = c.get("deps");
		const form = await parseForm(c, confirmForm);
		if (!form.ok) return linkProblem(c, "invalid");
		const result = await confirmEmailChange(db, {
			token: form.data.jeton,
			now: clock(),
			ipKey: requestIpKey(c, config.sessionPepper),
			correlationId: c.get("requestId"),
		});
		if (!result.ok) return linkProblem(c, result.reason);
		return c.redirect("/compte/email/confirmee", 303);
	})
	.get("/compte/email/confirmee", (c) =>
		renderPage(c, { title: "Adresse e-mail modifiée" }, <EmailChangedPage />),
	);
