// Complaints (réclamations, article 3 of the CGU), handled as the regulator asks insurers to
// (ACPR recommendation 2022-R-01, updated by 2024-R-02; DOMAIN.md §7): acknowledged within
// 10 jours ouvrables — here at once, by e-mail — and answered within 2 months at most; when the
// answer is late or does not satisfy the member, the mediator's contact details are given.
import { and, asc, desc, eq } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { RequestStatus } from "../../schema/enums.ts";
import { accounts, requestStatusHistory, requests, uploadedDocuments } from "../../schema/tables/index.ts";
import { addMonths, addWorkingDays, parisDay } from "../calendar.ts";
import { changeRequestStatus, openRequest } from "../requests.ts";
import { queueMail } from "../send-mail.ts";

export const COMPLAINT_CATEGORIES = {
	remboursement: "Un remboursement",
	cotisation: "Les cotisations",
	tiers_payant: "Le tiers payant ou la carte",
	garanties: "Les garanties du contrat",
	espace_en_ligne: "L'espace en ligne",
	accueil: "L'accueil ou un échange avec nos services",
	autre: "Autre sujet",
} as const;
export type ComplaintCategory = keyof typeof COMPLAINT_CATEGORIES;

/** The sub-kind of a « Je ne reconnais pas ce remboursement » report (reimbursement-report.ts). */
export const UNRECOGNISED_REIMBURSEMENT = "unrecognised_reimbursement";
const UNRECOGNISED_SUBJECT = "Remboursement non reconnu";
const UNRECOGNISED_TEXT = "Je ne reconnais pas ce remboursement.";
/** Topics of complaints recorded by the insurer's own systems that have no category of their own. */
const OTHER_TOPICS: Readonly<Record<string, ComplaintCategory>> = {
	[UNRECOGNISED_REIMBURSEMENT]: "remboursement",
	service: "accueil",
};

export const COMPLAINT_MAX_LENGTH = 5_000;
export const ACKNOWLEDGE_WORKING_DAYS = 10;
export const ANSWER_MONTHS = 2;

/** "End of that day in Paris", close enough for a deadline shown as a date. */
function endOfDay(day: string): Date {
	return new Date(`${day}T22:59:59Z`);
}

/** The ACPR deadlines of a complaint received at `now`: 10 jours ouvrables, 2 months. */
export function complaintDeadlines(now: Date): {
	readonly acknowledgeBy: Date;
	readonly answerBy: Date;
	readonly answerDueBy: string;
} {
	const today = parisDay(now);
	const answerDueBy = addMonths(today, ANSWER_MONTHS);
	return {
		acknowledgeBy: endOfDay(addWorkingDays(today, ACKNOWLEDGE_WORKING_DAYS)),
		answerBy: endOfDay(answerDueBy),
		answerDueBy,
	};
}

export interface Complaint {
	readonly id: number;
	readonly reference: string;
	readonly category: ComplaintCategory;
	/** What the member reads as the subject: the category's label, or the kind of report. */
	readonly subject: string;
	readonly text: string;
	/** The reimbursement line an unrecognised-reimbursement report is about. */
	readonly prestationId: number | null;
	readonly status: RequestStatus;
	readonly createdAt: Date;
	readonly acknowledgeBy: Date | null;
	readonly answerBy: Date | null;
	readonly answeredAt: Date | null;
	readonly answer: string | null;
	readonly attachmentKey: string | null;
}

export interface ComplaintEvent {
	readonly status: RequestStatus;
	readonly at: Date;
	readonly note: string | null;
}

function isCategory(value: unknown): value is ComplaintCategory {
	return typeof value === "string" && Object.hasOwn(COMPLAINT_CATEGORIES, value);
}

/**
 * A complaint as the member reads it, however it was recorded: the form keeps the category in the
 * sub-kind and the payload (`category`, `text`); an unrecognised-reimbursement report has its
 * sub-kind, the line and an optional comment; complaints from the insurer's records have a topic
 * as sub-kind and a `subject` line.
 */
