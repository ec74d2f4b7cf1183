// `/api/v1/auth/...`: the sign-in flows of the HTML pages for a future mobile app. The session
// token travels as `Authorization: Bearer`; the same services as the forms do the work.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { recordAccountActivity } from "../../../core/audit.ts";
import { acceptCgu, cguInForce, hasAcceptedCgu } from "../../../core/cgu.ts";
import { completeSecondFactor, secondFactorOf } from "../../../core/second-factor.ts";
import { invalidateAccountSessions, invalidateSession, listAccountSessions } from "../../../core/session.ts";
import { signOut, startSignIn } from "../../../core/sign-in.ts";
import type { Session } from "../../../schema/tables/index.ts";
import type { AppEnv, Auth } from "../../env.ts";
import { clientPlace, requestIpKey } from "../../lib/client-address.ts";
import { deviceLabel } from "../../lib/device.ts";
import { apiError } from "../../lib/http-errors.ts";
import { BLOCKED_MESSAGES } from "../../views/sign-in.tsx";
import {
	CguAcceptanceRequest,
	ErrorSchema,
	jsonContent as json,
	MeResponse,
	SecondFactorRequest,
	SessionsResponse,
	SignedInResponse,
	SignInRequest,
	SignInResponse,
} from "./schemas.ts";

const errors = {
	400: json(ErrorSchema, "Données invalides"),
	401: json(ErrorSchema, "Non connecté"),
	429: json(ErrorSchema, "Trop de tentatives"),
};
const bearer = [{ bearerAuth: [] }];

function sessionView(session: Session, currentId: string) {
	return {
		id: session.id,
		device: session.userAgentLabel,
		approximatePlace: session.approximatePlace,
		createdAt: session.createdAt.toISOString(),
		lastUsedAt: session.lastUsedAt.toISOString(),
		expiresAt: session.expiresAt.toISOString(),
		current: session.id === currentId,
	};
}

type ApiErrorBody = z.infer<typeof ErrorSchema>;

/** The API's error body, typed as the published schema says. */
function failure<E extends AppEnv>(c: Context<E>, status: number, message: string): ApiErrorBody {
	const { error } = apiError(status, message, c.get("requestId"));
	return { error: { ...error } };
}

function unauthenticated<E extends AppEnv>(c: Context<E>) {
	return c.json(failure(c, 401, "Connectez-vous pour accéder à ce service."), 401);
}

function signedIn<E extends AppEnv>(c: Context<E>): Auth | null {
	const auth = c.get("auth");
	return auth?.session.secondFactorVerified ? auth : null;
}

export const apiAuthRoutes = new OpenAPIHono<AppEnv>();

