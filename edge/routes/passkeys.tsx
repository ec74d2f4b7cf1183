// Passkeys (ADR 0028): `/compte/cles-d-acces` to list, add and revoke them; `/connexion/cle-d-acces`
// to sign in with one alone; `/connexion/verification/cle-d-acces` to use one as the second
// factor after the password. The ceremony's answer comes as JSON in the form's `reponse` field,
// parsed here; the checks are core/passkeys/*.
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { type Context, Hono } from "hono";
import { z } from "zod";
import {
	checkPasskey,
	type PasskeyCheck,
	passkeyAuthenticationOptions,
} from "../../core/passkeys/authentication.ts";
import {
	listPasskeys,
	PASSKEY_NAME_MAX,
	passkeyRegistrationOptions,
	registerPasskey,
	relyingPartyOf,
	revokePasskey,
} from "../../core/passkeys/registration.ts";
import { finishSignIn } from "../../core/second-factor.ts";
import { parseRecordId } from "../../schema/record-id.ts";
import type { Account } from "../../schema/tables/index.ts";
import type { AppEnv, Auth } from "../env.ts";
import { clientPlace, requestIpKey } from "../lib/client-address.ts";
import { deviceLabel } from "../lib/device.ts";
import { parseForm } from "../lib/form.ts";
import { safeNext } from "../lib/next-path.ts";
import { setSessionCookie } from "../lib/session-cookie.ts";
import { requireAccount, SPACE_HOME } from "../middleware/auth.ts";
import type { FieldErrors } from "../views/form.tsx";
import { renderPage } from "../views/page.tsx";
import { PASSKEYS_PATH, PasskeySignInPage, PasskeysPage } from "../views/passkeys/passkeys-page.tsx";

const NEEDS_SCRIPT =
	"Cette étape demande JavaScript : activez-le pour utiliser une clé d'accès, ou connectez-vous avec votre mot de passe.";
const answer = z.string().max(20_000).default("");
const addSchema = z.strictObject({
	nom: z
		.string({ error: "Donnez un nom à la clé d'accès." })
		.trim()
		.min(1, "Donnez un nom à la clé d'accès.")
		.max(PASSKEY_NAME_MAX, `Le nom ne doit pas dépasser ${PASSKEY_NAME_MAX} caractères.`),
	reponse: answer,
});
const useSchema = z.strictObject({ reponse: answer });

const b64 = z.string().regex(/^[A-Za-z0-9_-]{1,16384}$/);
const credentialShape = {
	id: b64,
	rawId: b64,
	type: z.literal("public-key"),
	clientExtensionResults: z.looseObject({}),
	authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
};
const registrationSchema = z.looseObject({
	...credentialShape,
	response: z.looseObject({ clientDataJSON: b64, attestationObject: b64 }),
});
const authenticationSchema = z.looseObject({
	...credentialShape,
	response: z.looseObject({
		clientDataJSON: b64,
		authenticatorData: b64,
		signature: b64,
		userHandle: b64.optional(),
	}),
});

/** The ceremony's JSON answer, checked for its shape; null when absent or malformed. */
function parseAnswer<T>(text: string, schema: z.ZodType): T | null {
	if (!text) return null;
	try {
		const parsed = schema.safeParse(JSON.parse(text));
		return parsed.success ? (parsed.data as T) : null;
	} catch {
		return null;
	}
}

const NOTICES: Record<string, string> = {
	ajoutee: "La clé d'accès est ajoutée. Vous pouvez l'utiliser à votre prochaine connexion.",
	supprimee: "La clé d'accès est supprimée : elle ne permet plus de se connecter.",
};

async function passkeysPage<E extends AppEnv>(
	c: Context<E>,
	auth: Auth,
	extra: { status?: 200 | 400; notice?: string | undefined; errors?: FieldErrors; name?: string } = {},
): Promise<Response> {
	const { db, clock, config, randomBytes } = c.get("deps");
	const [passkeys, options] = await Promise.all([
		listPasskeys(db, auth.account.id),
		passkeyRegistrationOptions(db, {
			account: auth.account,
			rp: relyingPartyOf(config.publicUrl),
			now: clock(),
			randomBytes,
		}),
	]);
	return renderPage(
		c,
		{ title: "Clés d'accès", status: extra.status ?? 200 },
		<PasskeysPage
			passkeys={passkeys}
			options={options}
			notice={extra.notice}
			errors={extra.errors ?? {}}
			name={extra.name}
		/>,
	);
}

const REFUSALS: Readonly<Record<Exclude<PasskeyCheck, { ok: true }>["reason"], string>> = {
	expired: "Cette demande a expiré. Recommencez.",
	invalid: "Cette clé d'accès n'est pas reconnue pour ce compte.",
	revoked: "Cette clé d'accès a été supprimée : elle ne permet plus de se connecter.",
	cloned:
		"Cette clé d'accès semble avoir été copiée : par sécurité, elle est désactivée. Connectez-vous avec votre mot de passe.",
	blocked: "La connexion à ce compte n'est pas possible. Contactez-nous.",
};

