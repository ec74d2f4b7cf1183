// The « Contact » of the espace professionnel: each message a practice sent the insurer (a subject
// from a fixed list, the text, an optional attachment kept in uploaded_documents) with its
// reference and the insurer's answer. A table of its own rather than `requests` (ADR 0031):
// those are a member's or staff's requests with regulatory deadlines and staff queues.
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";
import { instant, oneOf } from "./columns.ts";
import { professionals } from "./professionals.ts";
import { uploadedDocuments } from "./requests.ts";

export const practiceMessageSubjects = [
	"facture",
	"paiement",
	"droits",
	"tiers_payant",
	"compte",
	"autre",
] as const;
export type PracticeMessageSubject = (typeof practiceMessageSubjects)[number];

export const practiceMessages = sqliteTable(
	"practice_messages",
	{
		id: integer().primaryKey(),
		/** Reference given to the practice, e.g. "P2026-000042". */
		reference: text().notNull(),
		professionalId: integer()
			.notNull()
			.references(() => professionals.id),
		/** The professional account that wrote it. */
		accountId: integer()
			.notNull()
			.references(() => accounts.id),
		subject: text({ enum: practiceMessageSubjects }).notNull(),
		text: text().notNull(),
		attachmentId: integer().references(() => uploadedDocuments.id),
		createdAt: instant().notNull(),
		answeredAt: instant(),
		answerText: text(),
		/** Set when staff close the exchange (answered or not): it leaves the back-office queue. */
		closedAt: instant(),
	},
	(t) => [
		oneOf("practice_messages_subject_check", t.subject, practiceMessageSubjects),
		check("practice_messages_answer_check", sql`${t.answeredAt} IS NULL OR ${t.answerText} IS NOT NULL`),
		uniqueIndex("practice_messages_reference_idx").on(t.reference),
		index("practice_messages_practice_idx").on(t.professionalId, t.createdAt),
	],
);
