// Requests about personal data (GDPR art. 12 to 22): what the user cannot do alone (correct a
// name or a birth date, a question to the DPO, any right) is a tracked request, answered
// within one month of receipt; staff may extend that by two further months once, with a
// reasoned notice, before the month is over (art. 12(3)). One lifecycle (core/requests.ts)
// writes the history and the audit entry of each step; the mails go through the outbox.
import { and, asc, desc, eq } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { DataProtectionRight, RequestStatus } from "../../schema/enums.ts";
import {
	type Account,
	accounts,
	requestStatusHistory,
	requests,
	uploadedDocuments,
} from "../../schema/tables/index.ts";
import { accountNames } from "../account-names.ts";
import { addMonths, parisDay } from "../calendar.ts";
import { changeRequestStatus, OPEN_REQUEST_STATUSES, openRequest, type Transaction } from "../requests.ts";
import { queueMail } from "../send-mail.ts";
import type { DataActor } from "./export.ts";
import type { MinorBeneficiary } from "./minors.ts";

export const ANSWER_MONTHS = 1;
export const EXTENSION_MONTHS = 2;
export const DATA_REQUEST_MAX_LENGTH = 5_000;

/** The rights a user may invoke through the form, and how the pages name them. */
export const DATA_REQUEST_RIGHTS: Readonly<Record<DataProtectionRight, string>> = {
	access: "Accès à mes données (copie complète, y compris l'IBAN)",
	portability: "Portabilité de mes données",
	rectification: "Rectification (nom, prénom, date de naissance…)",
	erasure: "Effacement de mes données",
	limitation: "Limitation du traitement",
	opposition: "Opposition à un traitement",
	consent_withdrawal: "Retrait d'un consentement",
	post_mortem_directives: "Directives après mon décès",
};

/** "End of that day in Paris", close enough for a deadline shown as a date. */
function endOfDay(day: string): Date {
	return new Date(`${day}T22:59:59Z`);
}

export function dataRequestDeadline(receivedAt: Date, months = ANSWER_MONTHS): Date {
	return endOfDay(addMonths(parisDay(receivedAt), months));
}

export interface DataRequestInput {
	readonly right: DataProtectionRight;
	readonly text: string;
	/** For a rectification: the corrected value asked for, by field. */
	readonly corrections?: Readonly<Record<string, string>>;
	/** A document stored by the caller (core/documents.ts) and attached to the request. */
	readonly attachmentId?: number | null;
	/** A minor beneficiary the member acts for (core/donnees/minors.ts), checked by the caller. */
	readonly forMinor?: MinorBeneficiary | null;
}

/** Opens the request and queues its acknowledgement, in one transaction. */
export async function openDataRequest(
	db: Database,
	account: Account,
	actor: DataActor,
	input: DataRequestInput,
	now: Date,
	publicUrl: URL,
): Promise<{ requestId: number; reference: string }> {
	const displayName = (await accountNames(db, account)).join(" ") || account.identifier;
	const answerBy = dataRequestDeadline(now);
	return db.transaction(
		async (tx) => {
			const opened = await openRequest(tx, {
				kind: "data_protection",
				subKind: input.right,
				accountId: account.id,
				payload: {
					right: input.right,
					text: input.text,
					...(input.corrections ? { corrections: input.corrections } : {}),
					...(input.forMinor ? { forMinor: input.forMinor } : {}),
				},
				now,
				answerBy,
				audit: { ...actor, actorKind: "account", action: "donnees.request.opened" },
			});
			if (input.attachmentId)
				await tx
					.update(uploadedDocuments)
					.set({ requestId: opened.requestId })
					.where(
						and(
							eq(uploadedDocuments.id, input.attachmentId),
							eq(uploadedDocuments.ownerAccountId, account.id),
						),
					);
			await queueMail(tx, {
				template: "data-protection-request-received",
				data: {
					displayName,
					right: input.right,
					reference: opened.reference,
					receivedOn: parisDay(now),
					answerDueBy: parisDay(answerBy),
					requestPath: `/compte/donnees/demandes/${opened.requestId}`,
				},
				to: account.email,
				accountId: account.id,
				idempotencyKey: `data-request-received/${opened.requestId}`,
				now,
				publicUrl,
			});
			return opened;
		},
		{ behavior: "immediate" },
	);
}

