// `/compte/securite`: the holder's own view of their account's security: active sessions (and
// ending them), password change, the authenticator app, recent sign-ins, reporting fraudulent
// use. Sensitive changes ask for the password again.

import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { accountNames } from "../../core/account-names.ts";
import {
	type Actor,
	changePassword,
	confirmTotpEnrolment,
	disableTotp,
	pendingTotpSecret,
	recentSignIns,
} from "../../core/account-security.ts";
import { recordAccountActivity } from "../../core/audit.ts";
import { listFederatedIdentities } from "../../core/federation/identities.ts";
import { invalidateAccountSessions, invalidateSession, listAccountSessions } from "../../core/session.ts";
import { totpQrSvg, totpUri } from "../../core/totp.ts";
import type { AppEnv, Auth } from "../env.ts";
import { parseForm } from "../lib/form.ts";
import { deleteSessionCookie } from "../lib/session-cookie.ts";
import { requireAccount, TOTP_ENROLMENT_PATH } from "../middleware/auth.ts";
import { RecoveryCodesPage, SecurityPage, TotpEnrolmentPage } from "../views/account-security.tsx";
import { renderPage } from "../views/page.tsx";

const passwordSchema = z.strictObject({
	actuel: z
		.string({ error: "Saisissez votre mot de passe actuel." })
		.min(1, "Saisissez votre mot de passe actuel.")
		.max(1024),
	nouveau: z
		.string({ error: "Choisissez un nouveau mot de passe." })
		.min(1, "Choisissez un nouveau mot de passe.")
		.max(1024),
	confirmation: z
		.string({ error: "Confirmez le nouveau mot de passe." })
		.min(1, "Confirmez le nouveau mot de passe.")
		.max(1024),
});
const codeSchema = z.strictObject({
	code: z
		.string({ error: "Saisissez le code." })
		.trim()
		.regex(/^\d{6}$/, "Le code se compose de 6 chiffres."),
});
const disableSchema = z.strictObject({
	motDePasse: z
		.string({ error: "Saisissez votre mot de passe." })
		.min(1, "Saisissez votre mot de passe.")
		.max(1024),
});

function actor<E extends AppEnv>(c: Context<E>, auth: Auth): Actor {
	const { clock, config, randomBytes } = c.get("deps");
	return {
		account: auth.account,
		sessionId: auth.session.id,
		now: clock(),
		correlationId: c.get("requestId"),
		pepper: config.sessionPepper,
		randomBytes,
		publicUrl: config.publicUrl,
	};
}

async function securityPage<E extends AppEnv>(
	c: Context<E>,
	auth: Auth,
	extra: { status?: 200 | 400; notice?: string; errors?: Record<string, string> } = {},
) {
	const { db } = c.get("deps");
	const [sessions, signIns, identities] = await Promise.all([
		listAccountSessions(db, auth.account.id),
		recentSignIns(db, auth.account.id),
		listFederatedIdentities(db, auth.account.id),
	]);
	return renderPage(
		c,
		{ title: "Sécurité de mon compte", status: extra.status ?? 200 },
		<SecurityPage
			account={auth.account}
			currentSessionId={auth.session.id}
			sessions={sessions}
			signIns={signIns}
			identities={identities}
			notice={extra.notice}
			errors={extra.errors ?? {}}
		/>,
	);
}

const NOTICES: Record<string, string> = {
	"session-terminee": "La session a été fermée.",
	"autres-terminees": "Toutes vos autres sessions ont été fermées.",
	"mot-de-passe": "Votre mot de passe est modifié. Vos autres sessions ont été fermées.",
	"application-desactivee":
		"L'application d'authentification est désactivée : vous recevrez désormais un code par e-mail.",
	"identite-deliee":
		"L'identité numérique est déliée : pour l'utiliser de nouveau, il faudra la relier avec votre mot de passe.",
};

