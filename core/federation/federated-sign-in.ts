// Signing in through FranceConnect or Pro Santé Connect (ADR 0039). The redirect to the provider,
// its answer, and either a session at once (an identity already linked) or the linking steps: the
// password once, then the account's second factor, then the link. Every refusal and every link
// is in the audit trail; none of them opens a session.
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import {
	type Account,
	accounts,
	type FederationProvider,
	federatedIdentities,
} from "../../schema/tables/index.ts";
import { appendAuditEvent, recordAuditEvent } from "../audit.ts";
import type { FederationProviderConfig } from "../config.ts";
import type { RandomBytes } from "../password.ts";
import {
	type CompleteInput,
	completeSecondFactor,
	finishSignIn,
	type SecondFactorMethod,
	secondFactorOf,
	sendSignInCode,
} from "../second-factor.ts";
import { ABSOLUTE_LIFETIME_MS, createSession, generateSessionToken } from "../session.ts";
import { type CredentialInput, checkCredentials } from "../sign-in.ts";
import {
	authorizationUrl,
	type CallbackRefusal,
	endSessionUrl,
	newLoginSecrets,
	redeemCallback,
} from "./client.ts";
import { findFederatedIdentity } from "./identities.ts";
import {
	advanceFederatedLogin,
	createFederatedLogin,
	type FederatedLogin,
	findFederatedLogin,
	findLoginOfSession,
	PENDING_LOGIN_MS,
} from "./logins.ts";
import { PROVIDERS, type ProviderInfo } from "./providers.ts";

export function callbackUrl(info: ProviderInfo, publicUrl: URL): URL {
	return new URL(`/connexion/${info.slug}/retour`, publicUrl);
}

/** Where the provider sends the browser back after its own logout. */
export function postLogoutUrl(publicUrl: URL): URL {
	return new URL("/connexion?message=deconnecte", publicUrl);
}

export type LoginStart =
	| { readonly ok: true; readonly token: string; readonly url: URL }
	| { readonly ok: false; readonly reason: "unavailable" };

/** Opens a login: its one-time values stored, the browser's token, and the provider's address. */
export async function startFederatedLogin(
	db: Database,
	input: {
		info: ProviderInfo;
		provider: FederationProviderConfig;
		publicUrl: URL;
		nextPath: string | null;
		now: Date;
		randomBytes: RandomBytes;
	},
): Promise<LoginStart> {
	const secrets = newLoginSecrets();
	let url: URL;
	try {
		url = await authorizationUrl(
			input.info,
			input.provider,
			secrets,
			callbackUrl(input.info, input.publicUrl),
		);
	} catch {
		return { ok: false, reason: "unavailable" };
	}
	const token = await createFederatedLogin(db, {
		provider: input.info.id,
		secrets,
		nextPath: input.nextPath,
		now: input.now,
		randomBytes: input.randomBytes,
	});
	return { ok: true, token, url };
}

/** Why a federated sign-in did not open a session. */
export type FederatedRefusal = CallbackRefusal | "expired" | "blocked" | "wrong_space" | "cancelled";

interface Trail {
	readonly now: Date;
	readonly correlationId: string;
	readonly ipKey: string;
}

function recordRefusal(
	db: Database,
	provider: FederationProvider,
	reason: FederatedRefusal,
	trail: Trail,
	accountId: number | null = null,
	detail?: string,
): Promise<number> {
	return recordAuditEvent(db, {
		occurredAt: trail.now,
		accountId,
		actorKind: "anonymous",
		action: "auth.federation.sign_in",
		objectType: "federation_provider",
		objectId: provider,
		outcome: "denied",
		correlationId: trail.correlationId,
		ipHash: trail.ipKey,
		details: { reason, ...(detail ? { detail: detail.slice(0, 60) } : {}) },
	});
}

export interface CallbackInput extends Trail {
	readonly info: ProviderInfo;
	readonly provider: FederationProviderConfig;
	/** The cookie's token (the login started in this browser), if any. */
	readonly token: string | undefined;
	/** The query the provider sent the browser back with (`?code=…&state=…`, or `?error=…`). */
	readonly query: string;
	readonly userAgentLabel: string;
	readonly approximatePlace: string | null;
	readonly publicUrl: URL;
	readonly randomBytes: RandomBytes;
}

export type CallbackResult =
	| {
			readonly status: "signed_in";
			readonly token: string;
			readonly account: Account;
			readonly next: string | null;
	  }
	| { readonly status: "link_required" }
	| { readonly status: "refused"; readonly reason: FederatedRefusal };

