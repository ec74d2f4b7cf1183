// Signing up (`/inscription`, `/inscription?espace=…`) and activating the account
// (`/compte/activer?jeton=…`). Every valid sign-up gets the same 303 to the same page, whatever
// the records said; the activation sets the password and sends the person to sign in. Plain
// forms: everything works without JavaScript.
import type { Context } from "hono";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { activateAccount, findActivation, type LinkFailure } from "../../core/account-activation.ts";
import { SIGN_UP_SPACES, type SignUpSpace } from "../../core/account-identifier.ts";
import { cguInForce } from "../../core/cgu.ts";
import type { CguVersion } from "../../core/deps.ts";
import { emailAddressSchema, type SignUpInput, SPACE_CAPACITIES, signUp } from "../../core/sign-up.ts";
import { memberNumberSchema, siretSchema } from "../../schema/identifiers.ts";
import type { AppEnv } from "../env.ts";
import { requestIpKey } from "../lib/client-address.ts";
import { type FormResult, parseForm } from "../lib/form.ts";
import { renderPage } from "../views/page.tsx";
import { ActivationLinkProblemPage, ActivationPage } from "../views/sign-up/activation.tsx";
import { SignUpFormPage, signUpTitle } from "../views/sign-up/sign-up-form.tsx";
import { SignUpSentPage } from "../views/sign-up/sign-up-sent.tsx";
import { SpaceChoicePage } from "../views/sign-up/space-choice.tsx";

/** A field that must not be empty, then checked by its own schema. */
function required<S extends z.ZodType<unknown, string>>(message: string, schema: S) {
	return z.string({ error: message }).trim().min(1, message).pipe(schema);
}

const BAD_DATE = "La date de naissance n'est pas valide : saisissez-la au format JJ/MM/AAAA.";

/** `YYYY-MM-DD` from a date field, or `JJ/MM/AAAA` typed where the browser has no date picker. */
const birthDateSchema = z
	.string()
	.transform((value) =>
		value.replace(
			/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/,
			(_, d: string, m: string, y: string) => `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`,
		),
	)
	.refine((value) => {
		if (!/^(19|20)\d{2}-\d{2}-\d{2}$/.test(value)) return false;
		const date = new Date(`${value}T00:00:00Z`);
		return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
	}, BAD_DATE);

/** Contract and convention numbers as printed ("GC00001234", "TP-00001234"): spaces dropped. */
function referenceSchema(what: string) {
	return z
		.string()
		.overwrite((value) => value.replaceAll(/\s/g, "").toUpperCase())
		.regex(
			/^[A-Z0-9][A-Z0-9-]{2,31}$/,
			`Le ${what} ne contient que des lettres, des chiffres et des tirets.`,
		);
}

/** An RPPS (11 digits) or a FINESS (2 characters of département, then 7 digits). */
const practitionerNumberSchema = z
	.string()
	.overwrite((value) => value.replaceAll(/\s/g, "").toUpperCase())
	.regex(
		/^(?:\d{11}|(?:\d{2}|2A|2B)\d{7})$/,
		"Saisissez les 11 chiffres du RPPS ou les 9 caractères du FINESS.",
	);

function acceptance(space: SignUpSpace) {
	return {
		version: z.string().max(32),
		email: emailAddressSchema,
		capacite: z.enum(SPACE_CAPACITIES[space], {
			error: "Indiquez à quel titre vous acceptez les conditions.",
		}),
		accepte: z.literal("oui", {
			error: "Cochez la case « J'accepte les présentes CGU » pour créer votre compte.",
		}),
	};
}

