// Staff's side of the practices' « Contact » (ADR 0031, 0037): the open messages in the queue, one
// message with its text and attachment name, the answer (the practice reads it in
// /professionnel/contact and is told by e-mail) and the closing of the exchange. Every action
// writes an audit entry naming the staff member and their session.
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { accounts, practiceMessages, professionals, uploadedDocuments } from "../../schema/tables/index.ts";
import { appendAuditEvent } from "../audit.ts";
import { PRACTICE_MESSAGE_SUBJECTS } from "../professionnel/contact.ts";
import { practiceName } from "../professionnel/practice.ts";
import { queueMail } from "../send-mail.ts";
import { type StaffActor, staffAuditActor } from "./staff.ts";

export interface StaffPracticeMessage {
	readonly id: number;
	readonly reference: string;
	readonly subjectLabel: string;
	readonly practice: string;
	readonly accountIdentifier: string;
	readonly text: string;
	readonly attachmentName: string | null;
	readonly createdAt: Date;
	readonly answeredAt: Date | null;
	readonly answer: string | null;
	readonly closedAt: Date | null;
}

const selection = {
	id: practiceMessages.id,
	reference: practiceMessages.reference,
	subject: practiceMessages.subject,
	text: practiceMessages.text,
	createdAt: practiceMessages.createdAt,
	answeredAt: practiceMessages.answeredAt,
	answer: practiceMessages.answerText,
	closedAt: practiceMessages.closedAt,
	attachmentName: uploadedDocuments.fileName,
	accountIdentifier: accounts.identifier,
	practiceName: professionals.practiceName,
	firstName: professionals.firstName,
	lastName: professionals.lastName,
};

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>["where"]>>[number];

function toMessage(row: Row): StaffPracticeMessage {
	return {
		id: row.id,
		reference: row.reference,
		subjectLabel: PRACTICE_MESSAGE_SUBJECTS[row.subject],
		practice: practiceName(row) || "Cabinet sans nom",
		accountIdentifier: row.accountIdentifier,
		text: row.text,
		attachmentName: row.attachmentName,
		createdAt: row.createdAt,
		answeredAt: row.answeredAt,
		answer: row.answer,
		closedAt: row.closedAt,
	};
}

function baseQuery(db: Pick<Database, "select">) {
	return db
		.select(selection)
		.from(practiceMessages)
		.innerJoin(professionals, eq(professionals.id, practiceMessages.professionalId))
		.innerJoin(accounts, eq(accounts.id, practiceMessages.accountId))
		.leftJoin(uploadedDocuments, eq(uploadedDocuments.id, practiceMessages.attachmentId));
}

/** Messages not closed yet, the oldest first. */
export async function listOpenPracticeMessages(
	db: Pick<Database, "select">,
): Promise<StaffPracticeMessage[]> {
	const rows = await baseQuery(db)
		.where(isNull(practiceMessages.closedAt))
		.orderBy(asc(practiceMessages.createdAt), asc(practiceMessages.id));
	return rows.map(toMessage);
}

export async function getPracticeMessageForStaff(
	db: Pick<Database, "select">,
	id: number,
): Promise<StaffPracticeMessage | null> {
	const [row] = await baseQuery(db).where(eq(practiceMessages.id, id));
	return row ? toMessage(row) : null;
}

export type StaffMessageResult =
	| { readonly ok: true }
	| { readonly ok: false; readonly reason: "not_found" | "closed" };

/**
 * Records (or replaces) the answer, tells the practice's account by e-mail (the answer stays in
 * the space: it may name a patient) and audits who answered.
 */
export async function answerPracticeMessageAsStaff(
	db: Database,
	input: { id: number; answer: string; now: Date; actor: StaffActor; publicUrl: URL },
): Promise<StaffMessageResult> {
	const { actor, now } = input;
	return db.transaction(
		async (tx): Promise<StaffMessageResult> => {
			const [message] = await tx
				.select({
					reference: practiceMessages.reference,
					closedAt: practiceMessages.closedAt,
					accountId: practiceMessages.accountId,
					email: accounts.email,
				})
				.from(practiceMessages)
				.innerJoin(accounts, eq(accounts.id, practiceMessages.accountId))
				.where(eq(practiceMessages.id, input.id));
			if (!message) return { ok: false, reason: "not_found" };
			if (message.closedAt) return { ok: false, reason: "closed" };
			await tx
				.update(practiceMessages)
				.set({ answeredAt: now, answerText: input.answer })
				.where(eq(practiceMessages.id, input.id));
			await appendAuditEvent(tx, {
				occurredAt: now,
				...staffAuditActor(actor),
				action: "gestion.practice_message.answered",
				objectType: "practice_message",
				objectId: String(input.id),
				outcome: "success",
				details: { practiceAccountId: message.accountId },
			});
			await queueMail(tx, {
				template: "practice-message-answered",
				data: { reference: message.reference, messagePath: `/professionnel/contact/${input.id}` },
				to: message.email,
				accountId: message.accountId,
				idempotencyKey: `practice-message-answered/${input.id}/${now.getTime()}`,
				now,
				publicUrl: input.publicUrl,
			});
			return { ok: true };
		},
		{ behavior: "immediate" },
	);
}

/** Closes the exchange: it leaves the queue; the practice still reads it and its answer. */
export async function closePracticeMessage(
	db: Database,
	input: { id: number; now: Date; actor: StaffActor },
): Promise<StaffMessageResult> {
	const { actor, now } = input;
	return db.transaction(
		async (tx): Promise<StaffMessageResult> => {
			const [message] = await tx
				.select({ closedAt: practiceMessages.closedAt })
				.from(practiceMessages)
				.where(eq(practiceMessages.id, input.id));
			if (!message) return { ok: false, reason: "not_found" };
			if (message.closedAt) return { ok: false, reason: "closed" };
			await tx
				.update(practiceMessages)
				.set({ closedAt: now })
				.where(and(eq(practiceMessages.id, input.id), isNull(practiceMessages.closedAt)));
			await appendAuditEvent(tx, {
				occurredAt: now,
				...staffAuditActor(actor),
				action: "gestion.practice_message.closed",
				objectType: "practice_message",
				objectId: String(input.id),
				outcome: "success",
			});
			return { ok: true };
		},
		{ behavior: "immediate" },
	);
}
