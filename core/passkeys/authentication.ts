// Signing in with a passkey (ADR 0028): on its own (a discoverable credential: the browser offers
// the account's passkeys), or as the second factor after the password (the account's own
// passkeys only). Refused: an unknown or revoked passkey, a suspended or closed account, a
// response to another challenge, and a signature counter that goes back (a cloned
// authenticator: the passkey is then revoked, since its secret key is no longer only the holder's).
import { decodeBase64urlIgnorePadding } from "@oslojs/encoding";
import {
	type AuthenticationResponseJSON,
	generateAuthenticationOptions,
	type PublicKeyCredentialRequestOptionsJSON,
	verifyAuthenticationResponse,
} from "@simplewebauthn/server";
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { type Account, accounts, type Passkey, passkeys } from "../../schema/tables/index.ts";
import { appendAuditEvent } from "../audit.ts";
import type { RandomBytes } from "../password.ts";
import { challengeOf, consumeChallenge, createChallenge } from "./challenges.ts";
import { listPasskeys, type RelyingParty } from "./registration.ts";

export async function passkeyAuthenticationOptions(
	db: Database,
	input: { account: Account | null; rp: RelyingParty; now: Date; randomBytes: RandomBytes },
): Promise<PublicKeyCredentialRequestOptionsJSON> {
	const own = input.account
		? (await listPasskeys(db, input.account.id)).filter((key) => key.revokedAt === null)
		: [];
	const challenge = await createChallenge(db, {
		ceremony: "authentication",
		accountId: input.account?.id ?? null,
		now: input.now,
		randomBytes: input.randomBytes,
	});
	return generateAuthenticationOptions({
		rpID: input.rp.id,
		challenge: new Uint8Array(decodeBase64urlIgnorePadding(challenge)),
		userVerification: "required",
		allowCredentials: own.map((key) => ({
			id: key.credentialId,
			...(key.transports ? { transports: key.transports as never } : {}),
		})),
	});
}

export type PasskeyCheck =
	| { readonly ok: true; readonly account: Account; readonly passkey: Passkey }
	| { readonly ok: false; readonly reason: "expired" | "invalid" | "revoked" | "cloned" | "blocked" };

export interface PasskeyCheckInput {
	readonly response: AuthenticationResponseJSON;
	/** The account of the password step when the passkey is the second factor; null when alone. */
	readonly account: Account | null;
	readonly rp: RelyingParty;
	readonly now: Date;
	readonly correlationId: string;
	readonly ipKey: string;
}

export async function checkPasskey(db: Database, input: PasskeyCheckInput): Promise<PasskeyCheck> {
	const challenge = challengeOf(input.response.response.clientDataJSON);
	const accountId = input.account?.id ?? null;
	if (
		!challenge ||
		!(await consumeChallenge(db, { challenge, ceremony: "authentication", accountId, now: input.now }))
	)
		return { ok: false, reason: "expired" };
	const [passkey] = await db.select().from(passkeys).where(eq(passkeys.credentialId, input.response.id));
	const refuse = async (
		reason: "invalid" | "revoked" | "cloned" | "blocked",
		key?: Passkey,
	): Promise<PasskeyCheck> => {
		await db.transaction(
			async (tx) => {
				// A clone: the passkey can no longer prove it is the holder's.
				if (reason === "cloned" && key)
					await tx.update(passkeys).set({ revokedAt: input.now }).where(eq(passkeys.id, key.id));
				await appendAuditEvent(tx, {
					occurredAt: input.now,
					accountId: key?.accountId ?? accountId,
					actorKind: "anonymous",
					action: "auth.passkey.sign_in",
					objectType: key ? "passkey" : null,
					objectId: key ? String(key.id) : null,
					outcome: "failure",
					correlationId: input.correlationId,
					ipHash: input.ipKey,
					details: { reason },
				});
			},
			{ behavior: "immediate" },
		);
		return { ok: false, reason };
	};
	if (!passkey || (accountId !== null && passkey.accountId !== accountId)) return refuse("invalid");
	if (passkey.revokedAt !== null) return refuse("revoked", passkey);
	let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
	try {
		verification = await verifyAuthenticationResponse({
			response: input.response,
			expectedChallenge: challenge,
			expectedOrigin: input.rp.origin,
			expectedRPID: input.rp.id,
			requireUserVerification: true,
			credential: {
				id: passkey.credentialId,
				publicKey: new Uint8Array(decodeBase64urlIgnorePadding(passkey.publicKey)),
				counter: passkey.counter,
				...(passkey.transports ? { transports: passkey.transports as never } : {}),
			},
		});
	} catch (error) {
		const cloned = error instanceof Error && /counter value/i.test(error.message);
		return refuse(cloned ? "cloned" : "invalid", passkey);
	}
	if (!verification.verified) return refuse("invalid", passkey);
	const [account] = await db.select().from(accounts).where(eq(accounts.id, passkey.accountId));
	if (account?.state !== "active") return refuse("blocked", passkey);
	// Compare-and-set on the counter: of two posts checked against the same stored counter, one wins.
	const [updated] = await db
		.update(passkeys)
		.set({ counter: verification.authenticationInfo.newCounter, lastUsedAt: input.now })
		.where(
			and(eq(passkeys.id, passkey.id), eq(passkeys.counter, passkey.counter), isNull(passkeys.revokedAt)),
		)
		.returning();
	if (!updated) return refuse("invalid", passkey);
	return { ok: true, account, passkey: updated };
}
