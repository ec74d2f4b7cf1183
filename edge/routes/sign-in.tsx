// Signing in and out (`/connexion`, `/connexion/verification`, `/deconnexion`): identifier and
// password, then the second factor, then the space's home or the `?next=` page (same-origin
// relative paths only). Plain forms: everything works without JavaScript.
import { Hono } from "hono";
import { z } from "zod";
import { federatedLogoutUrl } from "../../core/federation/federated-sign-in.ts";
import { enabledProviders, providerConfigOf } from "../../core/federation/providers.ts";
import { completeSecondFactor, secondFactorOf, sendSignInCode } from "../../core/second-factor.ts";
import { signOut, startSignIn } from "../../core/sign-in.ts";
import { accountIdentifierSchema } from "../../schema/identifiers.ts";
import type { AppEnv } from "../env.ts";
import { clientPlace, requestIpKey } from "../lib/client-address.ts";
import { deviceLabel } from "../lib/device.ts";
import { parseForm } from "../lib/form.ts";
import { safeNext } from "../lib/next-path.ts";
import { deleteSessionCookie, setSessionCookie } from "../lib/session-cookie.ts";
import { SPACE_HOME } from "../middleware/auth.ts";
import { FederatedLogoutPage } from "../views/federation/federation-pages.tsx";
import { renderPage } from "../views/page.tsx";
import { SecondFactorPage, SignInPage } from "../views/sign-in.tsx";

export const signInSchema = z.strictObject({
	identifiant: accountIdentifierSchema,
	// Never trimmed: a password is exactly what was typed.
	motDePasse: z
		.string({ error: "Le mot de passe est obligatoire." })
		.min(1, "Le mot de passe est obligatoire.")
		.max(1024, "Le mot de passe est trop long."),
});

export const codeSchema = z.strictObject({
	code: z
		.string({ error: "Le code est obligatoire." })
		.trim()
		.min(1, "Le code est obligatoire.")
		.max(32, "Le code n'est pas valide."),
	secours: z.literal("oui").optional(),
});

const NOTICES: Record<string, string> = {
	deconnecte: "Vous êtes déconnecté. À bientôt.",
	active: "Votre compte est activé. Connectez-vous avec votre identifiant et votre nouveau mot de passe.",
	"mot-de-passe-modifie": "Votre mot de passe est modifié. Connectez-vous avec le nouveau.",
	"session-expiree": "Votre session a expiré. Connectez-vous de nouveau.",
};