export interface DataRequestSummary {
	readonly id: number;
	readonly reference: string;
	readonly right: DataProtectionRight | null;
	readonly status: RequestStatus;
	readonly createdAt: Date;
	readonly answerBy: Date | null;
}

function rightOf(subKind: string | null): DataProtectionRight | null {
	return subKind !== null && subKind in DATA_REQUEST_RIGHTS ? (subKind as DataProtectionRight) : null;
}

/** Every data-protection request of the account, newest first. */
export async function listDataRequests(
	db: Pick<Database, "select">,
	accountId: number,
): Promise<DataRequestSummary[]> {
	const rows = await db
		.select()
		.from(requests)
		.where(and(eq(requests.accountId, accountId), eq(requests.kind, "data_protection")))
		.orderBy(desc(requests.createdAt), desc(requests.id));
	return rows.map((row) => ({
		id: row.id,
		reference: row.reference,
		right: rightOf(row.subKind),
		status: row.status,
		createdAt: row.createdAt,
		answerBy: row.answerBy,
	}));
}

export interface DataRequestDetail extends DataRequestSummary {
	readonly text: string | null;
	readonly corrections: Readonly<Record<string, string>> | null;
	/** The minor the member acted for, if any. */
	readonly forName: string | null;
	readonly answerText: string | null;
	readonly answeredAt: Date | null;
	readonly extended: boolean;
	readonly history: readonly {
		readonly status: RequestStatus;
		readonly at: Date;
		readonly note: string | null;
	}[];
	readonly attachments: readonly { readonly fileName: string; readonly sizeBytes: number }[];
}

/** One request of the account; null for another account's or a missing one (the same 404). */
export async function getDataRequest(
	db: Pick<Database, "select">,
	accountId: number,
	requestId: number,
): Promise<DataRequestDetail | null> {
	const [row] = await db
		.select()
		.from(requests)
		.where(
			and(
				eq(requests.id, requestId),
				eq(requests.accountId, accountId),
				eq(requests.kind, "data_protection"),
			),
		);
	if (!row) return null;
	const history = await db
		.select({
			status: requestStatusHistory.toStatus,
			at: requestStatusHistory.changedAt,
			note: requestStatusHistory.note,
		})
		.from(requestStatusHistory)
		.where(eq(requestStatusHistory.requestId, row.id))
		.orderBy(asc(requestStatusHistory.changedAt), asc(requestStatusHistory.id));
	const attachments = await db
		.select({ fileName: uploadedDocuments.fileName, sizeBytes: uploadedDocuments.sizeBytes })
		.from(uploadedDocuments)
		.where(eq(uploadedDocuments.requestId, row.id));
	const payload = row.payload;
	return {
		id: row.id,
		reference: row.reference,
		right: rightOf(row.subKind),
		status: row.status,
		createdAt: row.createdAt,
		answerBy: row.answerBy,
		text: typeof payload.text === "string" ? payload.text : null,
		corrections:
			typeof payload.corrections === "object" && payload.corrections !== null
				? (payload.corrections as Record<string, string>)
				: null,
		forName:
			typeof payload.forMinor === "object" && payload.forMinor !== null
				? String((payload.forMinor as { name?: unknown }).name ?? "")
				: null,
		answerText: row.answerText,
		answeredAt: row.answeredAt,
		extended: row.answerBy !== null && row.answerBy.getTime() > dataRequestDeadline(row.createdAt).getTime(),
		history,
		attachments,
	};
}

