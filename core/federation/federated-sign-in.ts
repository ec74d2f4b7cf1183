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
import { recordAuditEvent } from "../audit.ts";
import type { FederationProviderConfig } from "../config.ts";
import type { RandomBytes } from "../password.ts";
import { finishSignIn } from "../second-factor.ts";
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

export interface Trail {
	readonly now: Date;
	readonly correlationId: string;
	readonly ipKey: string;
}

export function recordRefusal(
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
