// One request lifecycle: a request (complaint, beneficiary change, fraud report, account
// deletion...) is opened and changes status in the caller's transaction, each step with its line
// in the status history and its entry in the audit trail, so no caller can write one without
// the others.
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import type { RequestChannel, RequestKind, RequestStatus } from "../schema/enums.ts";
import { type Request, requestStatusHistory, requests } from "../schema/tables/index.ts";
import { type AuditEventInput, appendAuditEvent } from "./audit.ts";
import { nextRequestReference } from "./request-reference.ts";

export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** The statuses of a request still waiting for an answer (the one list). */
export const OPEN_REQUEST_STATUSES = [
	"received",
	"acknowledged",
	"in_progress",
] as const satisfies readonly RequestStatus[];

/**
 * The audit entry of a step. Its object is the request unless the caller names another (a
 * fraud report is about the account, a reimbursement report about the reimbursement).
 */
export type RequestAudit = Omit<AuditEventInput, "occurredAt" | "outcome" | "objectType" | "objectId"> &
	Partial<Pick<AuditEventInput, "outcome" | "objectType" | "objectId">>;

export interface OpenRequestInput {
	readonly kind: RequestKind;
	readonly accountId: number;
	readonly payload: Record<string, unknown>;
	readonly now: Date;
	readonly audit: RequestAudit;
	/** When the caller allocates the reference itself (else the kind's next one). */
	readonly reference?: string;
	readonly subKind?: string | null;
	readonly channel?: RequestChannel;
	readonly acknowledgeBy?: Date | null;
	readonly answerBy?: Date | null;
	/** The note of the "received" line of the history. */
	readonly note?: string | null;
	/** Acknowledged at once (a complaint's automatic receipt), with this note in the history. */
	readonly acknowledgedWith?: string;
	/** Who made the change, for the history (the requesting account by default). */
	readonly changedByAccountId?: number | null;
}

function auditEntry(audit: RequestAudit, requestId: number, now: Date): AuditEventInput {
	return {
		objectType: "request",
		objectId: String(requestId),
		outcome: "success",
		...audit,
		occurredAt: now,
	};
}

/** Opens a request: the request, its first line(s) of history and its audit entry. */
export async function openRequest(
	tx: Transaction,
	input: OpenRequestInput,
): Promise<{ requestId: number; reference: string }> {
	const { now } = input;
	const reference = input.reference ?? (await nextRequestReference(tx, input.kind, now));
	const acknowledged = input.acknowledgedWith !== undefined;
	const [created] = await tx
		.insert(requests)
		.values({
			reference,
			kind: input.kind,
			subKind: input.subKind ?? null,
			accountId: input.accountId,
			channel: input.channel ?? "web",
			payload: input.payload,
			status: acknowledged ? "acknowledged" : "received",
			createdAt: now,
			acknowledgeBy: input.acknowledgeBy ?? null,
			acknowledgedAt: acknowledged ? now : null,
			answerBy: input.answerBy ?? null,
			updatedAt: now,
		})
		.returning({ id: requests.id });
	if (!created) throw new Error(`the ${input.kind} request was not written`);
	const requestId = created.id;
	await tx.insert(requestStatusHistory).values({
		requestId,
		toStatus: "received",
		changedAt: now,
		changedByAccountId: input.changedByAccountId === undefined ? input.accountId : input.changedByAccountId,
		note: input.note ?? null,
	});
	if (acknowledged)
		await tx.insert(requestStatusHistory).values({
			requestId,
			fromStatus: "received",
			toStatus: "acknowledged",
			changedAt: now,
			note: input.acknowledgedWith,
		});
	await appendAuditEvent(tx, auditEntry(input.audit, requestId, now));
	return { requestId, reference };
}

export interface StatusChangeInput {
	readonly request: Pick<Request, "id" | "status">;
	readonly to: RequestStatus;
	readonly now: Date;
	readonly audit: RequestAudit;
	/** Who made the change, for the history (null for the system). */
	readonly changedByAccountId: number | null;
	/** Whether the request ends here (its `closedAt` is set). */
	readonly closes?: boolean;
	readonly note?: string | null;
	/** Further columns changed with the status (an answer). */
	readonly set?: Partial<
		Pick<Request, "answerText" | "answeredAt" | "answeredByAccountId" | "acknowledgedAt">
	>;
}

/** Moves a request to another status, with its line of history and its audit entry. */
export async function changeRequestStatus(tx: Transaction, change: StatusChangeInput): Promise<void> {
	const { now } = change;
	await tx
		.update(requests)
		.set({ status: change.to, ...change.set, ...(change.closes ? { closedAt: now } : {}), updatedAt: now })
		.where(eq(requests.id, change.request.id));
	await tx.insert(requestStatusHistory).values({
		requestId: change.request.id,
		fromStatus: change.request.status,
		toStatus: change.to,
		changedAt: now,
		changedByAccountId: change.changedByAccountId,
		note: change.note ?? null,
	});
	await appendAuditEvent(tx, auditEntry(change.audit, change.request.id, now));
}

/** The open request of a kind for an account, if any. */
export async function findOpenRequest(
	db: Pick<Database, "select">,
	accountId: number,
	kind: RequestKind,
): Promise<Request | undefined> {
	const [row] = await db
		.select()
		.from(requests)
		.where(
			and(
				eq(requests.accountId, accountId),
				eq(requests.kind, kind),
				inArray(requests.status, [...OPEN_REQUEST_STATUSES]),
			),
		);
	return row;
}
