// Signing in through FranceConnect (members) or Pro Santé Connect (professionals), ADR 0039:
// `POST /connexion/<fournisseur>` goes to the provider, `/connexion/<fournisseur>/retour` takes
// its answer, `/connexion/federation/liaison/*` links a new identity after the password and the
// second factor; `/compte/securite/identites/:id/supprimer` unlinks. A provider that is not
// configured has no route (404). The protocol lives in core/federation/.
import { type Context, Hono } from "hono";
import {
	type FederatedRefusal,
	handleFederatedCallback,
	startFederatedLogin,
} from "../../core/federation/federated-sign-in.ts";
import { unlinkFederatedIdentity } from "../../core/federation/identities.ts";
import {
	cancelFederatedLink,
	completeLink,
	identityAwaitingLink,
	linkInProgress,
	startLinkWithPassword,
} from "../../core/federation/linking.ts";
import { isFederatedLoginToken } from "../../core/federation/logins.ts";
import { type ProviderInfo, providerBySlug, providerConfigOf } from "../../core/federation/providers.ts";
import { secondFactorOf, sendSignInCode } from "../../core/second-factor.ts";
import { invalidateSession } from "../../core/session.ts";
import { parseRecordId } from "../../schema/record-id.ts";
import type { AppEnv } from "../env.ts";
import { clientPlace, requestIpKey } from "../lib/client-address.ts";
import { deviceLabel } from "../lib/device.ts";
import { parseForm } from "../lib/form.ts";
import { safeNext } from "../lib/next-path.ts";
import { deleteSessionCookie, getSessionCookie, setSessionCookie } from "../lib/session-cookie.ts";
import { requireAccount, SPACE_HOME } from "../middleware/auth.ts";
import {
	FederationRefusalPage,
	LinkPage,
	LinkSecondFactorPage,
} from "../views/federation/federation-pages.tsx";
import type { FieldErrors } from "../views/form.tsx";
import { renderPage } from "../views/page.tsx";
import { codeSchema, signInSchema } from "./sign-in.tsx";

const PROVIDER_PATH = "/connexion/:fournisseur{franceconnect|pro-sante-connect}";
const LINK_PATH = "/connexion/federation/liaison";

/** The provider a path names, when it is configured; undefined answers 404. */
function configured<E extends AppEnv>(c: Context<E>) {
	const info = providerBySlug(c.req.param("fournisseur") ?? "");
	const provider = info ? providerConfigOf(c.get("deps").config.federation, info.id) : undefined;
	return info && provider ? { info, provider } : undefined;
}

function trail<E extends AppEnv>(c: Context<E>) {
	const { clock, config } = c.get("deps");
	return { now: clock(), correlationId: c.get("requestId"), ipKey: requestIpKey(c, config.sessionPepper) };
}

function refusalPage<E extends AppEnv>(c: Context<E>, info: ProviderInfo, reason: FederatedRefusal) {
	const status = reason === "unavailable" ? 503 : reason === "cancelled" ? 200 : 400;
	// The cookie held the login, now spent: nothing of it is left in the browser.
	const token = getSessionCookie(c);
	if (token && isFederatedLoginToken(token)) deleteSessionCookie(c);
	return renderPage(
		c,
		{ title: `Connexion avec ${info.name}`, status },
		<FederationRefusalPage info={info} reason={reason} />,
	);
}

async function linkPage<E extends AppEnv>(
	c: Context<E>,
	extra: { values?: Record<string, string>; errors?: FieldErrors; status?: 200 | 400 | 429 } = {},
) {
	const { db, clock } = c.get("deps");
	const waiting = await identityAwaitingLink(db, getSessionCookie(c), clock());
	if (!waiting) return refusalPage(c, providerBySlug("franceconnect") as ProviderInfo, "expired");
	return renderPage(
		c,
		{ title: `Relier votre identité ${waiting.info.name}`, status: extra.status ?? 200 },
		<LinkPage
			info={waiting.info}
			displayName={waiting.displayName}
			values={extra.values ?? {}}
			errors={extra.errors ?? {}}
		/>,
	);
}