async function signInPage<E extends AppEnv>(
	c: Context<E>,
	account: Account | null,
	next: string,
	errors: FieldErrors = {},
	status: 200 | 400 = 200,
): Promise<Response> {
	const { db, clock, config, randomBytes } = c.get("deps");
	const options = await passkeyAuthenticationOptions(db, {
		account,
		rp: relyingPartyOf(config.publicUrl),
		now: clock(),
		randomBytes,
	});
	const secondFactor = account !== null;
	return renderPage(
		c,
		{
			title: secondFactor ? "Vérification avec une clé d'accès" : "Se connecter avec une clé d'accès",
			status,
		},
		<PasskeySignInPage
			action={secondFactor ? "/connexion/verification/cle-d-acces" : "/connexion/cle-d-acces"}
			options={options}
			secondFactor={secondFactor}
			next={next}
			errors={errors}
		/>,
	);
}

/** Checks the posted answer and, when it holds, opens the session and goes to the space. */
async function usePasskey<E extends AppEnv>(c: Context<E>, account: Account | null, previous: Auth | null) {
	const { db, clock, config, randomBytes } = c.get("deps");
	const form = await parseForm(c, useSchema);
	const next = safeNext(form.values.next, "");
	const response = form.ok
		? parseAnswer<AuthenticationResponseJSON>(form.data.reponse, authenticationSchema)
		: null;
	if (!response) return signInPage(c, account, next, { _form: NEEDS_SCRIPT }, 400);
	const now = clock();
	const ipKey = requestIpKey(c, config.sessionPepper);
	const check = await checkPasskey(db, {
		response,
		account,
		rp: relyingPartyOf(config.publicUrl),
		now,
		correlationId: c.get("requestId"),
		ipKey,
	});
	if (!check.ok) return signInPage(c, account, next, { _form: REFUSALS[check.reason] }, 400);
	const { token } = await finishSignIn(db, {
		account: check.account,
		previousSessionId: previous?.session.id ?? null,
		approximatePlace: previous?.session.approximatePlace ?? clientPlace(c) ?? null,
		method: "passkey",
		recovery: false,
		now,
		userAgentLabel: previous?.session.userAgentLabel ?? deviceLabel(c.req.header("User-Agent")),
		ipKey,
		correlationId: c.get("requestId"),
		publicUrl: config.publicUrl,
		randomBytes,
	});
	setSessionCookie(c, token);
	return c.redirect(next || SPACE_HOME[check.account.space], 303);
}

export const passkeyRoutes = new Hono<AppEnv>()
	.use(PASSKEYS_PATH, requireAccount())
	.use(`${PASSKEYS_PATH}/*`, requireAccount())
	.get(PASSKEYS_PATH, (c) =>
		passkeysPage(c, c.get("auth"), { notice: NOTICES[c.req.query("message") ?? ""] }),
	)
	.post(PASSKEYS_PATH, async (c) => {
		const auth = c.get("auth");
		const { db, clock, config } = c.get("deps");
		const form = await parseForm(c, addSchema);
		if (!form.ok) return passkeysPage(c, auth, { status: 400, errors: form.errors, name: form.values.nom });
		const response = parseAnswer<RegistrationResponseJSON>(form.data.reponse, registrationSchema);
		if (!response)
			return passkeysPage(c, auth, { status: 400, errors: { _form: NEEDS_SCRIPT }, name: form.data.nom });
		const result = await registerPasskey(
			db,
			{
				account: auth.account,
				sessionId: auth.session.id,
				correlationId: c.get("requestId"),
				now: clock(),
				rp: relyingPartyOf(config.publicUrl),
			},
			{ name: form.data.nom, response },
		);
		if (!result.ok)
			return passkeysPage(c, auth, { status: 400, errors: { _form: result.message }, name: form.data.nom });
		return c.redirect(`${PASSKEYS_PATH}?message=ajoutee`, 303);
	})
	.post(`${PASSKEYS_PATH}/:id/supprimer`, async (c) => {
		const auth = c.get("auth");
		const { db, clock } = c.get("deps");
		const id = parseRecordId(c.req.param("id"));
		const revoked =
			id !== null &&
			(await revokePasskey(
				db,
				{
					account: auth.account,
					sessionId: auth.session.id,
					correlationId: c.get("requestId"),
					now: clock(),
				},
				id,
			));
		if (!revoked) return c.notFound();
		return c.redirect(`${PASSKEYS_PATH}?message=supprimee`, 303);
	})
	.get("/connexion/cle-d-acces", (c) => {
		const auth = c.get("auth");
		const next = safeNext(c.req.query("next"), "");
		if (auth?.session.secondFactorVerified) return c.redirect(next || SPACE_HOME[auth.account.space], 303);
		return signInPage(c, null, next);
	})
	.post("/connexion/cle-d-acces", (c) => {
		const auth = c.get("auth");
		if (auth?.session.secondFactorVerified) return c.redirect(SPACE_HOME[auth.account.space], 303);
		return usePasskey(c, null, auth);
	})
	.get("/connexion/verification/cle-d-acces", (c) => {
		const auth = c.get("auth");
		if (!auth) return c.redirect("/connexion?message=session-expiree", 303);
		const next = safeNext(c.req.query("next"), "");
		if (auth.session.secondFactorVerified) return c.redirect(next || SPACE_HOME[auth.account.space], 303);
		return signInPage(c, auth.account, next);
	})
	.post("/connexion/verification/cle-d-acces", (c) => {
		const auth = c.get("auth");
		if (!auth || auth.session.secondFactorVerified) return c.redirect("/connexion", 303);
		return usePasskey(c, auth.account, auth);
	});