/** The provider's answer: checked, then a session for a linked identity, or the linking step. */
export async function handleFederatedCallback(db: Database, input: CallbackInput): Promise<CallbackResult> {
	const { info } = input;
	const refuse = async (reason: FederatedRefusal, accountId: number | null = null, detail?: string) => {
		await recordRefusal(db, info.id, reason, input, accountId, detail);
		return { status: "refused", reason } as const;
	};
	const login = await findFederatedLogin(db, input.token, "started", input.now);
	// No login of this browser waits for this provider: an answer replayed, or sent to another browser.
	if (!login || login.provider !== info.id) return refuse("expired");
	// Spent before anything else, so that the same answer can never be redeemed twice.
	if (!(await advanceFederatedLogin(db, login.id, "started", { status: "ended" }))) return refuse("expired");
	// The redirect URI as registered, from the configured public address (never the Host header).
	const url = callbackUrl(info, input.publicUrl);
	url.search = input.query;
	if (url.searchParams.get("state") !== login.state) return refuse("state");
	const outcome = await redeemCallback(input.provider, login, url);
	if (!outcome.ok) return refuse(outcome.reason, null, outcome.detail);
	const identity = await findFederatedIdentity(db, info.id, outcome.subject);
	if (!identity) {
		await advanceFederatedLogin(db, login.id, "ended", {
			status: "awaiting_link",
			subject: outcome.subject,
			displayName: outcome.displayName,
			acr: outcome.acr,
			idToken: outcome.idToken,
			expiresAt: new Date(input.now.getTime() + PENDING_LOGIN_MS),
		});
		return { status: "link_required" };
	}
	const [account] = await db.select().from(accounts).where(eq(accounts.id, identity.accountId));
	if (account?.state !== "active") return refuse("blocked", identity.accountId);
	if (account.space !== info.space) return refuse("wrong_space", account.id);
	const { token, session } = await finishSignIn(db, {
		account,
		previousSessionId: null,
		approximatePlace: input.approximatePlace,
		method: info.id,
		recovery: false,
		now: input.now,
		userAgentLabel: input.userAgentLabel,
		ipKey: input.ipKey,
		correlationId: input.correlationId,
		publicUrl: input.publicUrl,
		randomBytes: input.randomBytes,
	});
	await advanceFederatedLogin(db, login.id, "ended", {
		status: "completed",
		subject: outcome.subject,
		acr: outcome.acr,
		idToken: outcome.idToken,
		accountId: account.id,
		sessionId: session.id,
		expiresAt: session.absoluteExpiresAt,
	});
	await db
		.update(federatedIdentities)
		.set({ lastUsedAt: input.now })
		.where(eq(federatedIdentities.id, identity.id));
	return { status: "signed_in", token, account, next: login.nextPath };
}

/** The identity waiting to be linked, for the linking page; null when there is none. */
export async function identityAwaitingLink(
	db: Database,
	token: string | undefined,
	now: Date,
): Promise<{ readonly info: ProviderInfo; readonly displayName: string | null } | null> {
	const login = await findFederatedLogin(db, token, "awaiting_link", now);
	return login ? { info: PROVIDERS[login.provider], displayName: login.displayName } : null;
}

export type LinkStart =
	| { readonly status: "second_factor_required"; readonly token: string; readonly method: SecondFactorMethod }
	| { readonly status: "expired" | "invalid" | "wrong_space" | "blocked" }
	| { readonly status: "throttled"; readonly retryAfterSeconds: number };

/**
 * The password step of a link: the credentials (throttled like any sign-in), an account of the
 * provider's space, then a half-open session tied to the login, waiting for the second factor.
 */
export async function startLinkWithPassword(
	db: Database,
	input: CredentialInput & {
		token: string | undefined;
		userAgentLabel: string;
		approximatePlace: string | null;
		publicUrl: URL;
		correlationId: string;
	},
	randomBytes: RandomBytes,
): Promise<LinkStart> {
	const login = await findFederatedLogin(db, input.token, "awaiting_link", input.now);
	if (!login) return { status: "expired" };
	const check = await checkCredentials(db, input, randomBytes);
	if (!check.ok)
		return check.reason === "throttled"
			? { status: "throttled", retryAfterSeconds: check.retryAfterSeconds }
			: { status: check.reason };
	const { account } = check;
	if (account.space !== PROVIDERS[login.provider].space) {
		await recordRefusal(db, login.provider, "wrong_space", input, account.id);
		return { status: "wrong_space" };
	}
	const token = generateSessionToken(randomBytes);
	const session = await createSession(db, {
		token,
		account,
		now: input.now,
		userAgentLabel: input.userAgentLabel,
		approximatePlace: input.approximatePlace,
		secondFactorVerified: false,
	});
	if (
		!(await advanceFederatedLogin(db, login.id, "awaiting_link", {
			status: "linking",
			accountId: account.id,
			sessionId: session.id,
		}))
	)
		return { status: "expired" };
	const method = secondFactorOf(account);
	if (method === "email")
		await sendSignInCode(db, {
			account,
			sessionId: session.id,
			now: input.now,
			publicUrl: input.publicUrl,
			randomBytes,
		});
	return { status: "second_factor_required", token, method };
}