async function linkSecondFactorPage<E extends AppEnv>(
	c: Context<E>,
	errors: FieldErrors = {},
	status: 200 | 400 = 200,
) {
	const auth = c.get("auth");
	const { db, clock } = c.get("deps");
	const info =
		auth && !auth.session.secondFactorVerified ? await linkInProgress(db, auth.session.id, clock()) : null;
	if (!auth || !info) return c.redirect("/connexion?message=session-expiree", 303);
	return renderPage(
		c,
		{ title: `Vérification avant de relier ${info.name}`, status },
		<LinkSecondFactorPage
			info={info}
			method={secondFactorOf(auth.account)}
			errors={errors}
			resent={c.req.query("renvoye") === "1"}
		/>,
	);
}

export const federationRoutes = new Hono<AppEnv>()
	// Before the start route: its pattern would also take `…/retour`.
	.get(`${PROVIDER_PATH}/retour`, async (c) => {
		const found = configured(c);
		if (!found) return c.notFound();
		const { db, config, randomBytes } = c.get("deps");
		const result = await handleFederatedCallback(db, {
			...found,
			...trail(c),
			token: getSessionCookie(c),
			query: new URL(c.req.url).search,
			userAgentLabel: deviceLabel(c.req.header("User-Agent")),
			approximatePlace: clientPlace(c) ?? null,
			publicUrl: config.publicUrl,
			randomBytes,
		});
		if (result.status === "refused") return refusalPage(c, found.info, result.reason);
		if (result.status === "link_required") return c.redirect(LINK_PATH, 303);
		setSessionCookie(c, result.token);
		return c.redirect(safeNext(result.next, SPACE_HOME[result.account.space]), 303);
	})
	// A GET (a link): a form's redirect to the provider would break the CSP's form-action 'self'.
	// It touches no account: it only opens a login in the browser that asks (ADR 0039).
	.get(PROVIDER_PATH, async (c) => {
		const found = configured(c);
		if (!found) return c.notFound();
		const auth = c.get("auth");
		if (auth?.session.secondFactorVerified) return c.redirect(SPACE_HOME[auth.account.space], 303);
		const { db, clock, config, randomBytes } = c.get("deps");
		const start = await startFederatedLogin(db, {
			...found,
			publicUrl: config.publicUrl,
			nextPath: safeNext(c.req.query("next"), "") || null,
			now: clock(),
			randomBytes,
		});
		if (!start.ok) return refusalPage(c, found.info, start.reason);
		setSessionCookie(c, start.token);
		return c.redirect(start.url.href, 303);
	})
	.get(LINK_PATH, (c) => linkPage(c))
	.post(LINK_PATH, async (c) => {
		const { db, config, randomBytes } = c.get("deps");
		const form = await parseForm(c, signInSchema);
		if (!form.ok) return linkPage(c, { values: form.values, errors: form.errors, status: 400 });
		const values = { identifiant: form.data.identifiant };
		const start = await startLinkWithPassword(
			db,
			{
				...trail(c),
				token: getSessionCookie(c),
				identifier: form.data.identifiant,
				password: form.data.motDePasse,
				pepper: config.sessionPepper,
				userAgentLabel: deviceLabel(c.req.header("User-Agent")),
				approximatePlace: clientPlace(c) ?? null,
				publicUrl: config.publicUrl,
			},
			randomBytes,
		);
		switch (start.status) {
			case "second_factor_required":
				setSessionCookie(c, start.token);
				return c.redirect(`${LINK_PATH}/verification`, 303);
			case "expired":
				return linkPage(c);
			case "throttled": {
				const minutes = Math.ceil(start.retryAfterSeconds / 60);
				c.header("Retry-After", String(start.retryAfterSeconds));
				const _form = `Trop de tentatives de connexion. Réessayez dans ${minutes} minute${minutes > 1 ? "s" : ""}.`;
				return linkPage(c, { values, errors: { _form }, status: 429 });
			}
			case "wrong_space":
				return linkPage(c, {
					values,
					errors: { _form: "Ce compte n'appartient pas à l'espace que cette identité permet d'ouvrir." },
					status: 400,
				});
			case "blocked":
				return linkPage(c, {
					values,
					errors: { _form: "La connexion à ce compte n'est pas possible. Contactez-nous." },
					status: 400,
				});
			default:
				return linkPage(c, {
					values,
					errors: { _form: "Identifiant ou mot de passe incorrect." },
					status: 400,
				});
		}
	})
	.get(`${LINK_PATH}/verification`, (c) => linkSecondFactorPage(c))
	.post(`${LINK_PATH}/verification`, async (c) => {
		const auth = c.get("auth");
		const { db, config, randomBytes } = c.get("deps");
		if (!auth || auth.session.secondFactorVerified) return c.redirect("/connexion", 303);
		const form = await parseForm(c, codeSchema);
		if (!form.ok) return linkSecondFactorPage(c, form.errors, 400);
		const { now, correlationId, ipKey } = trail(c);
		const result = await completeLink(db, {
			account: auth.account,
			session: auth.session,
			code: form.data.code,
			recovery: form.data.secours === "oui",
			now,
			userAgentLabel: auth.session.userAgentLabel ?? deviceLabel(c.req.header("User-Agent")),
			ipKey,
			correlationId,
			publicUrl: config.publicUrl,
			randomBytes,
		});
		if (!result.ok) {
			if (result.reason === "no_link") return c.redirect("/connexion?message=session-expiree", 303);
			const code =
				result.reason === "taken"
					? "Cette identité vient d'être reliée à un autre compte : elle n'a pas été reliée au vôtre."
					: result.reason === "expired"
						? "Ce code n'est plus valable. Demandez-en un nouveau."
						: "Ce code n'est pas valable. Vérifiez-le et réessayez.";
			return linkSecondFactorPage(c, { code }, 400);
		}
		setSessionCookie(c, result.token);
		return c.redirect(safeNext(result.next, SPACE_HOME[auth.account.space]), 303);
	})
	.post(`${LINK_PATH}/renvoyer`, async (c) => {
		const auth = c.get("auth");
		const { db, clock, config, randomBytes } = c.get("deps");
		if (!auth || auth.session.secondFactorVerified || secondFactorOf(auth.account) !== "email")
			return c.redirect(`${LINK_PATH}/verification`, 303);
		const sent = await sendSignInCode(db, {
			account: auth.account,
			sessionId: auth.session.id,
			now: clock(),
			publicUrl: config.publicUrl,
			randomBytes,
		});
		if (!sent.ok) {
			c.header("Retry-After", String(sent.retryAfterSeconds));
			return linkSecondFactorPage(c, { _form: "Trop de codes demandés. Patientez quelques minutes." }, 400);
		}
		return c.redirect(`${LINK_PATH}/verification?renvoye=1`, 303);
	})
	.post(`${LINK_PATH}/annuler`, async (c) => {
		const auth = c.get("auth");
		const { db } = c.get("deps");
		const halfOpen = auth && !auth.session.secondFactorVerified ? auth.session.id : null;
		const info = await cancelFederatedLink(db, {
			...trail(c),
			token: getSessionCookie(c),
			sessionId: halfOpen,
		});
		if (halfOpen) {
			await invalidateSession(db, halfOpen);
			deleteSessionCookie(c);
		}
		if (!info) return c.redirect("/connexion", 303);
		return refusalPage(c, info, "cancelled");
	})
	.post("/compte/securite/identites/:id/supprimer", requireAccount(), async (c) => {
		const auth = c.get("auth");
		const id = parseRecordId(c.req.param("id"));
		const removed =
			id !== null &&
			(await unlinkFederatedIdentity(
				c.get("deps").db,
				{ accountId: auth.account.id, sessionId: auth.session.id, ...trail(c) },
				id,
			));
		if (!removed) return c.notFound();
		return c.redirect("/compte/securite?message=identite-deliee", 303);
	});
