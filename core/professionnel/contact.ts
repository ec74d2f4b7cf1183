// « Contact » of the espace professionnel: a practice writes to the insurer (a subject from a fixed
// list, a message, an optional attachment already stored through the document storage), gets a
// reference and an acknowledgement by e-mail, and reads the history of its exchanges with the
// insurer's answers. Every query is scoped by the practice: another practice's message is null,
// exactly like a missing one. Business rules only; the form is read in edge/.
import { and, desc, eq, like, max } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import {
	accounts,
	type PracticeMessageSubject,
	practiceMessages,
	uploadedDocuments,
} from "../../schema/tables/index.ts";
import { appendAuditEvent } from "../audit.ts";
import { parisDay } from "../calendar.ts";
import type { Executor } from "../queue.ts";
import { queueMail } from "../send-mail.ts";
import type { PracticeScope } from "./practice.ts";

export const PRACTICE_MESSAGE_SUBJECTS: Readonly<Record<PracticeMessageSubject, string>> = {
	facture: "Une facture de tiers payant",
	paiement: "Un paiement ou un avis de paiement",
	droits: "Les droits d'un patient",
	tiers_payant: "La convention de tiers payant",
	compte: "L'espace professionnel ou les clés d'API",
	autre: "Autre sujet",
};

export const PRACTICE_MESSAGE_MAX_LENGTH = 5_000;

/** The letter of a practice message's reference: not one of core/request-reference.ts's prefixes. */
const REFERENCE_PREFIX = "P";

export interface PracticeMessage {
	readonly id: number;
	readonly reference: string;
	readonly subject: PracticeMessageSubject;
	readonly subjectLabel: string;
	readonly text: string;
	readonly createdAt: Date;
	readonly answeredAt: Date | null;
	readonly answer: string | null;
	/** The attachment's name as uploaded (shown back to its practice only), or null. */
	readonly attachmentName: string | null;
}

/** The next "P2026-000042", allocated inside the caller's IMMEDIATE transaction (a unique index backs it). */
async function nextPracticeMessageReference(db: Executor, now: Date): Promise<string> {
	const prefix = `${REFERENCE_PREFIX}${now.getUTCFullYear()}-`;
	const [row] = await db
		.select({ last: max(practiceMessages.reference) })
		.from(practiceMessages)
		.where(like(practiceMessages.reference, `${prefix}%`));
	const last = Number.parseInt(row?.last?.slice(prefix.length) ?? "0", 10);
	return `${prefix}${String((Number.isFinite(last) ? last : 0) + 1).padStart(6, "0")}`;
}

export interface SendPracticeMessageInput {
	readonly subject: PracticeMessageSubject;
	readonly text: string;
	/** The uploaded_documents row of the attachment (owned by the practice's account), or null. */
	readonly attachmentId: number | null;
	readonly now: Date;
	readonly publicUrl: URL;
	readonly correlationId: string;
}

/** Records the message with its reference, audits it and queues the acknowledgement, in one transaction. */
export async function sendPracticeMessage(
	db: Database,
	scope: PracticeScope,
	input: SendPracticeMessageInput,
): Promise<{ readonly id: number; readonly reference: string }> {
	return db.transaction(
		async (tx) => {
			const reference = await nextPracticeMessageReference(tx, input.now);
			const [row] = await tx
				.insert(practiceMessages)
				.values({
					reference,
					professionalId: scope.professionalId,
					accountId: scope.accountId,
					subject: input.subject,
					text: input.text,
					attachmentId: input.attachmentId,
					createdAt: input.now,
				})
				.returning({ id: practiceMessages.id });
			if (!row) throw new Error("practice message not written");
			await appendAuditEvent(tx, {
				occurredAt: input.now,
				accountId: scope.accountId,
				sessionId: scope.sessionId,
				actorKind: "account",
				action: "professionnel.contact.sent",
				objectType: "practice_message",
				objectId: String(row.id),
				outcome: "success",
				correlationId: input.correlationId,
				details: {
					professionalId: scope.professionalId,
					subject: input.subject,
					attachment: input.attachmentId !== null,
				},
			});
			const [account] = await tx
				.select({ email: accounts.email })
				.from(accounts)
				.where(eq(accounts.id, scope.accountId));
			if (account) {
				await queueMail(tx, {
					template: "practice-message-acknowledged",
					data: {
						reference,
						receivedOn: parisDay(input.now),
						messagePath: `/professionnel/contact/${row.id}`,
					},
					to: account.email,
					accountId: scope.accountId,
					idempotencyKey: `practice-message-acknowledged/${row.id}`,
					now: input.now,
					publicUrl: input.publicUrl,
				});
			}
			return { id: row.id, reference };
		},
		{ behavior: "immediate" },
	);
}

const selection = {
	id: practiceMessages.id,
	reference: practiceMessages.reference,
	subject: practiceMessages.subject,
	text: practiceMessages.text,
	createdAt: practiceMessages.createdAt,
	answeredAt: practiceMessages.answeredAt,
	answer: practiceMessages.answerText,
	attachmentName: uploadedDocuments.fileName,
};

function toMessage(row: Omit<PracticeMessage, "subjectLabel">): PracticeMessage {
	return { ...row, subjectLabel: PRACTICE_MESSAGE_SUBJECTS[row.subject] };
}

/** The practice's exchanges, the most recent first. */
export async function listPracticeMessages(db: Database, professionalId: number): Promise<PracticeMessage[]> {
	const rows = await db
		.select(selection)
		.from(practiceMessages)
		.leftJoin(uploadedDocuments, eq(uploadedDocuments.id, practiceMessages.attachmentId))
		.where(eq(practiceMessages.professionalId, professionalId))
		.orderBy(desc(practiceMessages.createdAt), desc(practiceMessages.id));
	return rows.map(toMessage);
}

/** One message of this practice; null when it is another practice's or does not exist. */
export async function getPracticeMessage(
	db: Database,
	professionalId: number,
	id: number,
): Promise<PracticeMessage | null> {
	const [row] = await db
		.select(selection)
		.from(practiceMessages)
		.leftJoin(uploadedDocuments, eq(uploadedDocuments.id, practiceMessages.attachmentId))
		.where(and(eq(practiceMessages.id, id), eq(practiceMessages.professionalId, professionalId)));
	return row ? toMessage(row) : null;
}

/** The insurer's answer to a message (staff's side; the back-office screen is not built yet). */
export async function answerPracticeMessage(
	db: Database,
	input: { readonly reference: string; readonly answer: string; readonly now: Date },
): Promise<boolean> {
	const updated = await db
		.update(practiceMessages)
		.set({ answeredAt: input.now, answerText: input.answer })
		.where(eq(practiceMessages.reference, input.reference))
		.returning({ id: practiceMessages.id });
	return updated.length > 0;
}
