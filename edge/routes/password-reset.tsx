// Password reset (`/mot-de-passe-oublie`): ask for a link with the identifier, get the same
// answer whether it exists or not, then choose the new password from the e-mailed link. No
// automatic sign-in afterwards. Every page here sends `Referrer-Policy: no-referrer`, since the
// link's token is in the address. Plain forms with 303 redirects: no JavaScript needed.
import { type Context, Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import { checkResetLink, completePasswordReset, requestPasswordReset } from "../../core/password-reset.ts";
import { accountIdentifierSchema } from "../../schema/identifiers.ts";
import type { AppEnv } from "../env.ts";
import { requestIpKey } from "../lib/client-address.ts";
import { parseForm } from "../lib/form.ts";
import { deleteSessionCookie } from "../lib/session-cookie.ts";
import { renderPage } from "../views/page.tsx";
import {
	type LinkProblem,
	NewPasswordPage,
	PasswordChangedPage,
	ResetLinkProblemPage,
} from "../views/password-reset/new-password-pages.tsx";
import { RequestResetPage, RequestSentPage } from "../views/password-reset/request-pages.tsx";

const requestSchema = z.strictObject({ identifiant: accountIdentifierSchema });

const newPasswordSchema = z.strictObject({
	jeton: z.string({ error: "Le lien n'est pas valable." }).max(256, "Le lien n'est pas valable."),
	// Never trimmed: a password is exactly what was typed; the policy gives the length messages.
	motDePasse: z
		.string({ error: "Choisissez un mot de passe." })
		.min(1, "Choisissez un mot de passe.")
		.max(1024, "Le mot de passe est trop long."),
	confirmation: z
		.string({ error: "Saisissez de nouveau le mot de passe." })
		.min(1, "Saisissez de nouveau le mot de passe.")
		.max(1024, "Le mot de passe est trop long."),
});

const noReferrer = createMiddleware<AppEnv>(async (c, next) => {
	await next();
	c.res.headers.set("Referrer-Policy", "no-referrer");
});

async function linkProblemPage<E extends AppEnv>(c: Context<E>, problem: LinkProblem): Promise<Response> {
	const page = await renderPage(
		c,
		{ title: "Lien non valable", status: 400 },
		<ResetLinkProblemPage problem={problem} />,
	);
	// 410 Gone for a link that worked once; 400 for one that never did.
	return problem === "invalid" ? page : new Response(page.body, { status: 410, headers: page.headers });
}

export const passwordResetRoutes = new Hono<AppEnv>()
	.use("/mot-de-passe-oublie", noReferrer)
	.use("/mot-de-passe-oublie/*", noReferrer)
	.get("/mot-de-passe-oublie", (c) =>
		renderPage(c, { title: "Mot de passe oublié" }, <RequestResetPage values={{}} errors={{}} />),
	)
	.post("/mot-de-passe-oublie", async (c) => {
		const { db, clock, config, randomBytes } = c.get("deps");
		const form = await parseForm(c, requestSchema);
		if (!form.ok) {
			return renderPage(
				c,
				{ title: "Mot de passe oublié", status: 400 },
				<RequestResetPage values={form.values} errors={form.errors} />,
			);
		}
		// The outcome is deliberately ignored: every identifier gets the same redirect.
		await requestPasswordReset(db, {
			identifier: form.data.identifiant,
			ipKey: requestIpKey(c, config.sessionPepper),
			now: clock(),
			publicUrl: config.publicUrl,
			randomBytes,
			correlationId: c.get("requestId"),
		});
		return c.redirect("/mot-de-passe-oublie/envoye", 303);
	})
	.get("/mot-de-passe-oublie/envoye", (c) =>
		renderPage(c, { title: "Vérifiez votre messagerie" }, <RequestSentPage />),
	)
	.get("/mot-de-passe-oublie/nouveau", async (c) => {
		const { db, clock } = c.get("deps");
		const token = c.req.query("jeton") ?? "";
		const link = await checkResetLink(db, token, clock());
		if (!link.ok) return linkProblemPage(c, link.reason);
		return renderPage(
			c,
			{ title: "Choisir un nouveau mot de passe" },
			<NewPasswordPage token={token} errors={{}} stillSuspended={link.stillSuspended} />,
		);
	})
	.post("/mot-de-passe-oublie/nouveau", async (c) => {
		const { db, clock, config, randomBytes } = c.get("deps");
		const form = await parseForm(c, newPasswordSchema);
		const token = form.values.jeton ?? "";
		if (!form.ok) {
			const link = await checkResetLink(db, token, clock());
			if (!link.ok) return linkProblemPage(c, link.reason);
			return renderPage(
				c,
				{ title: "Choisir un nouveau mot de passe", status: 400 },
				<NewPasswordPage token={token} errors={form.errors} stillSuspended={link.stillSuspended} />,
			);
		}
		const result = await completePasswordReset(db, {
			token: form.data.jeton,
			password: form.data.motDePasse,
			confirmation: form.data.confirmation,
			now: clock(),
			pepper: config.sessionPepper,
			publicUrl: config.publicUrl,
			randomBytes,
			ipKey: requestIpKey(c, config.sessionPepper),
			correlationId: c.get("requestId"),
		});
		if (!result.ok && result.reason !== "password") return linkProblemPage(c, result.reason);
		if (!result.ok) {
			return renderPage(
				c,
				{ title: "Choisir un nouveau mot de passe", status: 400 },
				<NewPasswordPage
					token={token}
					errors={{ [result.field]: result.message }}
					stillSuspended={result.stillSuspended}
				/>,
			);
		}
		// The browser's own session, if any, ended with the others: forget its cookie too.
		if (c.get("auth")) deleteSessionCookie(c);
		return c.redirect(`/mot-de-passe-oublie/modifie${result.stillSuspended ? "?verification=1" : ""}`, 303);
	})
	.get("/mot-de-passe-oublie/modifie", (c) =>
		renderPage(
			c,
			{ title: "Mot de passe changé" },
			<PasswordChangedPage stillSuspended={c.req.query("verification") === "1"} />,
		),
	);