export function toComplaint(row: typeof requests.$inferSelect): Complaint {
	const payload = row.payload as {
		category?: unknown;
		text?: unknown;
		subject?: unknown;
		comment?: unknown;
		prestationId?: unknown;
		attachmentKey?: string;
	};
	const unrecognised = row.subKind === UNRECOGNISED_REIMBURSEMENT;
	const category: ComplaintCategory = isCategory(payload.category)
		? payload.category
		: isCategory(row.subKind)
			? row.subKind
			: (OTHER_TOPICS[row.subKind ?? ""] ?? "autre");
	const written = [payload.text, payload.subject, payload.comment].find(
		(value): value is string => typeof value === "string" && value.trim() !== "",
	);
	return {
		id: row.id,
		reference: row.reference,
		category,
		subject: unrecognised ? UNRECOGNISED_SUBJECT : COMPLAINT_CATEGORIES[category],
		text: unrecognised ? [UNRECOGNISED_TEXT, written].filter(Boolean).join("\n\n") : (written ?? ""),
		prestationId: unrecognised && typeof payload.prestationId === "number" ? payload.prestationId : null,
		status: row.status,
		createdAt: row.createdAt,
		acknowledgeBy: row.acknowledgeBy,
		answerBy: row.answerBy,
		answeredAt: row.answeredAt,
		answer: row.answerText,
		attachmentKey: payload.attachmentKey ?? null,
	};
}

export interface FileComplaintInput {
	readonly memberAccountId: number;
	readonly sessionId: string;
	readonly category: ComplaintCategory;
	readonly text: string;
	readonly attachmentKey?: string | null;
	/** The uploaded_documents row of the attachment, linked to the complaint here. */
	readonly attachmentId?: number | null;
	readonly now: Date;
	readonly publicUrl: URL;
	readonly correlationId: string;
}

/** Records the complaint, its deadlines and history, and sends the acknowledgement at once. */
export async function fileComplaint(db: Database, input: FileComplaintInput): Promise<Complaint> {
	const today = parisDay(input.now);
	const deadlines = complaintDeadlines(input.now);
	const answerDueBy = deadlines.answerDueBy;
	const [account] = await db
		.select({ email: accounts.email })
		.from(accounts)
		.where(eq(accounts.id, input.memberAccountId));
	const row = await db.transaction(
		async (tx) => {
			const { requestId, reference } = await openRequest(tx, {
				kind: "complaint",
				// The topic, as requests.subKind documents it (and as the insurer's own records have it).
				subKind: input.category,
				accountId: input.memberAccountId,
				payload: {
					category: input.category,
					text: input.text,
					...(input.attachmentKey ? { attachmentKey: input.attachmentKey } : {}),
				},
				acknowledgeBy: deadlines.acknowledgeBy,
				answerBy: deadlines.answerBy,
				acknowledgedWith: "Accusé de réception envoyé par e-mail.",
				now: input.now,
				audit: {
					accountId: input.memberAccountId,
					sessionId: input.sessionId,
					actorKind: "account",
					action: "adherent.complaint.filed",
					correlationId: input.correlationId,
					details: { category: input.category, attachment: Boolean(input.attachmentKey) },
				},
			});
			if (input.attachmentId) {
				await tx
					.update(uploadedDocuments)
					.set({ requestId })
					.where(eq(uploadedDocuments.id, input.attachmentId));
			}
			if (account) {
				await queueMail(tx, {
					template: "complaint-acknowledged",
					data: {
						reference,
						receivedOn: today,
						answerDueBy,
						complaintPath: `/adherent/reclamations/${requestId}`,
					},
					to: account.email,
					accountId: input.memberAccountId,
					idempotencyKey: `complaint-acknowledged/${requestId}`,
					now: input.now,
					publicUrl: input.publicUrl,
				});
			}
			const [created] = await tx.select().from(requests).where(eq(requests.id, requestId));
			if (!created) throw new Error("complaint not written");
			return created;
		},
		{ behavior: "immediate" },
	);
	return toComplaint(row);
}

