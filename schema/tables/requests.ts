// Requests made through a space or recorded by staff (complaints, beneficiary changes, bank
// details, GDPR rights, fraud reports, account deletion), their status history with deadlines,
// and the documents users upload with them.
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { requestChannels, requestKinds, requestStatuses } from "../enums.ts";
import { accounts } from "./accounts.ts";
import { instant, json, oneOf } from "./columns.ts";

export const requests = sqliteTable(
	"requests",
	{
		id: integer().primaryKey(),
		/** Reference given to the user, e.g. "R2026-000123". */
		reference: text().notNull(),
		kind: text({ enum: requestKinds }).notNull(),
		/** Refines the kind: the GDPR right of a data_protection request (enums.ts), a complaint's topic… */
		subKind: text(),
		/** Account that made the request; null for one recorded by staff for someone without an account. */
		accountId: integer().references(() => accounts.id),
		channel: text({ enum: requestChannels }).notNull().default("web"),
		/** What the form carried, parsed by the request kind's schema. Identifiers, no documents. */
		payload: json<Record<string, unknown>>().notNull(),
		status: text({ enum: requestStatuses }).notNull(),
		createdAt: instant().notNull(),
		/** Complaints: acknowledgement within 10 working days (ACPR 2022-R-01). */
		acknowledgeBy: instant(),
		acknowledgedAt: instant(),
		/** Complaints: 2 months; GDPR: one month (art. 12(3)). */
		answerBy: instant(),
		answeredAt: instant(),
		answerText: text(),
		answeredByAccountId: integer().references(() => accounts.id),
		assignedToAccountId: integer().references(() => accounts.id),
		closedAt: instant(),
		updatedAt: instant().notNull(),
	},
	(t) => [
		oneOf("requests_kind_check", t.kind, requestKinds),
		oneOf("requests_status_check", t.status, requestStatuses),
		oneOf("requests_channel_check", t.channel, requestChannels),
		check("requests_answer_check", sql`${t.answeredAt} IS NULL OR ${t.answerText} IS NOT NULL`),
		uniqueIndex("requests_reference_idx").on(t.reference),
		index("requests_account_idx").on(t.accountId, t.createdAt),
		index("requests_status_deadline_idx").on(t.status, t.answerBy),
		index("requests_kind_status_idx").on(t.kind, t.status, t.createdAt),
		index("requests_assigned_idx").on(t.assignedToAccountId, t.status),
	],
);

export const requestStatusHistory = sqliteTable(
	"request_status_history",
	{
		id: integer().primaryKey(),
		requestId: integer()
			.notNull()
			.references(() => requests.id),
		fromStatus: text({ enum: requestStatuses }),
		toStatus: text({ enum: requestStatuses }).notNull(),
		changedAt: instant().notNull(),
		/** Null for a change made by the system (a schedule). */
		changedByAccountId: integer().references(() => accounts.id),
		note: text(),
	},
	(t) => [
		oneOf("request_status_history_from_check", t.fromStatus, requestStatuses),
		oneOf("request_status_history_to_check", t.toStatus, requestStatuses),
		index("request_status_history_request_idx").on(t.requestId, t.changedAt),
	],
);

export const uploadedDocuments = sqliteTable(
	"uploaded_documents",
	{
		id: integer().primaryKey(),
		/** Key in the object store (a file path under the Node host). */
		storageKey: text().notNull(),
		/** Name as uploaded, shown back to its owner only. */
		fileName: text().notNull(),
		contentType: text().notNull(),
		sizeBytes: integer().notNull(),
		/** SHA-256 of the content, hex. */
		sha256: text().notNull(),
		ownerAccountId: integer()
			.notNull()
			.references(() => accounts.id),
		requestId: integer().references(() => requests.id),
		uploadedAt: instant().notNull(),
		deletedAt: instant(),
	},
	(t) => [
		check("uploaded_documents_size_check", sql`${t.sizeBytes} >= 0`),
		check("uploaded_documents_sha256_check", sql`length(${t.sha256}) = 64`),
		uniqueIndex("uploaded_documents_storage_key_idx").on(t.storageKey),
		index("uploaded_documents_owner_idx").on(t.ownerAccountId, t.uploadedAt),
		index("uploaded_documents_request_idx").on(t.requestId),
	],
);