const adherentForm = z.strictObject({
	numeroAdherent: required("Le numéro d'adhérent est obligatoire.", memberNumberSchema),
	dateNaissance: required("La date de naissance est obligatoire.", birthDateSchema),
	...acceptance("adherent"),
});
const employeurForm = z.strictObject({
	siret: required("Le numéro SIRET est obligatoire.", siretSchema),
	numeroContrat: required(
		"Le numéro de contrat collectif est obligatoire.",
		referenceSchema("numéro de contrat"),
	),
	...acceptance("employeur"),
});
const professionnelForm = z.strictObject({
	numeroConvention: required(
		"Le numéro de convention est obligatoire.",
		referenceSchema("numéro de convention"),
	),
	numeroProfessionnel: required("Le numéro RPPS ou FINESS est obligatoire.", practitionerNumberSchema),
	...acceptance("professionnel"),
});

type SignUpForm = Pick<SignUpInput, "proof" | "capacity"> & { readonly version: string };

async function parseSignUp<E extends AppEnv>(
	c: Context<E>,
	space: SignUpSpace,
): Promise<FormResult<SignUpForm>> {
	if (space === "adherent") {
		const form = await parseForm(c, adherentForm);
		if (!form.ok) return form;
		const { numeroAdherent, dateNaissance, email, version, capacite } = form.data;
		return {
			...form,
			data: {
				proof: { space, memberNumber: numeroAdherent, birthDate: dateNaissance, email },
				version,
				capacity: capacite,
			},
		};
	}
	if (space === "employeur") {
		const form = await parseForm(c, employeurForm);
		if (!form.ok) return form;
		const { siret, numeroContrat, email, version, capacite } = form.data;
		return {
			...form,
			data: { proof: { space, siret, contractNumber: numeroContrat, email }, version, capacity: capacite },
		};
	}
	const form = await parseForm(c, professionnelForm);
	if (!form.ok) return form;
	const { numeroConvention, numeroProfessionnel, email, version, capacite } = form.data;
	return {
		...form,
		data: {
			proof: { space, conventionNumber: numeroConvention, practitionerNumber: numeroProfessionnel, email },
			version,
			capacity: capacite,
		},
	};
}

async function cguOfTheDay<E extends AppEnv>(c: Context<E>): Promise<CguVersion> {
	const { assets, clock } = c.get("deps");
	const current = cguInForce((await assets()).cguVersions, clock());
	// Nobody may sign up without terms to accept (article 2).
	if (!current) throw new HTTPException(503);
	return current;
}

const spaceSchema = z.enum(SIGN_UP_SPACES);
const tokenSchema = z
	.string()
	.trim()
	.toLowerCase()
	.regex(/^[a-z2-7]{32}$/);
const activationForm = z.strictObject({
	jeton: tokenSchema,
	// Never trimmed: a password is exactly what was typed. The policy counts characters.
	password: z
		.string({ error: "Choisissez un mot de passe." })
		.min(1, "Choisissez un mot de passe.")
		.max(512, "Le mot de passe doit contenir au plus 128 caractères."),
	confirmation: z
		.string({ error: "Saisissez une seconde fois le mot de passe." })
		.min(1, "Saisissez une seconde fois le mot de passe.")
		.max(512, "Le mot de passe doit contenir au plus 128 caractères."),
});

/** The link's token stays out of the Referer of whatever the page leads to (SECURITY.md). */
const NO_REFERRER = { "Referrer-Policy": "no-referrer" } as const;
const ACTIVATION_TITLE = "Choisir mon mot de passe";

async function linkProblem<E extends AppEnv>(c: Context<E>, reason: LinkFailure): Promise<Response> {
	const page = await renderPage(
		c,
		{ title: "Lien d'activation non valable", status: 400, headers: NO_REFERRER },
		<ActivationLinkProblemPage reason={reason} />,
	);
	// 410 Gone for a link that was good once; renderPage knows no 410.
	return reason === "invalid" ? page : new Response(page.body, { status: 410, headers: page.headers });
}

