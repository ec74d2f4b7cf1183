// The second step of every sign-in: a code sent by e-mail, or one from an authenticator app
// (or one of its recovery codes). On success the half-open session is replaced by a new one (a
// new token at every sign-in), the holder is told by e-mail when the browser is new to the
// account, and the trail records it all.
import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import {
	type Account,
	accounts,
	auditEvents,
	type FederationProvider,
	type Session,
} from "../schema/tables/index.ts";
import { appendAuditEvent } from "./audit.ts";
import { createOneTimeToken, createSignInCode, verifySignInCode } from "./one-time-token.ts";
import type { RandomBytes } from "./password.ts";
import { consumeRateLimit, releaseRateLimit } from "./rate-limit.ts";
import { useRecoveryCode } from "./recovery-codes.ts";
import { queueMail } from "./send-mail.ts";
import { createSession, generateSessionToken, invalidateSession } from "./session.ts";
import { verifyTotp } from "./totp.ts";

export type SecondFactorMethod = "email" | "totp";

const signInCodeLimitKey = (accountId: number): string => `sign_in_code:${accountId}`;

export function secondFactorOf(account: Pick<Account, "totpEnabled">): SecondFactorMethod {
	return account.totpEnabled ? "totp" : "email";
}

export interface SendCodeInput {
	readonly account: Account;
	readonly sessionId: string;
	readonly now: Date;
	readonly publicUrl: URL;
	readonly randomBytes: RandomBytes;
}

/** E-mails a sign-in code, at most 5 per quarter of an hour per account (an e-mail-sending action). */
export async function sendSignInCode(
	db: Database,
	input: SendCodeInput,
): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
	const limit = await consumeRateLimit(db, {
		key: signInCodeLimitKey(input.account.id),
		limit: 5,
		windowMs: 15 * 60_000,
		now: input.now,
	});
	if (!limit.ok) return limit;
	const { code, id } = await createSignInCode(db, {
		accountId: input.account.id,
		sessionId: input.sessionId,
		now: input.now,
		randomBytes: input.randomBytes,
	});
	await queueMail(db, {
		template: "sign-in-code",
		data: { code },
		to: input.account.email,
		accountId: input.account.id,
		idempotencyKey: `sign-in-code/${id}`,
		now: input.now,
		publicUrl: input.publicUrl,
	});
	return { ok: true };
}

export type SecondFactorResult =
	| { readonly ok: true; readonly token: string; readonly session: Session }
	| { readonly ok: false; readonly reason: "invalid" | "expired" };

export interface CompleteInput {
	readonly account: Account;
	readonly session: Session;
	readonly code: string;
	/** A recovery code of the authenticator app instead of a TOTP code. */
	readonly recovery: boolean;
	readonly now: Date;
	readonly userAgentLabel: string;
	readonly ipKey: string;
	readonly correlationId: string;
	readonly publicUrl: URL;
	readonly randomBytes: RandomBytes;
}

async function checkCode(db: Database, input: CompleteInput): Promise<{ ok: boolean; expired?: boolean }> {
	const { account, now } = input;
	if (account.totpEnabled && account.totpSecret) {
		if (input.recovery) {
			const hashes = account.recoveryCodeHashes ?? [];
			const used = useRecoveryCode(hashes, input.code);
			if (!used.ok) return { ok: false };
			// Compare-and-set on the old list: one recovery code cannot be spent twice in parallel.
			const updated = await db
				.update(accounts)
				.set({ recoveryCodeHashes: used.remaining })
				.where(and(eq(accounts.id, account.id), eq(accounts.recoveryCodeHashes, hashes)))
				.returning({ id: accounts.id });
			return { ok: updated.length === 1 };
		}
		const result = verifyTotp(account.totpSecret, input.code, now, account.totpLastUsedStep);
		if (!result.ok) return { ok: false };
		const updated = await db
			.update(accounts)
			.set({ totpLastUsedStep: result.step })
			.where(
				and(
					eq(accounts.id, account.id),
					or(isNull(accounts.totpLastUsedStep), lt(accounts.totpLastUsedStep, result.step)),
				),
			)
			.returning({ id: accounts.id });
		return { ok: updated.length === 1 };
	}
	const verified = await verifySignInCode(db, {
		accountId: account.id,
		code: input.code,
		now,
		sessionId: input.session.id,
	});
	if (verified.ok) return { ok: true };
	return { ok: false, expired: verified.reason === "expired" || verified.reason === "too_many_attempts" };
}