export const accountSecurityRoutes = new Hono<AppEnv>()
	.use("/compte/securite/*", requireAccount())
	.use("/compte/securite", requireAccount())
	.get("/compte/securite", async (c) => {
		const auth = c.get("auth");
		return securityPage(c, auth, { notice: NOTICES[c.req.query("message") ?? ""] });
	})
	.post("/compte/securite/sessions/autres/fin", async (c) => {
		const auth = c.get("auth");
		const { db, clock } = c.get("deps");
		const ended = await invalidateAccountSessions(db, auth.account.id, auth.session.id);
		await recordAccountActivity(
			db,
			{ accountId: auth.account.id, sessionId: auth.session.id },
			c.get("requestId"),
			clock(),
			{
				action: "account.sessions.ended_others",
				details: { ended },
			},
		);
		return c.redirect("/compte/securite?message=autres-terminees", 303);
	})
	.post("/compte/securite/sessions/:id/fin", async (c) => {
		const auth = c.get("auth");
		const { db, clock } = c.get("deps");
		const id = c.req.param("id");
		const sessions = await listAccountSessions(db, auth.account.id);
		// Another account's session answers exactly like one that does not exist.
		if (!sessions.some((session) => session.id === id)) return c.notFound();
		await invalidateSession(db, id);
		await recordAccountActivity(
			db,
			{ accountId: auth.account.id, sessionId: auth.session.id },
			c.get("requestId"),
			clock(),
			{
				action: "account.session.ended",
				objectType: "session",
				objectId: id,
			},
		);
		if (id === auth.session.id) {
			deleteSessionCookie(c);
			return c.redirect("/connexion?message=deconnecte", 303);
		}
		return c.redirect("/compte/securite?message=session-terminee", 303);
	})
	.post("/compte/securite/mot-de-passe", async (c) => {
		const auth = c.get("auth");
		const { db } = c.get("deps");
		const form = await parseForm(c, passwordSchema);
		if (!form.ok)
			return securityPage(c, auth, { status: 400, errors: form.errors as Record<string, string> });
		const result = await changePassword(db, actor(c, auth), {
			current: form.data.actuel,
			next: form.data.nouveau,
			confirmation: form.data.confirmation,
			names: await accountNames(db, auth.account),
		});
		if (!result.ok) return securityPage(c, auth, { status: 400, errors: { [result.field]: result.message } });
		return c.redirect("/compte/securite?message=mot-de-passe", 303);
	})
	.get(TOTP_ENROLMENT_PATH, async (c) => {
		const auth = c.get("auth");
		const { db, clock, randomBytes } = c.get("deps");
		if (auth.account.totpEnabled) return c.redirect("/compte/securite", 303);
		const secret = await pendingTotpSecret(db, auth.account, randomBytes, clock());
		const uri = totpUri(secret, auth.account.identifier);
		const mandatory = auth.account.space === "employeur" || auth.account.space === "professionnel";
		return renderPage(
			c,
			{ title: "Application d'authentification" },
			<TotpEnrolmentPage secret={secret} qrSvg={totpQrSvg(uri)} mandatory={mandatory} errors={{}} />,
		);
	})
	.post(TOTP_ENROLMENT_PATH, async (c) => {
		const auth = c.get("auth");
		const { db, clock, randomBytes } = c.get("deps");
		if (auth.account.totpEnabled) return c.redirect("/compte/securite", 303);
		const form = await parseForm(c, codeSchema);
		const result = form.ok ? await confirmTotpEnrolment(db, actor(c, auth), form.data.code) : undefined;
		if (!result?.ok) {
			const secret = await pendingTotpSecret(db, auth.account, randomBytes, clock());
			const errors = form.ok ? { code: result?.ok === false ? result.message : "" } : form.errors;
			const mandatory = auth.account.space === "employeur" || auth.account.space === "professionnel";
			return renderPage(
				c,
				{ title: "Application d'authentification", status: 400 },
				<TotpEnrolmentPage
					secret={secret}
					qrSvg={totpQrSvg(totpUri(secret, auth.account.identifier))}
					mandatory={mandatory}
					errors={errors}
				/>,
			);
		}
		return renderPage(c, { title: "Codes de secours" }, <RecoveryCodesPage codes={result.recoveryCodes} />);
	})
	.post("/compte/securite/application/desactiver", async (c) => {
		const auth = c.get("auth");
		const { db } = c.get("deps");
		const form = await parseForm(c, disableSchema);
		if (!form.ok)
			return securityPage(c, auth, { status: 400, errors: form.errors as Record<string, string> });
		const result = await disableTotp(db, actor(c, auth), form.data.motDePasse);
		if (!result.ok) return securityPage(c, auth, { status: 400, errors: { motDePasse: result.message } });
		return c.redirect("/compte/securite?message=application-desactivee", 303);
	});