apiAuthRoutes.openapi(
	createRoute({
		method: "post",
		path: "/auth/sign-in",
		summary: "Première étape de connexion : identifiant et mot de passe",
		request: { body: { content: { "application/json": { schema: SignInRequest } }, required: true } },
		responses: {
			200: json(SignInResponse, "Second facteur demandé"),
			...errors,
			403: json(ErrorSchema, "Compte suspendu ou bloqué (le mot de passe était le bon)"),
		},
	}),
	async (c) => {
		const { db, clock, config, randomBytes } = c.get("deps");
		const body = c.req.valid("json");
		const start = await startSignIn(
			db,
			{
				identifier: body.identifier,
				password: body.password,
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
			c.header("Retry-After", String(start.retryAfterSeconds));
			return c.json(failure(c, 429, "Trop de tentatives de connexion. Réessayez plus tard."), 429);
		}
		if (start.status === "blocked")
			return c.json(failure(c, 403, `${BLOCKED_MESSAGES[start.cause]} Voir /informations/contact.`), 403);
		if (start.status === "invalid")
			return c.json(failure(c, 400, "Identifiant ou mot de passe incorrect."), 400);
		const { method, token } = start;
		return c.json({ status: "second_factor_required" as const, method, token }, 200);
	},
);

apiAuthRoutes.openapi(
	createRoute({
		method: "post",
		path: "/auth/second-factor",
		summary: "Seconde étape : code reçu par e-mail ou code de l'application d'authentification",
		security: bearer,
		request: { body: { content: { "application/json": { schema: SecondFactorRequest } }, required: true } },
		responses: { 200: json(SignedInResponse, "Connecté : nouveau jeton de session"), ...errors },
	}),
	async (c) => {
		const auth = c.get("auth");
		const { db, clock, config, randomBytes } = c.get("deps");
		if (!auth || auth.session.secondFactorVerified) return unauthenticated(c);
		const body = c.req.valid("json");
		const result = await completeSecondFactor(db, {
			account: auth.account,
			session: auth.session,
			code: body.code,
			recovery: body.recovery === true,
			now: clock(),
			userAgentLabel: auth.session.userAgentLabel ?? deviceLabel(c.req.header("User-Agent")),
			ipKey: requestIpKey(c, config.sessionPepper),
			correlationId: c.get("requestId"),
			publicUrl: config.publicUrl,
			randomBytes,
		});
		if (!result.ok)
			return c.json(
				failure(
					c,
					400,
					result.reason === "expired" ? "Ce code n'est plus valable." : "Ce code n'est pas valable.",
				),
				400,
			);
		return c.json(
			{
				token: result.token,
				account: {
					identifier: auth.account.identifier,
					space: auth.account.space,
					secondFactor: secondFactorOf(auth.account),
				},
				session: sessionView(result.session, result.session.id),
			},
			200,
		);
	},
);

apiAuthRoutes.openapi(
	createRoute({
		method: "get",
		path: "/auth/me",
		summary: "Le compte et la session du jeton présenté",
		security: bearer,
		responses: { 200: json(MeResponse, "Compte connecté"), 401: errors[401] },
	}),
	async (c) => {
		const auth = signedIn(c);
		if (!auth) return unauthenticated(c);
		const { db, clock, assets } = c.get("deps");
		const current = cguInForce((await assets()).cguVersions, clock());
		const cguToAccept =
			current && !(await hasAcceptedCgu(db, auth.account.id, current.version)) ? current.version : null;
		return c.json(
			{
				account: {
					identifier: auth.account.identifier,
					space: auth.account.space,
					secondFactor: secondFactorOf(auth.account),
				},
				session: sessionView(auth.session, auth.session.id),
				cguToAccept,
			},
			200,
		);
	},
);

apiAuthRoutes.openapi(
	createRoute({
		method: "post",
		path: "/auth/cgu",
		summary: "Accepter la version des CGU en vigueur",
		security: bearer,
		request: { body: { content: { "application/json": { schema: CguAcceptanceRequest } }, required: true } },
		responses: { 204: { description: "Acceptation enregistrée" }, ...errors },
	}),
	async (c) => {
		const auth = signedIn(c);
		if (!auth) return unauthenticated(c);
		const { db, clock, assets } = c.get("deps");
		const now = clock();
		const body = c.req.valid("json");
		const current = cguInForce((await assets()).cguVersions, now);
		if (!current || current.version !== body.version) {
			return c.json(failure(c, 400, "Cette version n'est pas celle en vigueur."), 400);
		}
		await acceptCgu(db, {
			accountId: auth.account.id,
			sessionId: auth.session.id,
			version: current.version,
			capacity: body.capacity,
			now,
			correlationId: c.get("requestId"),
			via: "api",
		});
		return c.body(null, 204);
	},
);

apiAuthRoutes.openapi(
	createRoute({
		method: "get",
		path: "/auth/sessions",
		summary: "Les sessions ouvertes du compte",
		security: bearer,
		responses: { 200: json(SessionsResponse, "Sessions"), 401: errors[401] },
	}),
	async (c) => {
		const auth = signedIn(c);
		if (!auth) return unauthenticated(c);
		const sessions = await listAccountSessions(c.get("deps").db, auth.account.id);
		return c.json({ sessions: sessions.map((session) => sessionView(session, auth.session.id)) }, 200);
	},
);

apiAuthRoutes.openapi(
	createRoute({
		method: "delete",
		path: "/auth/sessions/{id}",
		summary: "Mettre fin à une session (« others » : à toutes les autres)",
		security: bearer,
		request: { params: z.object({ id: z.string().min(1).max(64) }) },
		responses: {
			204: { description: "Session terminée" },
			401: errors[401],
			404: json(ErrorSchema, "Session inconnue"),
		},
	}),
	async (c) => {
		const auth = signedIn(c);
		if (!auth) return unauthenticated(c);
		const { db, clock } = c.get("deps");
		const { id } = c.req.valid("param");
		if (id === "others") {
			await invalidateAccountSessions(db, auth.account.id, auth.session.id);
		} else {
			const owned = (await listAccountSessions(db, auth.account.id)).some((session) => session.id === id);
			if (!owned) return c.json(failure(c, 404, "Cette session n'existe pas."), 404);
			await invalidateSession(db, id);
		}
		await recordAccountActivity(
			db,
			{ accountId: auth.account.id, sessionId: auth.session.id },
			c.get("requestId"),
			clock(),
			{
				action: id === "others" ? "account.sessions.ended_others" : "account.session.ended",
				objectType: "session",
				objectId: id,
			},
		);
		return c.body(null, 204);
	},
);

apiAuthRoutes.openapi(
	createRoute({
		method: "post",
		path: "/auth/sign-out",
		summary: "Se déconnecter : le jeton présenté est révoqué",
		security: bearer,
		responses: { 204: { description: "Déconnecté" }, 401: errors[401] },
	}),
	async (c) => {
		const auth = c.get("auth");
		if (!auth) return unauthenticated(c);
		const { db, clock } = c.get("deps");
		await signOut(db, {
			accountId: auth.account.id,
			sessionId: auth.session.id,
			now: clock(),
			correlationId: c.get("requestId"),
		});
		return c.body(null, 204);
	},
);
