// `/api/v1/auth/...` for the flows that happen before a session exists: sign-up, activation,
// password reset. Same services and the same neutral answers as the HTML forms.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { activateAccount } from "../../../core/account-activation.ts";
import { cguInForce } from "../../../core/cgu.ts";
import { completePasswordReset, requestPasswordReset } from "../../../core/password-reset.ts";
import { emailAddressSchema, type SignUpProof, signUp } from "../../../core/sign-up.ts";
import { memberNumberSchema, siretSchema } from "../../../schema/identifiers.ts";
import type { AppEnv } from "../../env.ts";
import { requestIpKey } from "../../lib/client-address.ts";
import { apiError } from "../../lib/http-errors.ts";
import { ErrorSchema, jsonContent as json } from "./schemas.ts";

const Accepted = z.object({ status: z.literal("received"), message: z.string() }).openapi("Accepted");
const NEUTRAL_SIGN_UP =
	"Si ces informations correspondent à nos fichiers, un e-mail vous est envoyé avec votre identifiant et un lien pour choisir votre mot de passe.";
const NEUTRAL_RESET =
	"Si cet identifiant correspond à un compte actif, un e-mail vous est envoyé avec un lien valable 30 minutes.";

const acceptance = {
	email: emailAddressSchema,
	cguVersion: z.string().max(32),
	acceptCgu: z.literal(true, { error: "Acceptez les conditions générales d'utilisation." }),
};
const SignUpRequest = z
	.discriminatedUnion("space", [
		z.strictObject({
			space: z.literal("adherent"),
			memberNumber: memberNumberSchema,
			birthDate: z.iso.date({ error: "La date de naissance doit être au format AAAA-MM-JJ." }),
			capacity: z.enum(["own_capacity", "parental_authority", "tutor", "curator"]),
			...acceptance,
		}),
		z.strictObject({
			space: z.literal("employeur"),
			siret: siretSchema,
			contractNumber: z
				.string()
				.trim()
				.toUpperCase()
				.regex(/^[A-Z0-9][A-Z0-9-]{2,31}$/, "Le numéro de contrat n'est pas valide."),
			capacity: z.enum(["legal_representative", "own_capacity"]),
			...acceptance,
		}),
		z.strictObject({
			space: z.literal("professionnel"),
			conventionNumber: z
				.string()
				.trim()
				.toUpperCase()
				.regex(/^[A-Z0-9][A-Z0-9-]{2,31}$/, "Le numéro de convention n'est pas valide."),
			practitionerNumber: z
				.string()
				.trim()
				.toUpperCase()
				.regex(
					/^(?:\d{11}|(?:\d{2}|2A|2B)\d{7})$/,
					"Saisissez les 11 chiffres du RPPS ou les 9 caractères du FINESS.",
				),
			capacity: z.enum(["own_capacity", "legal_representative"]),
			...acceptance,
		}),
	])
	.openapi("SignUpRequest");
const NewPasswordRequest = z
	.strictObject({
		token: z.string().trim().min(16).max(128),
		password: z
			.string({ error: "Choisissez un mot de passe." })
			.min(1, "Choisissez un mot de passe.")
			.max(1024),
		confirmation: z
			.string({ error: "Confirmez le mot de passe." })
			.min(1, "Confirmez le mot de passe.")
			.max(1024),
	})
	.openapi("NewPasswordRequest");

function error<E extends AppEnv>(c: Context<E>, status: number, message: string) {
	return { error: { ...apiError(status, message, c.get("requestId")).error } };
}

function proofOf(body: z.infer<typeof SignUpRequest>): SignUpProof {
	if (body.space === "adherent")
		return {
			space: body.space,
			memberNumber: body.memberNumber,
			birthDate: body.birthDate,
			email: body.email,
		};
	if (body.space === "employeur")
		return { space: body.space, siret: body.siret, contractNumber: body.contractNumber, email: body.email };
	return {
		space: body.space,
		conventionNumber: body.conventionNumber,
		practitionerNumber: body.practitionerNumber,
		email: body.email,
	};
}

const LINK_MESSAGES = {
	invalid: "Ce lien n'est pas valable.",
	expired: "Ce lien a expiré : demandez-en un nouveau.",
	used: "Ce lien a déjà servi.",
} as const;

/** What activating an account or completing a reset answers: both spend a link and set a password. */
type LinkPasswordResult =
	| { readonly ok: true }
	| { readonly ok: false; readonly reason: "password"; readonly message: string }
	| { readonly ok: false; readonly reason: keyof typeof LINK_MESSAGES };

