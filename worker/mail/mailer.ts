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

export type SendResult =
	| { readonly ok: true; readonly providerMessageId: string }
	/** `error` is a short technical reason without personal data, fit for logs and the outbox. */
	| { readonly ok: false; readonly retryable: boolean; readonly error: string };

export interface Mailer {
	readonly name: string;
	send(mail: OutgoingMail): Promise<SendResult>;
}
