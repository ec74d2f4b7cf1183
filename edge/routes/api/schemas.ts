// Schemas of the JSON API: parsed at the boundary and published in the OpenAPI document, which is
// generated from them (never written by hand). Messages are French, as on the HTML forms.
import { z } from "@hono/zod-openapi";

/** A JSON response (or body) of the OpenAPI document: its schema and what it is. */
export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
	content: { "application/json": { schema } },
	description,
});

export const ErrorSchema = z
	.object({
		error: z.object({
			status: z.number().int(),
			code: z.string(),
			message: z.string(),
			requestId: z.string().optional(),
			fields: z.record(z.string(), z.string()).optional(),
		}),
	})
	.openapi("Error");

export const SignInRequest = z
	.strictObject({
		identifier: z
			.string({ error: "L'identifiant est obligatoire." })
			.regex(/^\d{10}$/, "L'identifiant se compose de 10 chiffres.")
			.openapi({ example: "1000000001" }),
		password: z
			.string({ error: "Le mot de passe est obligatoire." })
			.min(1, "Le mot de passe est obligatoire.")
			.max(1024, "Le mot de passe est trop long."),
	})
	.openapi("SignInRequest");

export const SignInResponse = z
	.object({
		status: z.literal("second_factor_required"),
		method: z.enum(["email", "totp"]),
		token: z.string().openapi({
			description: "Jeton de session à présenter en `Authorization: Bearer` pour l'étape du second facteur.",
		}),
	})
	.openapi("SignInResponse");

export const SecondFactorRequest = z
	.strictObject({
		code: z
			.string({ error: "Le code est obligatoire." })
			.trim()
			.min(1, "Le code est obligatoire.")
			.max(32, "Le code n'est pas valide."),
		recovery: z
			.boolean()
			.optional()
			.openapi({ description: "Vrai pour un code de secours de l'application d'authentification." }),
	})
	.openapi("SecondFactorRequest");

export const AccountSchema = z
	.object({
		identifier: z.string(),
		space: z.enum(["adherent", "employeur", "professionnel", "gestionnaire"]),
		secondFactor: z.enum(["email", "totp"]),
	})
	.openapi("Account");

export const SessionSchema = z
	.object({
		id: z.string(),
		device: z.string().nullable(),
		approximatePlace: z.string().nullable(),
		createdAt: z.string().openapi({ format: "date-time" }),
		lastUsedAt: z.string().openapi({ format: "date-time" }),
		expiresAt: z.string().openapi({ format: "date-time" }),
		current: z.boolean(),
	})
	.openapi("Session");

export const SignedInResponse = z
	.object({ token: z.string(), account: AccountSchema, session: SessionSchema })
	.openapi("SignedIn");

export const MeResponse = z
	.object({ account: AccountSchema, session: SessionSchema, cguToAccept: z.string().nullable() })
	.openapi("Me");

export const SessionsResponse = z.object({ sessions: z.array(SessionSchema) }).openapi("Sessions");

export const CguAcceptanceRequest = z
	.strictObject({
		version: z.string().max(32),
		accept: z.literal(true, { error: "Acceptez les conditions générales d'utilisation." }),
		capacity: z.enum(["own_capacity", "parental_authority", "tutor", "curator", "legal_representative"], {
			error: "Indiquez à quel titre vous acceptez les conditions.",
		}),
	})
	.openapi("CguAcceptanceRequest");
