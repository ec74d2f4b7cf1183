import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { eq } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { type Account, accounts, jobs, oneTimeTokens, outgoingMails } from "../schema/tables/index.ts";
import { accountNames } from "./account-names.ts";
import type { Transaction } from "./account-state.ts";
import { appendAuditEvent } from "./audit.ts";
import { renderMail } from "./mail/templates/index.ts";
import {
	consumeOneTimeToken,
	createOneTimeToken,
	invalidateTokens,
	type LinkPurpose,
	linkTokenHash,
	peekOneTimeToken,
	voidPasswordLinks,
} from "./one-time-token.ts";
import { hashPassword, type RandomBytes } from "./password.ts";
import { checkPassword } from "./password-policy.ts";
import { consumeRateLimit } from "./rate-limit.ts";
import { mailContext, queueMail } from "./send-mail.ts";
import { invalidateAccountSessions } from "./session.ts";

const HOUR = 3_600_000;
/** Links asked per identifier and per client address (keyed hash), per hour. */
export const RESET_RATE_LIMITS = {
	identifier: { limit: 3, windowMs: HOUR },
	ip: { limit: 20, windowMs: HOUR },
} as const;

export const RESET_PATH = "/mot-de-passe-oublie/nouveau";
/** Set in the payload of the reset link that a fraud-report acknowledgement carries. */
export const AFTER_FRAUD_REPORT = "afterFraudReport";

export function resetPath(token: string): string {
	return `${RESET_PATH}?jeton=${token}`;
}

export interface ResetRequestInput {
	readonly identifier: string;
	readonly ipKey: string;
	readonly now: Date;
	readonly publicUrl: URL;
	readonly randomBytes: RandomBytes;
	readonly correlationId?: string | null;
}

/** For the trail and the tests only: the page shows the same answer whatever this says. */
export type ResetRequestOutcome = "sent" | "no_active_account" | "throttled";

/** Account ids start at 1: the statements of a request without an account match no row. */
const NO_ACCOUNT = 0;

export async function requestPasswordReset(
	db: Database,
	input: ResetRequestInput,
): Promise<ResetRequestOutcome> {
	const { identifier, now, publicUrl } = input;
	// Whatever the identifier, the same statements run in the same order (a test counts them):
	// both limits are counted, and without an active account each write below becomes a read of
	// the same row that does not exist. Nothing is e-mailed here: the mail goes to the outbox.
	const byIdentifier = await consumeRateLimit(db, {
		key: `password_reset:identifier:${identifier}`,
		...RESET_RATE_LIMITS.identifier,
		now,
	});
	const byIp = await consumeRateLimit(db, {
		key: `password_reset:ip:${input.ipKey}`,
		...RESET_RATE_LIMITS.ip,
		now,
	});
	const [account] = await db.select().from(accounts).where(eq(accounts.identifier, identifier));
	const throttled = !byIdentifier.ok || !byIp.ok;
	const target = !throttled && account?.state === "active" ? account : null;
	await invalidateTokens(db, target?.id ?? NO_ACCOUNT, "reset", now);
	const link = target
		? await createOneTimeToken(db, {
				purpose: "reset",
				accountId: target.id,
				now,
				randomBytes: input.randomBytes,
			})
		: await lookUpUnusedToken(db, input.randomBytes);
	await db.transaction(
		async (tx) => {
			const mail = {
				template: "password-reset",
				data: { resetPath: resetPath(link.token) },
				now,
				publicUrl,
			} as const;
			const idempotencyKey = `password-reset/${link.id}`;
			if (target) await queueMail(tx, { ...mail, to: target.email, accountId: target.id, idempotencyKey });
			else await renderWithoutQueueing(tx, { ...mail, idempotencyKey });
			await appendAuditEvent(tx, {
				occurredAt: now,
				accountId: account?.id ?? null,
				actorKind: "anonymous",
				action: "auth.password_reset.requested",
				objectType: account ? "account" : "identifier",
				objectId: account ? String(account.id) : identifier,
				outcome: target ? "success" : "denied",
				correlationId: input.correlationId ?? null,
				ipHash: input.ipKey,
				details: target
					? null
					: { why: throttled ? "throttled" : account ? `state_${account.state}` : "unknown_identifier" },
			});
		},
		{ behavior: "immediate" },
	);
	return target ? "sent" : throttled ? "throttled" : "no_active_account";
}

/** createOneTimeToken's work without its row: random bytes, a hash, one statement on the table. */
async function lookUpUnusedToken(
	db: Database,
	randomBytes: RandomBytes,
): Promise<{ token: string; id: number }> {
	const token = encodeBase32LowerCaseNoPadding(randomBytes(20));
	await db
		.select({ id: oneTimeTokens.id })
		.from(oneTimeTokens)
		.where(eq(oneTimeTokens.tokenHash, linkTokenHash(token)));
	return { token, id: NO_ACCOUNT };
}

/** queueMail's work without its rows: the rendering, and one statement on each of its tables. */
async function renderWithoutQueueing(
	tx: Transaction,
	mail: { template: "password-reset"; data: { resetPath: string }; publicUrl: URL; idempotencyKey: string },
): Promise<void> {
	renderMail(mail.template, mail.data, mailContext(mail.publicUrl));
	await tx
		.select({ id: outgoingMails.id })
		.from(outgoingMails)
		.where(eq(outgoingMails.idempotencyKey, mail.idempotencyKey));
	await tx
		.select({ id: jobs.id })
		.from(jobs)
		.where(eq(jobs.idempotencyKey, `mail.queued:${mail.idempotencyKey}`));
}

