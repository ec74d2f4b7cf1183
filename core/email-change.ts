// Changing the e-mail address of an account (SECURITY.md "Requests": a sensitive operation asks
// for the password again). The new address proves itself: it receives a single-use link, valid
// 24 hours, and only following that link changes the account. The current address is told at
// once, with a way to report a change that was not asked for. Each step is audit-logged with
// identifiers only (no address in the trail).
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../db/client.ts";
import { type Account, accounts } from "../schema/tables/index.ts";
import { type LinkFailure, peekLinkToken } from "./account-activation.ts";
import { appendAuditEvent, recordAuditEvent } from "./audit.ts";
import {
	consumeOneTimeToken,
	createOneTimeToken,
	invalidateTokens,
	voidPasswordLinks,
} from "./one-time-token.ts";
import { type RandomBytes, verifyPassword } from "./password.ts";
import type { Executor } from "./queue.ts";
import { consumeRateLimit } from "./rate-limit.ts";
import { queueMail } from "./send-mail.ts";
import { emailAddressSchema } from "./sign-up.ts";

/** At most this many requests (hence e-mails) per account and hour; wrong passwords count too. */
export const EMAIL_CHANGE_LIMIT = { limit: 5, windowMs: 60 * 60_000 } as const;

/** The two mails of a request, queued inside the caller's transaction (core/send-mail.ts). */
export interface EmailChangeMailer {
	/** To the new address: the link that applies the change. */
	confirmation(
		tx: Executor,
		mail: {
			to: string;
			accountId: number;
			confirmationPath: string;
			tokenId: number;
			now: Date;
			publicUrl: URL;
		},
	): Promise<void>;
	/** To the current address: a change was asked; the link reports it if it was not the holder. */
	notice(
		tx: Executor,
		mail: {
			to: string;
			accountId: number;
			requestedAt: Date;
			fraudReportPath: string;
			tokenId: number;
			now: Date;
			publicUrl: URL;
		},
	): Promise<void>;
}

/** The two mails, written to the outbox with the request (core/send-mail.ts). */
export const emailChangeMailer: EmailChangeMailer | null = {
	confirmation: async (tx, mail) => {
		await queueMail(tx, {
			template: "email-change-confirmation",
			data: { confirmationPath: mail.confirmationPath },
			to: mail.to,
			accountId: mail.accountId,
			idempotencyKey: `email-change-confirmation/${mail.tokenId}`,
			now: mail.now,
			publicUrl: mail.publicUrl,
		});
	},
	notice: async (tx, mail) => {
		await queueMail(tx, {
			template: "email-change-notice",
			data: { requestedAt: mail.requestedAt, fraudReportPath: mail.fraudReportPath },
			to: mail.to,
			accountId: mail.accountId,
			idempotencyKey: `email-change-notice/${mail.tokenId}`,
			now: mail.now,
			publicUrl: mail.publicUrl,
		});
	},
};

export interface EmailChangeRequest {
	readonly account: Account;
	readonly sessionId: string;
	readonly password: string;
	/** Already parsed with emailAddressSchema. */
	readonly newEmail: string;
	readonly now: Date;
	readonly pepper: string;
	readonly publicUrl: URL;
	readonly randomBytes: RandomBytes;
	readonly ipKey: string;
	readonly correlationId?: string | null;
}

export type EmailChangeRequestResult =
	| { readonly ok: true; readonly expiresAt: Date }
	| { readonly ok: false; readonly reason: "password" | "same_address" | "unavailable" }
	| { readonly ok: false; readonly reason: "rate_limited"; readonly retryAfterSeconds: number };