export async function listComplaints(db: Database, accountId: number): Promise<Complaint[]> {
	const rows = await db
		.select()
		.from(requests)
		.where(and(eq(requests.accountId, accountId), eq(requests.kind, "complaint")))
		.orderBy(desc(requests.createdAt), desc(requests.id));
	return rows.map(toComplaint);
}

/** One complaint of this account with its history; null when it is another's or does not exist. */
export async function getComplaint(
	db: Database,
	accountId: number,
	id: number,
): Promise<{ complaint: Complaint; history: ComplaintEvent[] } | null> {
	const [row] = await db
		.select()
		.from(requests)
		.where(and(eq(requests.id, id), eq(requests.accountId, accountId), eq(requests.kind, "complaint")));
	if (!row) return null;
	const history = await db
		.select({
			status: requestStatusHistory.toStatus,
			at: requestStatusHistory.changedAt,
			note: requestStatusHistory.note,
		})
		.from(requestStatusHistory)
		.where(eq(requestStatusHistory.requestId, id))
		.orderBy(asc(requestStatusHistory.changedAt), asc(requestStatusHistory.id));
	return { complaint: toComplaint(row), history };
}

export type StaffDecision =
	| { readonly ok: true }
	| { readonly ok: false; readonly reason: "not_found" | "already_closed" | "already_acknowledged" };

export type ComplaintAction = "acknowledge" | "in_progress" | "answer" | "close";

/**
 * Staff acknowledge a complaint received by another channel, take it in hand, answer it (the
 * member is e-mailed a link, not the answer), or close it. The back-office and the CLI both call it.
 */
export async function updateComplaint(
	db: Database,
	input: {
		reference: string;
		action: ComplaintAction;
		answer?: string;
		now: Date;
		publicUrl: URL;
		staffAccountId?: number | null;
		/** The staff member's session and the request's correlation id, for the trail. */
		sessionId?: string | null;
		correlationId?: string | null;
	},
): Promise<StaffDecision> {
	const [row] = await db
		.select()
		.from(requests)
		.where(and(eq(requests.reference, input.reference), eq(requests.kind, "complaint")));
	if (!row) return { ok: false, reason: "not_found" };
	if (row.status === "closed" || row.status === "cancelled") return { ok: false, reason: "already_closed" };
	if (input.action === "acknowledge" && row.status !== "received")
		return { ok: false, reason: "already_acknowledged" };
	const to: RequestStatus = (
		{ acknowledge: "acknowledged", answer: "answered", close: "closed", in_progress: "in_progress" } as const
	)[input.action];
	await db.transaction(
		async (tx) => {
			await changeRequestStatus(tx, {
				request: row,
				to,
				closes: to === "closed",
				set:
					to === "answered"
						? {
								answeredAt: input.now,
								answerText: input.answer ?? "",
								answeredByAccountId: input.staffAccountId ?? null,
							}
						: to === "acknowledged"
							? { acknowledgedAt: input.now }
							: {},
				changedByAccountId: input.staffAccountId ?? null,
				now: input.now,
				audit: {
					accountId: input.staffAccountId ?? null,
					sessionId: input.sessionId ?? null,
					correlationId: input.correlationId ?? null,
					actorKind: "staff",
					action: `gestion.complaint.${to}`,
				},
			});
			if (to === "answered" && row.accountId !== null) {
				const [account] = await tx
					.select({ email: accounts.email })
					.from(accounts)
					.where(eq(accounts.id, row.accountId));
				if (account) {
					await queueMail(tx, {
						template: "complaint-answered",
						data: { reference: row.reference, answerPath: `/adherent/reclamations/${row.id}` },
						to: account.email,
						accountId: row.accountId,
						idempotencyKey: `complaint-answered/${row.id}`,
						now: input.now,
						publicUrl: input.publicUrl,
					});
				}
			}
		},
		{ behavior: "immediate" },
	);
	return { ok: true };
}

/** The mediator is named once the answer is given (it may not satisfy) or its deadline has passed. */
export function mediatorIsOpen(complaint: Complaint, now: Date): boolean {
	return (
		complaint.answeredAt !== null ||
		(complaint.answerBy !== null && complaint.answerBy.getTime() < now.getTime())
	);
}