/** A new reset link for the account; the older ones stop working. */
export async function newResetLink(
	db: Database,
	accountId: number,
	now: Date,
	randomBytes: RandomBytes,
	payload: Record<string, unknown> | null = null,
): Promise<{ token: string; id: number }> {
	await invalidateTokens(db, accountId, "reset", now);
	return createOneTimeToken(db, { purpose: "reset", accountId, now, randomBytes, payload });
}

export type LinkCheck =
	| { readonly ok: true; readonly accountId: number; readonly payload: Record<string, unknown> | null }
	| { readonly ok: false; readonly reason: "invalid" | "expired" | "used" };

/** Reads a link token without spending it (see one-time-token.ts). */
export function inspectLinkToken(
	db: Database,
	input: { token: string; purpose: LinkPurpose; now: Date },
): Promise<LinkCheck> {
	return peekOneTimeToken(db, input);
}

export type ResetLinkCheck =
	| { readonly ok: true; readonly account: Account; readonly stillSuspended: boolean }
	| { readonly ok: false; readonly reason: "invalid" | "expired" | "used" };

/** A reset link is good while unused, within 30 minutes, and its account may take a new password. */
export async function checkResetLink(db: Database, token: string, now: Date): Promise<ResetLinkCheck> {
	const link = await inspectLinkToken(db, { token, purpose: "reset", now });
	if (!link.ok) return link;
	const [account] = await db.select().from(accounts).where(eq(accounts.id, link.accountId));
	if (!account) return { ok: false, reason: "invalid" };
	if (account.state === "active") return { ok: true, account, stillSuspended: false };
	const afterReport = link.payload?.[AFTER_FRAUD_REPORT] === true;
	if (account.state === "suspended" && account.stateReason === "fraud_report" && afterReport) {
		return { ok: true, account, stillSuspended: true };
	}
	return { ok: false, reason: "invalid" };
}

export interface CompleteResetInput {
	readonly token: string;
	readonly password: string;
	readonly confirmation: string;
	readonly now: Date;
	readonly pepper: string;
	readonly publicUrl: URL;
	readonly randomBytes: RandomBytes;
	readonly ipKey?: string | null;
	readonly correlationId?: string | null;
}

export type ResetCompletion =
	| {
			readonly ok: true;
			readonly accountId: number;
			readonly stillSuspended: boolean;
			readonly sessionsEnded: number;
	  }
	| { readonly ok: false; readonly reason: "invalid" | "expired" | "used" }
	| {
			readonly ok: false;
			readonly reason: "password";
			readonly field: "motDePasse" | "confirmation";
			readonly message: string;
			readonly stillSuspended: boolean;
	  };

/**
 * Sets the new password. A refused password changes nothing and leaves the link usable; an
 * accepted one spends the link first (two tabs cannot both use it), then, in one transaction,
 * stores the hash, ends every session, voids the other reset links and queues the notice.
 */
export async function completePasswordReset(
	db: Database,
	input: CompleteResetInput,
): Promise<ResetCompletion> {
	const { now } = input;
	const link = await checkResetLink(db, input.token, now);
	if (!link.ok) return link;
	const { account, stillSuspended } = link;
	const names = await accountNames(db, account);
	const policy = await checkPassword(input.password, {
		identifier: account.identifier,
		names,
		email: account.email,
	});
	if (!policy.ok)
		return { ok: false, reason: "password", field: "motDePasse", message: policy.message, stillSuspended };
	if (input.password !== input.confirmation) {
		const message = "Les deux mots de passe saisis ne sont pas identiques.";
		return { ok: false, reason: "password", field: "confirmation", message, stillSuspended };
	}
	const hash = await hashPassword(input.password, input.pepper, { randomBytes: input.randomBytes });
	const spent = await consumeOneTimeToken(db, { token: input.token, purpose: "reset", now });
	if (!spent.ok) return spent;
	const report = await createOneTimeToken(db, {
		purpose: "fraud_report",
		accountId: account.id,
		now,
		randomBytes: input.randomBytes,
	});
	const sessionsEnded = await db.transaction(
		async (tx) => {
			await tx
				.update(accounts)
				.set({ passwordHash: hash, passwordChangedAt: now, updatedAt: now })
				.where(eq(accounts.id, account.id));
			const ended = await invalidateAccountSessions(tx, account.id);
			await voidPasswordLinks(tx, account.id, now);
			await queueMail(tx, {
				template: "password-changed",
				data: { changedAt: now, fraudReportPath: `/signalement?jeton=${report.token}` },
				to: account.email,
				accountId: account.id,
				idempotencyKey: `password-changed/${account.id}/reset/${report.id}`,
				now,
				publicUrl: input.publicUrl,
			});
			await appendAuditEvent(tx, {
				occurredAt: now,
				accountId: account.id,
				actorKind: "account",
				action: "auth.password_reset.completed",
				objectType: "account",
				objectId: String(account.id),
				outcome: "success",
				correlationId: input.correlationId ?? null,
				ipHash: input.ipKey ?? null,
				details: { sessionsEnded: ended, stillSuspended },
			});
			return ended;
		},
		{ behavior: "immediate" },
	);
	return { ok: true, accountId: account.id, stillSuspended, sessionsEnded };
}