/** The provider of the link this half-open session is completing, or null. */
export async function linkInProgress(
	db: Database,
	sessionId: string,
	now: Date,
): Promise<ProviderInfo | null> {
	const login = await findLoginOfSession(db, sessionId, "linking", now);
	return login ? PROVIDERS[login.provider] : null;
}

export type LinkCompletion =
	| { readonly ok: true; readonly token: string; readonly info: ProviderInfo; readonly next: string | null }
	| { readonly ok: false; readonly reason: "invalid" | "expired" | "no_link" | "taken" };

/** The second factor of a link: on success the identity is linked and the session opens. */
export async function completeLink(db: Database, input: CompleteInput): Promise<LinkCompletion> {
	const login = await findLoginOfSession(db, input.session.id, "linking", input.now);
	if (!login?.subject || login.accountId !== input.account.id) return { ok: false, reason: "no_link" };
	const result = await completeSecondFactor(db, input);
	if (!result.ok) return result;
	const linked = await db.transaction(
		async (tx) => {
			const inserted = await tx
				.insert(federatedIdentities)
				.values({
					provider: login.provider,
					subject: login.subject as string,
					accountId: input.account.id,
					linkedAt: input.now,
					lastUsedAt: input.now,
				})
				.onConflictDoNothing()
				.returning({ id: federatedIdentities.id });
			const identity = inserted[0];
			if (!identity) return false;
			await appendAuditEvent(tx, {
				occurredAt: input.now,
				accountId: input.account.id,
				sessionId: result.session.id,
				actorKind: "account",
				action: "account.federation.linked",
				objectType: "federated_identity",
				objectId: String(identity.id),
				outcome: "success",
				correlationId: input.correlationId,
				ipHash: input.ipKey,
				details: { provider: login.provider, acr: login.acr },
			});
			await advanceFederatedLogin(tx, login.id, "linking", {
				status: "completed",
				sessionId: result.session.id,
				expiresAt: new Date(input.now.getTime() + ABSOLUTE_LIFETIME_MS[input.account.space]),
			});
			return true;
		},
		{ behavior: "immediate" },
	);
	// The identity was linked to another account meanwhile: the password sign-in stands, the link not.
	if (!linked) return { ok: false, reason: "taken" };
	return { ok: true, token: result.token, info: PROVIDERS[login.provider], next: login.nextPath };
}

/** The person declines to link: the waiting identity is dropped, and the trail says so. */
export async function cancelFederatedLink(
	db: Database,
	input: Trail & { token: string | undefined; sessionId: string | null },
): Promise<ProviderInfo | null> {
	const login =
		(await findFederatedLogin(db, input.token, "awaiting_link", input.now)) ??
		(input.sessionId ? await findLoginOfSession(db, input.sessionId, "linking", input.now) : null);
	if (
		!login ||
		!(await advanceFederatedLogin(db, login.id, login.status, { status: "ended", idToken: null }))
	)
		return null;
	await recordRefusal(db, login.provider, "cancelled", input, login.accountId);
	return PROVIDERS[login.provider];
}

/**
 * The provider's logout address for a session a federated login opened (its ID token as hint),
 * or null; the login row ends either way, so its ID token is not kept past the session.
 */
export async function federatedLogoutUrl(
	db: Database,
	input: {
		sessionId: string;
		now: Date;
		publicUrl: URL;
		providers: (id: FederationProvider) => FederationProviderConfig | undefined;
	},
): Promise<{ readonly info: ProviderInfo; readonly url: URL } | null> {
	const login: FederatedLogin | null = await findLoginOfSession(db, input.sessionId, "completed", input.now);
	if (!login?.idToken) return null;
	await advanceFederatedLogin(db, login.id, "completed", { status: "ended", idToken: null });
	const provider = input.providers(login.provider);
	const url = provider ? await endSessionUrl(provider, login.idToken, postLogoutUrl(input.publicUrl)) : null;
	return url ? { info: PROVIDERS[login.provider], url } : null;
}