export const signUpRoutes = new Hono<AppEnv>()
	.get("/inscription", async (c) => {
		const espace = c.req.query("espace");
		if (espace === undefined) return renderPage(c, { title: "Créer mon compte" }, <SpaceChoicePage />);
		const space = spaceSchema.safeParse(espace);
		if (!space.success)
			return renderPage(c, { title: "Créer mon compte", status: 400 }, <SpaceChoicePage invalid />);
		const cgu = await cguOfTheDay(c);
		return renderPage(
			c,
			{ title: signUpTitle(space.data) },
			<SignUpFormPage space={space.data} cgu={cgu} values={{}} errors={{}} />,
		);
	})
	.post("/inscription", async (c) => {
		const { db, clock, config, randomBytes } = c.get("deps");
		const space = spaceSchema.safeParse(c.req.query("espace"));
		if (!space.success)
			return renderPage(c, { title: "Créer mon compte", status: 400 }, <SpaceChoicePage invalid />);
		const cgu = await cguOfTheDay(c);
		const form = await parseSignUp(c, space.data);
		// The form names the version it showed: a newer one in the meantime must be read first.
		const errors = !form.ok
			? form.errors
			: form.data.version !== cgu.version
				? {
						_form:
							"Une nouvelle version des conditions générales d'utilisation est entrée en vigueur entre-temps : lisez-la avant de l'accepter.",
					}
				: null;
		if (!form.ok || errors) {
			const values = { ...form.values, ...(form.ok ? { accepte: "" } : {}) };
			return renderPage(
				c,
				{ title: signUpTitle(space.data), status: 400 },
				<SignUpFormPage space={space.data} cgu={cgu} values={values} errors={errors ?? {}} />,
			);
		}
		await signUp(db, {
			...form.data,
			cguVersion: cgu.version,
			ipKey: requestIpKey(c, config.sessionPepper),
			now: clock(),
			pepper: config.sessionPepper,
			publicUrl: config.publicUrl,
			randomBytes,
			correlationId: c.get("requestId"),
		});
		// Whatever happened: the same redirect to the same page (no enumeration).
		return c.redirect("/inscription/confirmation", 303);
	})
	.get("/inscription/confirmation", (c) =>
		renderPage(c, { title: "Vérifiez votre messagerie" }, <SignUpSentPage />),
	)
	.get("/compte/activer", async (c) => {
		const { db, clock } = c.get("deps");
		const token = tokenSchema.safeParse(c.req.query("jeton"));
		if (!token.success) return linkProblem(c, "invalid");
		const found = await findActivation(db, token.data, clock());
		if (!found.ok) return linkProblem(c, found.reason);
		return renderPage(
			c,
			{ title: ACTIVATION_TITLE, headers: NO_REFERRER },
			<ActivationPage identifier={found.account.identifier} token={token.data} errors={{}} />,
		);
	})
	.post("/compte/activer", async (c) => {
		const { db, clock, config, randomBytes } = c.get("deps");
		const form = await parseForm(c, activationForm);
		const token = tokenSchema.safeParse(form.values.jeton);
		if (!token.success) return linkProblem(c, "invalid");
		if (!form.ok) {
			const found = await findActivation(db, token.data, clock());
			if (!found.ok) return linkProblem(c, found.reason);
			return renderPage(
				c,
				{ title: ACTIVATION_TITLE, status: 400, headers: NO_REFERRER },
				<ActivationPage identifier={found.account.identifier} token={token.data} errors={form.errors} />,
			);
		}
		const result = await activateAccount(db, {
			token: form.data.jeton,
			password: form.data.password,
			confirmation: form.data.confirmation,
			now: clock(),
			pepper: config.sessionPepper,
			randomBytes,
			ipKey: requestIpKey(c, config.sessionPepper),
			correlationId: c.get("requestId"),
		});
		if (result.ok) return c.redirect("/connexion?message=active", 303);
		if (result.reason !== "password") return linkProblem(c, result.reason);
		return renderPage(
			c,
			{ title: ACTIVATION_TITLE, status: 400, headers: NO_REFERRER },
			<ActivationPage
				identifier={result.identifier}
				token={form.data.jeton}
				errors={{ [result.field]: result.message }}
			/>,
		);
	});
