// Linking a federated identity to an account (ADR 0039): the password once (throttled like any
// sign-in, an account of the provider's space), a half-open session tied to the login, then the
// account's second factor, then the link in the same transaction as its audit entry. Or the
// person declines, and nothing is linked.
import type { Database } from "../../db/client.ts";
import { federatedIdentities } from "../../schema/tables/index.ts";
import { appendAuditEvent } from "../audit.ts";
import type { RandomBytes } from "../password.ts";
import {
	type CompleteInput,
	completeSecondFactor,
	type SecondFactorMethod,
	secondFactorOf,
	sendSignInCode,
} from "../second-factor.ts";
import { ABSOLUTE_LIFETIME_MS, createSession, generateSessionToken } from "../session.ts";
import { type CredentialInput, checkCredentials } from "../sign-in.ts";
import { recordRefusal, type Trail } from "./federated-sign-in.ts";
import { advanceFederatedLogin, findFederatedLogin, findLoginOfSession } from "./logins.ts";
import { PROVIDERS, type ProviderInfo } from "./providers.ts";

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
