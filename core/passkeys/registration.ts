// Passkeys of an account (issue 17, ADR 0028): enrolment from `/compte/securite`, several per
// account, named by the holder, listed with their creation and last use, revocable. Only the
// public key is stored. Discoverable credentials with user verification are asked for, so that a
// passkey alone signs in (possession and a PIN or biometry: two factors).
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from "@oslojs/encoding";
import {
	generateRegistrationOptions,
	type PublicKeyCredentialCreationOptionsJSON,
	type RegistrationResponseJSON,
	verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { type Account, type Passkey, passkeys } from "../../schema/tables/index.ts";
import { appendAuditEvent } from "../audit.ts";
import { organisation } from "../organisation.ts";
import type { RandomBytes } from "../password.ts";
import { challengeOf, consumeChallenge, createChallenge } from "./challenges.ts";

/** Who the passkeys are for: the portal's public address. */
export interface RelyingParty {
	readonly id: string;
	readonly origin: string;
}

export function relyingPartyOf(publicUrl: URL): RelyingParty {
	return { id: publicUrl.hostname, origin: publicUrl.origin };
}

export const PASSKEY_NAME_MAX = 60;

export function listPasskeys(db: Database, accountId: number): Promise<Passkey[]> {
	return db.select().from(passkeys).where(eq(passkeys.accountId, accountId)).orderBy(asc(passkeys.id));
}

export async function passkeyRegistrationOptions(
	db: Database,
	input: { account: Account; rp: RelyingParty; now: Date; randomBytes: RandomBytes },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
	const { account } = input;
	const existing = (await listPasskeys(db, account.id)).filter((key) => key.revokedAt === null);
	const challenge = await createChallenge(db, {
		ceremony: "registration",
		accountId: account.id,
		now: input.now,
		randomBytes: input.randomBytes,
	});
	return generateRegistrationOptions({
		rpName: `${organisation.name} – ${organisation.productName}`,
		rpID: input.rp.id,
		userName: account.identifier,
		userDisplayName: account.identifier,
		userID: new TextEncoder().encode(`account-${account.id}`),
		challenge: new Uint8Array(decodeBase64urlIgnorePadding(challenge)),
		attestationType: "none",
		excludeCredentials: existing.map((key) => ({
			id: key.credentialId,
			...(key.transports ? { transports: key.transports as never } : {}),
		})),
		authenticatorSelection: { residentKey: "required", userVerification: "required" },
	});
}

export type PasskeyRegistration =
	| { readonly ok: true; readonly passkey: Passkey }
	| { readonly ok: false; readonly message: string };

export interface PasskeyActor {
	readonly account: Account;
	readonly sessionId: string;
	readonly correlationId: string;
	readonly now: Date;
	readonly rp: RelyingParty;
}

/** Checks the browser's answer against the stored challenge and keeps the new public key. */
export async function registerPasskey(
	db: Database,
	actor: PasskeyActor,
	input: { name: string; response: RegistrationResponseJSON },
): Promise<PasskeyRegistration> {
	const refused = { ok: false, message: "La clé d'accès n'a pas pu être enregistrée. Recommencez." } as const;
	const challenge = challengeOf(input.response.response.clientDataJSON);
	if (
		!challenge ||
		!(await consumeChallenge(db, {
			challenge,
			ceremony: "registration",
			accountId: actor.account.id,
			now: actor.now,
		}))
	)
		return { ok: false, message: "Cette demande a expiré. Recommencez l'ajout de la clé d'accès." };
	let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
	try {
		verification = await verifyRegistrationResponse({
			response: input.response,
			expectedChallenge: challenge,
			expectedOrigin: actor.rp.origin,
			expectedRPID: actor.rp.id,
			requireUserVerification: true,
		});
	} catch {
		return refused;
	}
	if (!verification.verified) return refused;
	const { credential, credentialDeviceType, credentialBackedUp } = verification.registrationInfo;
	return db.transaction(
		async (tx): Promise<PasskeyRegistration> => {
			const [taken] = await tx.select().from(passkeys).where(eq(passkeys.credentialId, credential.id));
			if (taken) return { ok: false, message: "Cette clé d'accès est déjà enregistrée." };
			const [created] = await tx
				.insert(passkeys)
				.values({
					accountId: actor.account.id,
					credentialId: credential.id,
					publicKey: encodeBase64urlNoPadding(credential.publicKey),
					counter: credential.counter,
					transports: credential.transports ?? null,
					deviceType: credentialDeviceType,
					backedUp: credentialBackedUp,
					name: input.name,
					createdAt: actor.now,
				})
				.returning();
			if (!created) return refused;
			await appendAuditEvent(tx, {
				occurredAt: actor.now,
				accountId: actor.account.id,
				sessionId: actor.sessionId,
				actorKind: "account",
				action: "account.passkey.registered",
				objectType: "passkey",
				objectId: String(created.id),
				outcome: "success",
				correlationId: actor.correlationId,
			});
			return { ok: true, passkey: created };
		},
		{ behavior: "immediate" },
	);
}

/** Revokes one of the account's passkeys; another account's answers false, like a missing one. */
export async function revokePasskey(
	db: Database,
	actor: Omit<PasskeyActor, "rp">,
	id: number,
): Promise<boolean> {
	return db.transaction(
		async (tx) => {
			const revoked = await tx
				.update(passkeys)
				.set({ revokedAt: actor.now })
				.where(and(eq(passkeys.id, id), eq(passkeys.accountId, actor.account.id), isNull(passkeys.revokedAt)))
				.returning({ id: passkeys.id });
			if (revoked.length === 0) return false;
			await appendAuditEvent(tx, {
				occurredAt: actor.now,
				accountId: actor.account.id,
				sessionId: actor.sessionId,
				actorKind: "account",
				action: "account.passkey.revoked",
				objectType: "passkey",
				objectId: String(id),
				outcome: "success",
				correlationId: actor.correlationId,
			});
			return true;
		},
		{ behavior: "immediate" },
	);
}
