// `/api/v1/auth/activity` and `/api/v1/auth/notifications`: the holder's activity log and alert
// choices for a mobile app, the same services as `/compte/activite` and `/compte/alertes`.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { ACTIVITY_KINDS, listActivity } from "../../../core/activity.ts";
import {
	getNotificationChoices,
	MANDATORY_KINDS,
	saveNotificationChoices,
} from "../../../core/notification-preferences.ts";
import { type NotificationKind, notificationKinds } from "../../../schema/tables/index.ts";
import type { AppEnv, Auth } from "../../env.ts";
import { apiError } from "../../lib/http-errors.ts";
import { ErrorSchema, jsonContent as json } from "./schemas.ts";

const bearer = [{ bearerAuth: [] }];
const unauthorized = { 401: json(ErrorSchema, "Non connecté") };

const ActivityQuery = z.strictObject({
	from: z.iso.date("La date de début doit être au format AAAA-MM-JJ.").optional(),
	to: z.iso.date("La date de fin doit être au format AAAA-MM-JJ.").optional(),
	kind: z.enum(ACTIVITY_KINDS, "Le type doit valoir connexion, consultation ou operation.").optional(),
	before: z
		.string()
		.regex(/^[1-9]\d{0,14}$/, "« before » doit être un numéro de ligne.")
		.transform(Number)
		.optional(),
});
const ActivityResponse = z
	.object({
		lines: z.array(
			z.object({
				seq: z.number().int(),
				at: z.string(),
				kind: z.enum(ACTIVITY_KINDS),
				action: z.string(),
				outcome: z.enum(["success", "failure", "denied"]),
				actor: z.enum([
					"self",
					"colleague",
					"someone_with_identifier",
					"staff",
					"professional",
					"employer",
					"worker",
					"other",
				]),
				page: z.string().nullable(),
				device: z.string().nullable(),
				place: z.string().nullable(),
				verified: z.boolean(),
			}),
		),
		nextBefore: z.number().int().nullable(),
		chainIntact: z.boolean(),
	})
	.openapi("ActivityResponse");

const OPTIONAL_KINDS = notificationKinds.filter((kind) => !MANDATORY_KINDS.has(kind));
const NotificationsResponse = z
	.object({
		email: z.record(z.enum(notificationKinds), z.boolean()),
		alwaysOn: z.array(z.enum(notificationKinds)),
	})
	.openapi("NotificationsResponse");
const NotificationsRequest = z
	.strictObject({
		email: z.strictObject(
			Object.fromEntries(
				OPTIONAL_KINDS.map((kind) => [kind, z.boolean("Indiquez true ou false.")]),
			) as Record<NotificationKind, z.ZodBoolean>,
		),
	})
	.openapi("NotificationsRequest");

function signedIn<E extends AppEnv>(c: Context<E>): Auth | null {
	const auth = c.get("auth");
	return auth?.session.secondFactorVerified ? auth : null;
}

function unauthenticated<E extends AppEnv>(c: Context<E>) {
	const { error } = apiError(401, "Connectez-vous pour accéder à ce service.", c.get("requestId"));
	return c.json({ error: { ...error } }, 401);
}

export const apiActivityRoutes = new OpenAPIHono<AppEnv>();

apiActivityRoutes.openapi(
	createRoute({
		method: "get",
		path: "/auth/activity",
		summary: "L'activité du compte, telle que le journal de sécurité l'a enregistrée (50 lignes)",
		security: bearer,
		request: { query: ActivityQuery },
		responses: {
			200: json(ActivityResponse, "Activité, de la plus récente à la plus ancienne"),
			400: json(ErrorSchema, "Critères invalides"),
			...unauthorized,
		},
	}),
	async (c) => {
		const auth = signedIn(c);
		if (!auth) return unauthenticated(c);
		const query = c.req.valid("query");
		const page = await listActivity(c.get("deps").db, auth.account, query);
		return c.json(
			{ ...page, lines: page.lines.map((line) => ({ ...line, at: line.at.toISOString() })) },
			200,
		);
	},
);

apiActivityRoutes.openapi(
	createRoute({
		method: "get",
		path: "/auth/notifications",
		summary: "Les alertes reçues par e-mail (les alertes de sécurité ne peuvent pas être désactivées)",
		security: bearer,
		responses: { 200: json(NotificationsResponse, "Choix d'alertes"), ...unauthorized },
	}),
	async (c) => {
		const auth = signedIn(c);
		if (!auth) return unauthenticated(c);
		const choices = await getNotificationChoices(c.get("deps").db, auth.account.id);
		const email = Object.fromEntries(notificationKinds.map((kind) => [kind, choices[kind].email])) as Record<
			NotificationKind,
			boolean
		>;
		return c.json({ email, alwaysOn: [...MANDATORY_KINDS] }, 200);
	},
);

apiActivityRoutes.openapi(
	createRoute({
		method: "put",
		path: "/auth/notifications",
		summary: "Choisir les alertes facultatives reçues par e-mail",
		security: bearer,
		request: { body: { content: { "application/json": { schema: NotificationsRequest } }, required: true } },
		responses: {
			204: { description: "Choix enregistrés" },
			400: json(ErrorSchema, "Données invalides"),
			...unauthorized,
		},
	}),
	async (c) => {
		const auth = signedIn(c);
		if (!auth) return unauthenticated(c);
		const { email } = c.req.valid("json");
		const { db, clock } = c.get("deps");
		const enabled = new Set(OPTIONAL_KINDS.filter((kind) => email[kind]));
		await saveNotificationChoices(
			db,
			{
				accountId: auth.account.id,
				sessionId: auth.session.id,
				correlationId: c.get("requestId"),
				now: clock(),
			},
			{ email: enabled },
		);
		return c.body(null, 204);
	},
);
