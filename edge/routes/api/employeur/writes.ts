// Writes of the espace employeur in the JSON API (ADR 0034): affiliating one employee and asking
// for a bank-details change, through the same core services as the pages. Mounted inside
// apiEmployeurRoutes, behind its requireEmployer: the administrator's role is checked there as for
// the pages (« gestion des salariés » or the main administrator for /salaries, « finances » or the
// main administrator for /coordonnees-bancaires; « lecture » never writes).
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { isRealDay } from "../../../../core/calendar.ts";
import { affiliateEmployee } from "../../../../core/employeur/affiliate.ts";
import { requestBankChange } from "../../../../core/employeur/bank-details.ts";
import { checkFreshTotp } from "../../../../core/employeur/reauthentication.ts";
import { parisDayOf } from "../../../../core/format.ts";
import { emailAddressSchema } from "../../../../core/sign-up.ts";
import { coverageOptions } from "../../../../schema/enums.ts";
import { bicSchema, ibanSchema, nirSchema, postalCodeSchema } from "../../../../schema/identifiers.ts";
import type { AppEnv } from "../../../env.ts";
import { apiError } from "../../../lib/http-errors.ts";
import { employerScope } from "../../../middleware/employer.ts";
import { ErrorSchema, jsonContent as json } from "../schemas.ts";

const errors = {
	400: json(ErrorSchema, "Données invalides"),
	401: json(ErrorSchema, "Non connecté"),
	403: json(ErrorSchema, "Réservé aux administrateurs dont le rôle le permet"),
};
const text = (label: string, max: number) =>
	z
		.string(`${label} est obligatoire.`)
		.trim()
		.min(1, `${label} est obligatoire.`)
		.max(max, `${label} ne doit pas dépasser ${max} caractères.`);
const day = (message: string) =>
	z.string(message).refine(isRealDay, message).openapi({ format: "date", example: "2026-12-01" });

const AffiliationSchema = z
	.strictObject({
		nir: nirSchema,
		lastName: text("Le nom", 80),
		firstName: text("Le prénom", 80),
		birthDate: day("Indiquez la date de naissance (AAAA-MM-JJ)."),
		email: emailAddressSchema,
		addressLine1: text("L'adresse", 120),
		postalCode: postalCodeSchema,
		city: text("La ville", 80),
		employeeNumber: z
			.string()
			.trim()
			.max(20, "Le matricule ne doit pas dépasser 20 caractères.")
			.regex(/^[A-Za-z0-9-]*$/, "Le matricule ne contient que des lettres, des chiffres et des tirets.")
			.optional(),
		startDate: day("Indiquez la date d'affiliation (AAAA-MM-JJ)."),
		categoryId: z.number("Choisissez une catégorie dans la liste.").int().positive(),
		option: z.enum(coverageOptions, "Choisissez une option."),
	})
	.openapi("AffiliationRequest");

const AFFILIATION_PROBLEMS = {
	unknown_category: [400, "Choisissez une catégorie dans la liste."],
	nir_birth_date: [400, "Le numéro de sécurité sociale ne correspond pas à la date de naissance."],
	already_affiliated: [409, "Ce salarié est déjà affilié au contrat de votre entreprise."],
	start_before_contract: [400, "L'affiliation ne peut pas commencer avant le contrat collectif."],
	start_too_far: [400, "L'affiliation ne peut pas commencer plus de trois mois à l'avance."],
} as const;

const BankChangeSchema = z
	.strictObject({
		iban: ibanSchema,
		bic: bicSchema,
		holderName: text("Le titulaire du compte", 70),
		password: z
			.string("Saisissez votre mot de passe.")
			.min(1, "Saisissez votre mot de passe.")
			.max(128, "Le mot de passe ne dépasse pas 128 caractères."),
		totpCode: z
			.string("Saisissez le code de votre application d'authentification.")
			.regex(/^\d{6}$/, "Le code de l'application d'authentification se compose de 6 chiffres.")
			.openapi({ description: "Un code actuel de l'application d'authentification, jamais déjà utilisé." }),
	})
	.openapi("BankChangeRequest");

const BANK_PROBLEMS = {
	password: [400, "Le mot de passe n'est pas le bon."],
	pending_exists: [409, "Un changement est déjà en attente : annulez-le avant d'en demander un autre."],
	rate_limited: [429, "Trois changements ont déjà été demandés aujourd'hui. Réessayez demain."],
	same_account: [400, "Ce compte est déjà celui du mandat en vigueur."],
	no_mandate: [409, "Aucun mandat n'est en vigueur : contactez-nous."],
} as const;