/** Who answers for the insurer: a staff account in its session. */
export interface StaffActor {
	readonly accountId: number;
	readonly sessionId: string;
	readonly correlationId: string;
}

export type StaffDecision =
	| { readonly ok: true }
	| { readonly ok: false; readonly reason: "not_found" | "closed" | "already_extended" | "too_late" };

async function openOne(tx: Transaction, requestId: number) {
	const [row] = await tx
		.select()
		.from(requests)
		.where(and(eq(requests.id, requestId), eq(requests.kind, "data_protection")));
	return row;
}

/**
 * Extends the deadline by two months, once, before the first month is over, with the reason the
 * user is told (art. 12(3): "informs the data subject of any such extension within one month of
 * receipt of the request, together with the reasons for the delay").
 */
export async function extendDataRequest(
	db: Database,
	staff: StaffActor,
	requestId: number,
	reason: string,
	now: Date,
): Promise<StaffDecision> {
	return db.transaction(
		async (tx) => {
			const row = await openOne(tx, requestId);
			if (!row) return { ok: false, reason: "not_found" } as const;
			if (!(OPEN_REQUEST_STATUSES as readonly string[]).includes(row.status))
				return { ok: false, reason: "closed" } as const;
			const first = dataRequestDeadline(row.createdAt);
			if (row.answerBy && row.answerBy.getTime() > first.getTime())
				return { ok: false, reason: "already_extended" } as const;
			if (now.getTime() > first.getTime()) return { ok: false, reason: "too_late" } as const;
			await changeRequestStatus(tx, {
				request: row,
				to: "in_progress",
				changedByAccountId: staff.accountId,
				note: `Délai de réponse prolongé de deux mois : ${reason}`,
				audit: { ...staff, actorKind: "staff", action: "donnees.request.extended" },
				now,
			});
			await tx
				.update(requests)
				.set({ answerBy: dataRequestDeadline(row.createdAt, ANSWER_MONTHS + EXTENSION_MONTHS) })
				.where(eq(requests.id, row.id));
			return { ok: true } as const;
		},
		{ behavior: "immediate" },
	);
}

/** Records the answer, closes nothing else, and e-mails the user that it is in their space. */
export async function answerDataRequest(
	db: Database,
	staff: StaffActor,
	requestId: number,
	answer: string,
	now: Date,
	publicUrl: URL,
): Promise<StaffDecision> {
	// The name for the mail is read first: the transaction below reads and writes only through tx.
	const [owner] = await db
		.select({ account: accounts })
		.from(requests)
		.innerJoin(accounts, eq(accounts.id, requests.accountId))
		.where(eq(requests.id, requestId));
	const displayName = owner
		? (await accountNames(db, owner.account)).join(" ") || owner.account.identifier
		: "";
	return db.transaction(
		async (tx) => {
			const row = await openOne(tx, requestId);
			if (!row || row.accountId === null) return { ok: false, reason: "not_found" } as const;
			if (!(OPEN_REQUEST_STATUSES as readonly string[]).includes(row.status))
				return { ok: false, reason: "closed" } as const;
			await changeRequestStatus(tx, {
				request: row,
				to: "answered",
				changedByAccountId: staff.accountId,
				set: { answerText: answer, answeredAt: now, answeredByAccountId: staff.accountId },
				audit: { ...staff, actorKind: "staff", action: "donnees.request.answered" },
				now,
			});
			const [account] = await tx.select().from(accounts).where(eq(accounts.id, row.accountId));
			if (account && account.state !== "deleted")
				await queueMail(tx, {
					template: "data-protection-request-answered",
					data: {
						displayName,
						right: rightOf(row.subKind) ?? "access",
						reference: row.reference,
						answerPath: `/compte/donnees/demandes/${row.id}`,
					},
					to: account.email,
					accountId: account.id,
					idempotencyKey: `data-request-answered/${row.id}`,
					now,
					publicUrl,
				});
			return { ok: true } as const;
		},
		{ behavior: "immediate" },
	);
}