export async function requestEmailChange(
	db: Database,
	input: EmailChangeRequest,
	mailer: EmailChangeMailer | null = emailChangeMailer,
): Promise<EmailChangeRequestResult> {
	const { account, now } = input;
	if (input.newEmail === account.email.trim().toLowerCase()) return { ok: false, reason: "same_address" };
	const limit = await consumeRateLimit(db, {
		key: `email_change:account:${account.id}`,
		...EMAIL_CHANGE_LIMIT,
		now,
	});
	if (!limit.ok) return { ok: false, reason: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };
	const event = {
		occurredAt: now,
		accountId: account.id,
		sessionId: input.sessionId,
		actorKind: "account",
		action: "account.email_change.requested",
		objectType: "account",
		objectId: String(account.id),
		correlationId: input.correlationId ?? null,
		ipHash: input.ipKey,
	} as const;
	if (!account.passwordHash || !(await verifyPassword(account.passwordHash, input.password, input.pepper))) {
		await recordAuditEvent(db, { ...event, outcome: "failure", details: { reason: "password" } });
		return { ok: false, reason: "password" };
	}
	if (!mailer) return { ok: false, reason: "unavailable" };
	// One pending change at a time: a new request voids the links of the previous ones.
	await invalidateTokens(db, account.id, "email_change", now);
	const link = await createOneTimeToken(db, {
		purpose: "email_change",
		accountId: account.id,
		payload: { email: input.newEmail },
		now,
		randomBytes: input.randomBytes,
	});
	const report = await createOneTimeToken(db, {
		purpose: "fraud_report",
		accountId: account.id,
		now,
		randomBytes: input.randomBytes,
	});
	await db.transaction(
		async (tx) => {
			const common = { accountId: account.id, tokenId: link.id, now, publicUrl: input.publicUrl };
			await mailer.confirmation(tx, {
				...common,
				to: input.newEmail,
				confirmationPath: `/compte/email/confirmer?jeton=${link.token}`,
			});
			await mailer.notice(tx, {
				...common,
				to: account.email,
				requestedAt: now,
				fraudReportPath: `/signalement?jeton=${report.token}`,
			});
			await appendAuditEvent(tx, { ...event, outcome: "success" });
		},
		{ behavior: "immediate" },
	);
	return { ok: true, expiresAt: link.expiresAt };
}

const payloadSchema = z.object({ email: emailAddressSchema });

export type EmailChangeLink =
	| { readonly ok: true; readonly account: Account; readonly newEmail: string }
	| { readonly ok: false; readonly reason: LinkFailure };

/** The change a confirmation link would apply, without spending the link. */
export async function findEmailChange(db: Database, token: string, now: Date): Promise<EmailChangeLink> {
	const link = await peekLinkToken(db, token, "email_change", now);
	if (!link.ok) return link;
	const payload = payloadSchema.safeParse(link.payload);
	const [account] = await db.select().from(accounts).where(eq(accounts.id, link.accountId));
	if (!payload.success || !account || account.state !== "active") return { ok: false, reason: "invalid" };
	return { ok: true, account, newEmail: payload.data.email };
}

export interface EmailChangeConfirmation {
	readonly token: string;
	readonly now: Date;
	readonly ipKey: string;
	readonly correlationId?: string | null;
}

export type EmailChangeConfirmationResult =
	| { readonly ok: true; readonly account: Account }
	| { readonly ok: false; readonly reason: LinkFailure };

/** Spends the link and puts the new address on the account, now verified. */
export async function confirmEmailChange(
	db: Database,
	input: EmailChangeConfirmation,
): Promise<EmailChangeConfirmationResult> {
	const { now } = input;
	const spent = await consumeOneTimeToken(db, { token: input.token, purpose: "email_change", now });
	if (!spent.ok) return spent;
	const payload = payloadSchema.safeParse(spent.payload);
	if (!payload.success) return { ok: false, reason: "invalid" };
	const changed = await db.transaction(
		async (tx) => {
			const [row] = await tx
				.update(accounts)
				.set({ email: payload.data.email, emailVerifiedAt: now, updatedAt: now })
				.where(and(eq(accounts.id, spent.accountId), eq(accounts.state, "active")))
				.returning();
			// A reset or activation link went to the old address: it must not outlive the change.
			if (row) await voidPasswordLinks(tx, row.id, now);
			await appendAuditEvent(tx, {
				occurredAt: now,
				accountId: spent.accountId,
				actorKind: "account",
				action: "account.email.changed",
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
	return changed ? { ok: true, account: changed } : { ok: false, reason: "invalid" };
}
