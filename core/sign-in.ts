// Signing in (article 2 of the CGU; SECURITY.md): numeric identifier and password, throttled per
// CNIL 2022-100, then a second factor at every sign-in (cookies last only for the connection, so
// no browser is ever "remembered"): a code by e-mail by default, an authenticator app for whoever
// enabled it. The answer never says whether the identifier exists.
import { eq } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { type Account, accounts } from "../schema/tables/index.ts";
import { recordAuditEvent } from "./audit.ts";
import { hashPassword, type RandomBytes, verifyPassword } from "./password.ts";
import { type SecondFactorMethod, secondFactorOf, sendSignInCode } from "./second-factor.ts";
import { createSession, generateSessionToken, invalidateSession } from "./session.ts";
import { checkSignInAllowed, recordSignInFailure, recordSignInSuccess } from "./sign-in-throttle.ts";

export type CredentialCheck =
	| { readonly ok: true; readonly account: Account }
	| { readonly ok: false; readonly reason: "invalid" }
	/** The right password for a suspended account: its holder is told why they cannot sign in. */
	| { readonly ok: false; readonly reason: "blocked"; readonly cause: BlockCause }
	| { readonly ok: false; readonly reason: "throttled"; readonly retryAfterSeconds: number };

/** Why a suspended account is blocked: the holder's own fraud report, or staff's decision. */
export type BlockCause = "fraud_report" | "suspended";

export interface CredentialInput {
	readonly identifier: string;
	readonly password: string;
	readonly ipKey: string;
	readonly now: Date;
	readonly pepper: string;
	readonly correlationId?: string;
}

// Verifying against a real Argon2id hash when the identifier is unknown keeps the answer's
// timing the same whether the account exists or not. A failed hashing is not kept: the next
// sign-in tries again rather than failing for the isolate's whole life.
let decoyHash: Promise<string> | undefined;
function decoy(pepper: string, randomBytes: RandomBytes): Promise<string> {
	decoyHash ??= hashPassword("mot de passe de leurre jamais utilisé", pepper, { randomBytes }).catch(
		(error: unknown) => {
			decoyHash = undefined;
			throw error;
		},
	);
	return decoyHash;
}

export async function checkCredentials(
	db: Database,
	input: CredentialInput,
	randomBytes: RandomBytes,
): Promise<CredentialCheck> {
	const subject = { identifier: input.identifier, ipKey: input.ipKey, now: input.now };
	const gate = await checkSignInAllowed(db, subject);
	if (!gate.allowed) {
		await recordAuditEvent(db, {
			occurredAt: input.now,
			actorKind: "anonymous",
			action: "auth.sign_in.throttled",
			objectType: "identifier",
			objectId: input.identifier.slice(0, 10),
			outcome: "denied",
			correlationId: input.correlationId ?? null,
			ipHash: input.ipKey,
		});
		return { ok: false, reason: "throttled", retryAfterSeconds: gate.retryAfterSeconds };
	}
	const [account] = await db.select().from(accounts).where(eq(accounts.identifier, input.identifier));
	const hash = account?.passwordHash ?? (await decoy(input.pepper, randomBytes));
	const matches = await verifyPassword(hash, input.password, input.pepper);
	// A wrong password, an unknown identifier, or a closed or deleted account gets the same neutral
	// answer. Only whoever knows the password of a suspended account learns that it is suspended
	// and whom to contact: it tells an attacker nothing the password did not already give away.
	if (!account?.passwordHash || !matches || account.state !== "active") {
		await recordSignInFailure(db, subject);
		await recordAuditEvent(db, {
			occurredAt: input.now,
			accountId: account?.id ?? null,
			actorKind: "anonymous",
			action: "auth.sign_in.password",
			objectType: "account",
			objectId: account ? String(account.id) : null,
			outcome: "failure",
			correlationId: input.correlationId ?? null,
			ipHash: input.ipKey,
			details: account && matches ? { state: account.state } : null,
		});
		if (account && matches && account.state === "suspended") {
			return {
				ok: false,
				reason: "blocked",
				cause: account.stateReason === "fraud_report" ? "fraud_report" : "suspended",
			};
		}
		return { ok: false, reason: "invalid" };
	}
	await recordSignInSuccess(db, subject);
	await recordAuditEvent(db, {
		occurredAt: input.now,
		accountId: account.id,
		actorKind: "account",
		action: "auth.sign_in.password",
		objectType: "account",
		objectId: String(account.id),
		outcome: "success",
		correlationId: input.correlationId ?? null,
		ipHash: input.ipKey,
	});
	return { ok: true, account };
}

/** How a sign-in's first step ended: a half-open session waiting for its second factor, or not. */
export type SignInStart =
	| {
			readonly status: "second_factor_required";
			readonly token: string;
			readonly method: SecondFactorMethod;
			readonly account: Account;
	  }
	| { readonly status: "invalid" }
	/** The right password for a suspended account: its holder is told why and whom to contact. */
	| { readonly status: "blocked"; readonly cause: BlockCause }
	| { readonly status: "throttled"; readonly retryAfterSeconds: number };

export interface SignInStartInput extends CredentialInput {
	readonly userAgentLabel: string | null;
	readonly approximatePlace: string | null;
	readonly publicUrl: URL;
}

/**
 * The first step of a sign-in, shared by the form and the JSON API: the credentials, then a
 * session that still needs its second factor (and the code by e-mail when that is the method).
 */
export async function startSignIn(
	db: Database,
	input: SignInStartInput,
	randomBytes: RandomBytes,
): Promise<SignInStart> {
	const check = await checkCredentials(db, input, randomBytes);
	if (!check.ok) {
		if (check.reason === "throttled")
			return { status: "throttled", retryAfterSeconds: check.retryAfterSeconds };
		if (check.reason === "blocked") return { status: "blocked", cause: check.cause };
		return { status: "invalid" };
	}
	const token = generateSessionToken(randomBytes);
	const session = await createSession(db, {
		token,
		account: check.account,
		now: input.now,
		userAgentLabel: input.userAgentLabel,
		approximatePlace: input.approximatePlace,
		secondFactorVerified: false,
	});
	const method = secondFactorOf(check.account);
	if (method === "email")
		await sendSignInCode(db, {
			account: check.account,
			sessionId: session.id,
			now: input.now,
			publicUrl: input.publicUrl,
			randomBytes,
		});
	return { status: "second_factor_required", token, method, account: check.account };
}

/** Ends the session on the server and records it. */
export async function signOut(
	db: Database,
	input: { accountId: number; sessionId: string; now: Date; correlationId: string },
): Promise<void> {
	await invalidateSession(db, input.sessionId);
	await recordAuditEvent(db, {
		occurredAt: input.now,
		accountId: input.accountId,
		sessionId: input.sessionId,
		actorKind: "account",
		action: "auth.sign_out",
		outcome: "success",
		correlationId: input.correlationId,
	});
}
