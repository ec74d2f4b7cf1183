// The outbox and job queue of the Node host (Cloudflare Queues take over in production, fed from
// the same outbox), and every e-mail sent or to be sent (the local mailbox in development).
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { breakerStates, jobStatuses, mailStatuses } from "../enums.ts";
import { accounts } from "./accounts.ts";
import { instant, json, oneOf } from "./columns.ts";

export const jobs = sqliteTable(
	"jobs",
	{
		id: integer().primaryKey(),
		/** Job type, the key of its handler in the worker registry. */
		type: text().notNull(),
		/** Identifiers only: no secrets, no full IBAN, no health details (SECURITY.md). */
		payload: json<Record<string, unknown>>().notNull(),
		status: text({ enum: jobStatuses }).notNull().default("pending"),
		attempts: integer().notNull().default(0),
		maxAttempts: integer().notNull().default(5),
		availableAt: instant().notNull(),
		leasedUntil: instant(),
		leaseOwner: text(),
		lastError: text(),
		idempotencyKey: text(),
		createdAt: instant().notNull(),
		updatedAt: instant().notNull(),
	},
	(t) => [
		oneOf("jobs_status_check", t.status, jobStatuses),
		check("jobs_attempts_check", sql`${t.attempts} >= 0 AND ${t.maxAttempts} >= 1`),
		uniqueIndex("jobs_idempotency_key_idx").on(t.idempotencyKey),
		index("jobs_status_available_idx").on(t.status, t.availableAt),
		index("jobs_status_leased_idx").on(t.status, t.leasedUntil),
	],
);

export const outgoingMails = sqliteTable(
	"outgoing_mails",
	{
		id: integer().primaryKey(),
		accountId: integer().references(() => accounts.id),
		toAddress: text().notNull(),
		subject: text().notNull(),
		textBody: text().notNull(),
		htmlBody: text(),
		/** Template name (worker/mail templates). */
		template: text().notNull(),
		status: text({ enum: mailStatuses }).notNull().default("queued"),
		providerMessageId: text(),
		error: text(),
		idempotencyKey: text().notNull(),
		/**
		 * Set before a bulk mail goes out in a batch (worker/mail/batch-delivery.ts): the provider's
		 * idempotency key of that batch. Every retry resends the same mails under it, so none is
		 * sent twice even if a worker dies between the send and the marking.
		 */
		batchKey: text(),
		/**
		 * A mail queued in bulk (an import's invitations) is rendered at delivery rather than
		 * queueing: its template's input waits here (subject and bodies empty until then), and is
		 * cleared with the bodies once sent (ADR 0043).
		 */
		templateData: json<Record<string, unknown>>(),
		createdAt: instant().notNull(),
		sentAt: instant(),
	},
	(t) => [
		oneOf("outgoing_mails_status_check", t.status, mailStatuses),
		uniqueIndex("outgoing_mails_idempotency_key_idx").on(t.idempotencyKey),
		index("outgoing_mails_to_idx").on(t.toAddress, t.createdAt),
		index("outgoing_mails_created_idx").on(t.createdAt),
		index("outgoing_mails_batch_idx").on(t.batchKey),
	],
);

/**
 * What the workers last saw of each mail provider, so that both hosts' health endpoints can say
 * the mailer is degraded (its circuit breaker open) without sharing memory with the worker.
 */
export const mailProviderStates = sqliteTable(
	"mail_provider_states",
	{
		provider: text().primaryKey(),
		state: text({ enum: breakerStates }).notNull(),
		consecutiveFailures: integer().notNull(),
		/** When the breaker took this state. */
		since: instant().notNull(),
		/** While open: when the next probe may go. */
		retryAt: instant(),
		/** The last transport failure, a technical reason without personal data. */
		lastError: text(),
		updatedAt: instant().notNull(),
	},
	(t) => [oneOf("mail_provider_states_state_check", t.state, breakerStates)],
);