export const signInRoutes = new Hono<AppEnv>()
	.get("/connexion", async (c) => {
		const auth = c.get("auth");
		const next = safeNext(c.req.query("next"), "");
		if (auth?.session.secondFactorVerified) return c.redirect(next || SPACE_HOME[auth.account.space], 303);
		const notice = NOTICES[c.req.query("message") ?? ""];
		return renderPage(
			c,
			{ title: "Se connecter" },
			<SignInPage
				next={next}
				notice={notice}
				values={{}}
				errors={{}}
				federation={enabledProviders(c.get("deps").config.federation)}
			/>,
		);
	})
	.post("/connexion", async (c) => {
		const { db, clock, config, randomBytes } = c.get("deps");
		const form = await parseForm(c, signInSchema);
		const next = safeNext(form.values.next, "");
		if (!form.ok) {
			return renderPage(
				c,
				{ title: "Se connecter", status: 400 },
				<SignInPage next={next} values={form.values} errors={form.errors} />,
			);
		}
		const start = await startSignIn(
			db,
			{
				identifier: form.data.identifiant,
				password: form.data.motDePasse,
				ipKey: requestIpKey(c, config.sessionPepper),
				now: clock(),
				pepper: config.sessionPepper,
				correlationId: c.get("requestId"),
				userAgentLabel: deviceLabel(c.req.header("User-Agent")),
				approximatePlace: clientPlace(c) ?? null,
				publicUrl: config.publicUrl,
			},
			randomBytes,
		);
		if (start.status === "throttled") {
			const minutes = Math.ceil(start.retryAfterSeconds / 60);
			return renderPage(
				c,
				{ title: "Se connecter", status: 429, headers: { "Retry-After": String(start.retryAfterSeconds) } },
				<SignInPage
					next={next}
					values={{ identifiant: form.data.identifiant }}
					errors={{
						_form: `Trop de tentatives de connexion. Réessayez dans ${minutes} minute${minutes > 1 ? "s" : ""}.`,
					}}
				/>,
			);
		}
		if (start.status === "blocked") {
			return renderPage(
				c,
				{ title: "Se connecter", status: 403 },
				<SignInPage
					next={next}
					values={{ identifiant: form.data.identifiant }}
					blocked={start.cause}
					errors={{}}
				/>,
			);
		}
		if (start.status === "invalid") {
			return renderPage(
				c,
				{ title: "Se connecter", status: 400 },
				<SignInPage
					next={next}
					values={{ identifiant: form.data.identifiant }}
					errors={{ _form: "Identifiant ou mot de passe incorrect." }}
				/>,
			);
		}
		setSessionCookie(c, start.token);
		return c.redirect(`/connexion/verification${next ? `?next=${encodeURIComponent(next)}` : ""}`, 303);
	})
	.get("/connexion/verification", async (c) => {
		const auth = c.get("auth");
		const next = safeNext(c.req.query("next"), "");
		if (!auth) return c.redirect("/connexion?message=session-expiree", 303);
		if (auth.session.secondFactorVerified) return c.redirect(next || SPACE_HOME[auth.account.space], 303);
		const sent = c.req.query("renvoye") === "1";
		return renderPage(
			c,
			{ title: "Vérification de connexion" },
			<SecondFactorPage method={secondFactorOf(auth.account)} next={next} errors={{}} resent={sent} />,
		);
	})
	.post("/connexion/verification", async (c) => {
		const auth = c.get("auth");
		const { db, clock, config, randomBytes } = c.get("deps");
		if (!auth || auth.session.secondFactorVerified) return c.redirect("/connexion", 303);
		const form = await parseForm(c, codeSchema);
		const next = safeNext(form.values.next, "");
		const method = secondFactorOf(auth.account);
		if (!form.ok) {
			return renderPage(
				c,
				{ title: "Vérification de connexion", status: 400 },
				<SecondFactorPage method={method} next={next} errors={form.errors} />,
			);
		}
		const result = await completeSecondFactor(db, {
			account: auth.account,
			session: auth.session,
			code: form.data.code,
			recovery: form.data.secours === "oui",
			now: clock(),
			userAgentLabel: auth.session.userAgentLabel ?? deviceLabel(c.req.header("User-Agent")),
			ipKey: requestIpKey(c, config.sessionPepper),
			correlationId: c.get("requestId"),
			publicUrl: config.publicUrl,
			randomBytes,
		});
		if (!result.ok) {
			const message =
				result.reason === "expired"
					? "Ce code n'est plus valable. Demandez-en un nouveau."
					: method === "totp"
						? "Ce code n'est pas valable. Saisissez le code affiché par votre application."
						: "Ce code n'est pas valable. Vérifiez le code reçu par e-mail.";
			return renderPage(
				c,
				{ title: "Vérification de connexion", status: 400 },
				<SecondFactorPage method={method} next={next} errors={{ code: message }} />,
			);
		}
		setSessionCookie(c, result.token);
		return c.redirect(next || SPACE_HOME[auth.account.space], 303);
	})
	.post("/connexion/verification/renvoyer", async (c) => {
		const auth = c.get("auth");
		const { db, clock, config, randomBytes } = c.get("deps");
		if (!auth || auth.session.secondFactorVerified) return c.redirect("/connexion", 303);
		if (secondFactorOf(auth.account) !== "email") return c.redirect("/connexion/verification", 303);
		const sent = await sendSignInCode(db, {
			account: auth.account,
			sessionId: auth.session.id,
			now: clock(),
			publicUrl: config.publicUrl,
			randomBytes,
		});
		if (!sent.ok) {
			return renderPage(
				c,
				{
					title: "Vérification de connexion",
					status: 429,
					headers: { "Retry-After": String(sent.retryAfterSeconds) },
				},
				<SecondFactorPage
					method="email"
					next=""
					errors={{
						_form: "Trop de codes demandés. Patientez quelques minutes avant d'en demander un autre.",
					}}
				/>,
			);
		}
		return c.redirect("/connexion/verification?renvoye=1", 303);
	})
	.post("/deconnexion", async (c) => {
		const auth = c.get("auth");
		const { db, clock, config } = c.get("deps");
		// A session opened through FranceConnect or Pro Santé Connect ends at the provider too.
		const providerLogout = auth
			? await federatedLogoutUrl(db, {
					sessionId: auth.session.id,
					now: clock(),
					publicUrl: config.publicUrl,
					providers: (id) => providerConfigOf(config.federation, id),
				})
			: null;
		if (auth)
			await signOut(db, {
				accountId: auth.account.id,
				sessionId: auth.session.id,
				now: clock(),
				correlationId: c.get("requestId"),
			});
		deleteSessionCookie(c);
		if (providerLogout) {
			c.set("auth", null);
			return renderPage(
				c,
				{ title: "Vous êtes déconnecté" },
				<FederatedLogoutPage info={providerLogout.info} url={providerLogout.url.href} />,
			);
		}
		return c.redirect("/connexion?message=deconnecte", 303);
	});
