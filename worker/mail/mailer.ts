// The one interface every e-mail adapter implements (Resend in production, the local mailbox in
// development), so that the worker's mail job knows nothing of the provider. A send never throws
// for an expected failure: the result says whether the job should retry or give up.
import type { TemplateName } from "../../core/mail/templates/index.ts";

export interface OutgoingMail {
	/** Recipient address. Never logged. */
	readonly to: string;
	readonly subject: string;
	readonly text: string;
	readonly html: string;
	readonly template: TemplateName;
	/**
	 * Same key for every attempt of the same message, so that a retried job never sends twice
	 * (e.g. `account-activation/<outgoing mail id>`). 1 to 256 characters.
	 */
	readonly idempotencyKey: string;
}

/** Why a send did not go through; `error` is a short technical reason without personal data. */
export interface SendFailure {
	readonly ok: false;
	readonly retryable: boolean;
	readonly error: string;
	/** The provider asked to slow down (429): the mail waits, it has not failed an attempt. */
	readonly rateLimited?: true;
	/** How long the provider asked to wait (`Retry-After` on a 429 or a 503), in milliseconds. */
	readonly retryAfterMs?: number;
	/** No request was made: sending is paused (circuit breaker open, Retry-After still running). */
	readonly notAttempted?: true;
}

/** A failure that is the provider pacing us, not the mail failing: wait, without counting an attempt. */
export function isDeferral(result: SendFailure): boolean {
	return result.rateLimited === true || result.notAttempted === true;
}

/** When a deferred mail should be tried again, when the provider did not say. */
export const DEFAULT_DEFER_MS = 1_000;

export type SendResult = { readonly ok: true; readonly providerMessageId: string } | SendFailure;

/** One provider id per mail, in the order sent: a batch is accepted or refused as a whole. */
export type BatchResult = { readonly ok: true; readonly providerMessageIds: readonly string[] } | SendFailure;

/** Resend's batch endpoint takes up to 100 e-mails a call. */
export const MAX_BATCH_SIZE = 100;

export interface Mailer {
	readonly name: string;
	send(mail: OutgoingMail): Promise<SendResult>;
	/**
	 * Sends up to MAX_BATCH_SIZE mails in one request. The provider keeps one idempotency key per
	 * request, so `idempotencyKey` must stand for exactly these mails, in this order, on every attempt.
	 */
	sendBatch?(mails: readonly OutgoingMail[], idempotencyKey: string): Promise<BatchResult>;
	/** Until when sending waits (an open circuit breaker, a `Retry-After`): the worker leases no mail job until then. */
	pausedUntil?(): Date | null;
}
