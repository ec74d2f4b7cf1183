// The one-time challenges of WebAuthn ceremonies: random (from the injected source), stored,
// valid five minutes, spent once. The browser signs the challenge into clientDataJSON, so the
// server finds the row again from the response itself: no cookie besides the session's.
import { encodeBase64urlNoPadding } from "@oslojs/encoding";
import { and, eq, gt, isNull, lt } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { webauthnChallenges } from "../../schema/tables/index.ts";
import type { RandomBytes } from "../password.ts";

export type Ceremony = "registration" | "authentication";

export const CHALLENGE_LIFETIME_MS = 5 * 60_000;

/** A fresh challenge, stored (expired ones are cleared on the way, so the table stays small). */
export async function createChallenge(
	db: Database,
	input: { ceremony: Ceremony; accountId: number | null; now: Date; randomBytes: RandomBytes },
): Promise<string> {
	const challenge = encodeBase64urlNoPadding(input.randomBytes(32));
	await db.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, input.now));
	await db.insert(webauthnChallenges).values({
		challenge,
		ceremony: input.ceremony,
		accountId: input.accountId,
		createdAt: input.now,
		expiresAt: new Date(input.now.getTime() + CHALLENGE_LIFETIME_MS),
	});
	return challenge;
}

/** The challenge inside a response's clientDataJSON (base64url JSON), or null. */
export function challengeOf(clientDataJSON: string): string | null {
	try {
		const padded = clientDataJSON.replaceAll("-", "+").replaceAll("_", "/");
		const data: unknown = JSON.parse(atob(padded + "=".repeat((4 - (padded.length % 4)) % 4)));
		const challenge = (data as { challenge?: unknown }).challenge;
		return typeof challenge === "string" && challenge.length <= 128 ? challenge : null;
	} catch {
		return null;
	}
}

/**
 * Spends a challenge of this ceremony (and of this account, when one is given): true once, for an
 * unexpired challenge; a compare-and-set, so two posts of one response cannot both pass.
 */
export async function consumeChallenge(
	db: Database,
	input: { challenge: string; ceremony: Ceremony; accountId: number | null; now: Date },
): Promise<boolean> {
	const spent = await db
		.update(webauthnChallenges)
		.set({ usedAt: input.now })
		.where(
			and(
				eq(webauthnChallenges.challenge, input.challenge),
				eq(webauthnChallenges.ceremony, input.ceremony),
				input.accountId === null
					? isNull(webauthnChallenges.accountId)
					: eq(webauthnChallenges.accountId, input.accountId),
				isNull(webauthnChallenges.usedAt),
				gt(webauthnChallenges.expiresAt, input.now),
			),
		)
		.returning({ id: webauthnChallenges.id });
	return spent.length === 1;
}
