import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { type Account, accounts } from "../schema/tables/index.ts";
import { accountNames } from "./account-names.ts";
import { appendAuditEvent } from "./audit.ts";
import {
	consumeOneTimeToken,
	type LinkPurpose,
	peekOneTimeToken,
	voidPasswordLinks,
} from "./one-time-token.ts";
import { hashPassword, type RandomBytes } from "./password.ts";
import { checkPassword } from "./password-policy.ts";

export type LinkFailure = "invalid" | "expired" | "used";
export type LinkCheck =
	| { readonly ok: true; readonly accountId: number; readonly payload: Record<string, unknown> | null }
	| { readonly ok: false; readonly reason: LinkFailure };

/**
 * Looks a link token up without spending it (to show the page behind the link). Same hashing
 * as core/one-time-token.ts, which has no such read.
 */
/** Reads a link token without spending it (see one-time-token.ts). */
export function peekLinkToken(
	db: Database,
	token: string,
	purpose: LinkPurpose,
	now: Date,
): Promise<LinkCheck> {
	return peekOneTimeToken(db, { token, purpose, now });
}

export type ActivationLink =
	| { readonly ok: true; readonly account: Account }
	| { readonly ok: false; readonly reason: LinkFailure };

/** The pending account an activation link opens; a link to an account no longer pending is spent. */
export async function findActivation(db: Database, token: string, now: Date): Promise<ActivationLink> {
	const link = await peekLinkToken(db, token, "activation", now);
	if (!link.ok) return link;
	const [account] = await db.select().from(accounts).where(eq(accounts.id, link.accountId));
	if (!account) return { ok: false, reason: "invalid" };
	if (account.state !== "pending") return { ok: false, reason: "used" };
	return { ok: true, account };
}

export interface ActivationInput {
	readonly token: string;
	readonly password: string;
	readonly confirmation: string;
	readonly now: Date;
	readonly pepper: string;
	readonly randomBytes: RandomBytes;
	readonly ipKey: string;
	readonly correlationId?: string | null;
}

export type ActivationResult =
	| { readonly ok: true; readonly account: Account }
	| { readonly ok: false; readonly reason: LinkFailure }
	| {
			readonly ok: false;
			readonly reason: "password";
			readonly field: "password" | "confirmation";
			readonly message: string;
			readonly identifier: string;
	  };

/**
 * Sets the password chosen behind the link and activates the account. A refused password leaves
 * the link usable; an accepted one spends it. The person then signs in: no session is opened here.
 */
export async function activateAccount(db: Database, input: ActivationInput): Promise<ActivationResult> {
	const { now } = input;
	const found = await findActivation(db, input.token, now);
	if (!found.ok) return found;
	const { account } = found;
	const policy = await checkPassword(input.password, {
		identifier: account.identifier,
		names: await accountNames(db, account),
		email: account.email,
	});
	const { identifier } = account;
	if (!policy.ok)
		return { ok: false, reason: "password", field: "password", message: policy.message, identifier };
	if (input.password !== input.confirmation) {
		return {
			ok: false,
			reason: "password",
			field: "confirmation",
			message: "Les deux mots de passe saisis ne sont pas identiques.",
			identifier,
		};
	}
	const passwordHash = await hashPassword(input.password, input.pepper, { randomBytes: input.randomBytes });
	const spent = await consumeOneTimeToken(db, { token: input.token, purpose: "activation", now });
	if (!spent.ok) return spent;
	const activated = await db.transaction(
		async (tx) => {
			const [row] = await tx
				.update(accounts)
				.set({
					state: "active",
					passwordHash,
					passwordChangedAt: now,
					activatedAt: now,
					emailVerifiedAt: now,
					updatedAt: now,
				})
				.where(
					and(eq(accounts.id, spent.accountId), eq(accounts.state, "pending"), isNull(accounts.passwordHash)),
				)
				.returning();
			if (row) await voidPasswordLinks(tx, row.id, now);
			await appendAuditEvent(tx, {
				occurredAt: now,
				accountId: spent.accountId,
				actorKind: row ? "account" : "anonymous",
				action: "auth.account.activated",
				objectType: "account",
				objectId: String(spent.accountId),
				outcome: row ? "success" : "failure",
				correlationId: input.correlationId ?? null,
				ipHash: input.ipKey,
			});
			return row;
		},
		{ behavior: "immediate" },
	);
	return activated ? { ok: true, account: activated } : { ok: false, reason: "used" };
}