async function isNewDevice(db: Database, accountId: number, device: string): Promise<boolean> {
	const previous = await db
		.select({ details: auditEvents.details })
		.from(auditEvents)
		.where(and(eq(auditEvents.accountId, accountId), eq(auditEvents.action, "auth.sign_in.completed")))
		.orderBy(desc(auditEvents.seq))
		.limit(50);
	return previous.length > 0 && !previous.some((event) => event.details?.device === device);
}

export async function completeSecondFactor(db: Database, input: CompleteInput): Promise<SecondFactorResult> {
	const checked = await checkCode(db, input);
	if (!checked.ok) {
		await db.transaction(
			(tx) =>
				appendAuditEvent(tx, {
					occurredAt: input.now,
					accountId: input.account.id,
					sessionId: input.session.id,
					actorKind: "account",
					action: "auth.sign_in.second_factor",
					outcome: "failure",
					correlationId: input.correlationId,
					ipHash: input.ipKey,
					details: { method: secondFactorOf(input.account), recovery: input.recovery },
				}),
			{ behavior: "immediate" },
		);
		return { ok: false, reason: checked.expired ? "expired" : "invalid" };
	}
	// Codes are limited to stop e-mail flooding by someone who has the password; a completed
	// sign-in is the holder's, so it frees the allowance.
	await releaseRateLimit(db, signInCodeLimitKey(input.account.id));
	const { token, session } = await finishSignIn(db, {
		...input,
		previousSessionId: input.session.id,
		approximatePlace: input.session.approximatePlace,
		method: secondFactorOf(input.account),
	});
	return { ok: true, token, session };
}

export interface FinishSignInInput {
	readonly account: Account;
	/** The half-open session of the password step, replaced; null for a passwordless sign-in. */
	readonly previousSessionId: string | null;
	readonly approximatePlace: string | null;
	readonly method: SecondFactorMethod | "passkey" | FederationProvider;
	readonly recovery: boolean;
	readonly now: Date;
	readonly userAgentLabel: string;
	readonly ipKey: string;
	readonly correlationId: string;
	readonly publicUrl: URL;
	readonly randomBytes: RandomBytes;
}

/**
 * A sign-in proven complete (second factor, or a passkey on its own): a new session with a new
 * token, the account's last sign-in, the trail's entry, and an alert when the device is new.
 */
export async function finishSignIn(
	db: Database,
	input: FinishSignInInput,
): Promise<{ readonly token: string; readonly session: Session }> {
	const newDevice = await isNewDevice(db, input.account.id, input.userAgentLabel);
	const token = generateSessionToken(input.randomBytes);
	const session = await db.transaction(
		async (tx) => {
			if (input.previousSessionId) await invalidateSession(tx, input.previousSessionId);
			const created = await createSession(tx, {
				token,
				account: input.account,
				now: input.now,
				userAgentLabel: input.userAgentLabel,
				approximatePlace: input.approximatePlace,
				secondFactorVerified: true,
			});
			await tx
				.update(accounts)
				.set({ lastSignInAt: input.now, updatedAt: input.now })
				.where(eq(accounts.id, input.account.id));
			await appendAuditEvent(tx, {
				occurredAt: input.now,
				accountId: input.account.id,
				sessionId: created.id,
				actorKind: "account",
				action: "auth.sign_in.completed",
				outcome: "success",
				correlationId: input.correlationId,
				ipHash: input.ipKey,
				details: {
					method: input.method,
					recovery: input.recovery,
					device: input.userAgentLabel,
				},
			});
			return created;
		},
		{ behavior: "immediate" },
	);
	if (newDevice) {
		const report = await createOneTimeToken(db, {
			purpose: "fraud_report",
			accountId: input.account.id,
			now: input.now,
			randomBytes: input.randomBytes,
		});
		await queueMail(db, {
			template: "new-sign-in-alert",
			data: {
				signedInAt: input.now,
				device: input.userAgentLabel,
				...(input.approximatePlace ? { approximatePlace: input.approximatePlace } : {}),
				fraudReportPath: `/signalement?jeton=${report.token}`,
			},
			to: input.account.email,
			accountId: input.account.id,
			idempotencyKey: `new-sign-in-alert/${session.id}`,
			now: input.now,
			publicUrl: input.publicUrl,
		});
	}
	return { token, session };
}