function linkPasswordResponse<E extends AppEnv>(c: Context<E>, result: LinkPasswordResult) {
	if (result.ok) return c.body(null, 204);
	if (result.reason === "password") return c.json(error(c, 400, result.message), 400);
	const status = result.reason === "invalid" ? 400 : 410;
	return c.json(error(c, status, LINK_MESSAGES[result.reason]), status);
}

export const apiAccountRoutes = new OpenAPIHono<AppEnv>();

apiAccountRoutes.openapi(
	createRoute({
		method: "post",
		path: "/auth/sign-up",
		summary: "Créer un compte : la réponse est la même que les informations correspondent ou non",
		request: { body: { content: { "application/json": { schema: SignUpRequest } }, required: true } },
		responses: { 202: json(Accepted, "Demande reçue"), 400: json(ErrorSchema, "Données invalides") },
	}),
	async (c) => {
		const { db, clock, config, randomBytes, assets } = c.get("deps");
		const body = c.req.valid("json");
		const now = clock();
		const current = cguInForce((await assets()).cguVersions, now);
		if (!current || current.version !== body.cguVersion) {
			return c.json(
				error(c, 400, "Acceptez la version des conditions générales d'utilisation en vigueur."),
				400,
			);
		}
		await signUp(db, {
			proof: proofOf(body),
			cguVersion: current.version,
			capacity: body.capacity,
			ipKey: requestIpKey(c, config.sessionPepper),
			now,
			pepper: config.sessionPepper,
			publicUrl: config.publicUrl,
			randomBytes,
			correlationId: c.get("requestId"),
		});
		return c.json({ status: "received" as const, message: NEUTRAL_SIGN_UP }, 202);
	},
);

apiAccountRoutes.openapi(
	createRoute({
		method: "post",
		path: "/auth/activate",
		summary: "Choisir son mot de passe avec le lien d'activation",
		request: { body: { content: { "application/json": { schema: NewPasswordRequest } }, required: true } },
		responses: {
			204: { description: "Compte activé" },
			400: json(ErrorSchema, "Lien ou mot de passe refusé"),
			410: json(ErrorSchema, "Lien expiré ou déjà utilisé"),
		},
	}),
	async (c) => {
		const { db, clock, config, randomBytes } = c.get("deps");
		const body = c.req.valid("json");
		const result = await activateAccount(db, {
			token: body.token,
			password: body.password,
			confirmation: body.confirmation,
			now: clock(),
			pepper: config.sessionPepper,
			randomBytes,
			ipKey: requestIpKey(c, config.sessionPepper),
			correlationId: c.get("requestId"),
		});
		return linkPasswordResponse(c, result);
	},
);

apiAccountRoutes.openapi(
	createRoute({
		method: "post",
		path: "/auth/password-reset",
		summary: "Recevoir un lien de réinitialisation : même réponse que l'identifiant existe ou non",
		request: {
			body: {
				content: {
					"application/json": {
						schema: z
							.strictObject({
								identifier: z.string().regex(/^\d{10}$/, "L'identifiant se compose de 10 chiffres."),
							})
							.openapi("PasswordResetRequest"),
					},
				},
				required: true,
			},
		},
		responses: { 202: json(Accepted, "Demande reçue"), 400: json(ErrorSchema, "Données invalides") },
	}),
	async (c) => {
		const { db, clock, config, randomBytes } = c.get("deps");
		await requestPasswordReset(db, {
			identifier: c.req.valid("json").identifier,
			ipKey: requestIpKey(c, config.sessionPepper),
			now: clock(),
			publicUrl: config.publicUrl,
			randomBytes,
			correlationId: c.get("requestId"),
		});
		return c.json({ status: "received" as const, message: NEUTRAL_RESET }, 202);
	},
);

apiAccountRoutes.openapi(
	createRoute({
		method: "post",
		path: "/auth/password-reset/complete",
		summary: "Choisir un nouveau mot de passe avec le lien reçu (toutes les sessions sont fermées)",
		request: { body: { content: { "application/json": { schema: NewPasswordRequest } }, required: true } },
		responses: {
			204: { description: "Mot de passe changé" },
			400: json(ErrorSchema, "Lien ou mot de passe refusé"),
			410: json(ErrorSchema, "Lien expiré ou déjà utilisé"),
		},
	}),
	async (c) => {
		const { db, clock, config, randomBytes } = c.get("deps");
		const body = c.req.valid("json");
		c.header("Referrer-Policy", "no-referrer");
		const result = await completePasswordReset(db, {
			token: body.token,
			password: body.password,
			confirmation: body.confirmation,
			now: clock(),
			pepper: config.sessionPepper,
			publicUrl: config.publicUrl,
			randomBytes,
			ipKey: requestIpKey(c, config.sessionPepper),
			correlationId: c.get("requestId"),
		});
		return linkPasswordResponse(c, result);
	},
);