export const apiEmployeurWriteRoutes = new OpenAPIHono<AppEnv>();

apiEmployeurWriteRoutes.openapi(
	createRoute({
		method: "post",
		path: "/salaries",
		summary:
			"Affilie un salarié au contrat collectif ; il reçoit par courriel l'invitation à créer son espace adhérent",
		security: [{ bearerAuth: [] }],
		request: { body: { content: { "application/json": { schema: AffiliationSchema } }, required: true } },
		responses: {
			201: json(
				z.object({ id: z.number().int(), url: z.string() }).openapi("AffiliationCreated"),
				"Salarié affilié",
			),
			...errors,
			409: json(ErrorSchema, "Salarié déjà affilié"),
		},
	}),
	async (c) => {
		const { db, clock, config, randomBytes } = c.get("deps");
		const body = c.req.valid("json");
		const now = clock();
		const result = await affiliateEmployee(db, {
			scope: employerScope(c),
			nir: body.nir,
			lastName: body.lastName,
			firstName: body.firstName,
			birthDate: body.birthDate,
			email: body.email,
			addressLine1: body.addressLine1,
			postalCode: body.postalCode,
			city: body.city,
			employeeNumber: body.employeeNumber ? body.employeeNumber.toUpperCase() : undefined,
			startDate: body.startDate,
			categoryId: body.categoryId,
			option: body.option,
			today: parisDayOf(now),
			now,
			publicUrl: config.publicUrl,
			randomBytes,
			correlationId: c.get("requestId"),
		});
		if (result.ok)
			return c.json(
				{ id: result.affiliationId, url: `/api/v1/employeur/salaries/${result.affiliationId}` },
				201,
			);
		const [status, message] = AFFILIATION_PROBLEMS[result.reason];
		return c.json(apiError(status, message, c.get("requestId")), status);
	},
);

apiEmployeurWriteRoutes.openapi(
	createRoute({
		method: "post",
		path: "/coordonnees-bancaires",
		summary:
			"Demande un changement du compte prélevé : mot de passe et code de l'application d'authentification exigés, 48 heures d'attente, annulable",
		description:
			"Le jeton de session seul ne suffit pas : la demande porte le mot de passe et un code actuel de l'application d'authentification (5 essais par quart d'heure). Le changement prend effet 48 heures après, sauf annulation ; le lien d'annulation est envoyé à l'adresse de l'entreprise et à l'administrateur. Trois demandes par jour au plus.",
		security: [{ bearerAuth: [] }],
		request: { body: { content: { "application/json": { schema: BankChangeSchema } }, required: true } },
		responses: {
			202: json(
				z
					.object({
						changeId: z.number().int(),
						effectiveAt: z.string().openapi({ format: "date-time" }),
						mandatePdfUrl: z.string(),
					})
					.openapi("BankChangePending"),
				"Changement en attente",
			),
			...errors,
			409: json(ErrorSchema, "Un changement déjà en attente, ou aucun mandat en vigueur"),
			429: json(ErrorSchema, "Trop de demandes"),
		},
	}),
	async (c) => {
		const scope = employerScope(c);
		const { db, clock, config } = c.get("deps");
		const body = c.req.valid("json");
		const now = clock();
		const fresh = await checkFreshTotp(db, scope.accountId, body.totpCode, now);
		if (!fresh.ok) {
			if (fresh.reason === "rate_limited") {
				c.header("Retry-After", String(fresh.retryAfterSeconds));
				return c.json(
					apiError(429, "Trop d'essais : réessayez dans quelques minutes.", c.get("requestId")),
					429,
				);
			}
			return c.json(
				apiError(400, "Le code de l'application d'authentification n'est pas le bon.", c.get("requestId")),
				400,
			);
		}
		const result = await requestBankChange(db, {
			scope,
			password: body.password,
			iban: body.iban,
			bic: body.bic,
			holderName: body.holderName,
			now,
			pepper: config.sessionPepper,
			publicUrl: config.publicUrl,
			correlationId: c.get("requestId"),
		});
		if (result.ok)
			return c.json(
				{
					changeId: result.changeId,
					effectiveAt: result.effectiveAt.toISOString(),
					mandatePdfUrl: "/employeur/coordonnees-bancaires/mandat.pdf",
				},
				202,
			);
		const [status, message] = BANK_PROBLEMS[result.reason];
		return c.json(apiError(status, message, c.get("requestId")), status);
	},
);
