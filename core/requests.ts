// One request lifecycle: a request (complaint, beneficiary change, fraud report, account
// deletion...) is opened and changes status in the caller's transaction, each step with its line
// in the status history and its entry in the audit trail, so no caller can write one without
// the others.
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import type { ActorKind, RequestKind, RequestStatus } from "../schema/enums.ts";
import { type Request, requestStatusHistory, requests } from "../schema/tables/index.ts";
import { type AuditDetails, appendAuditEvent } from "./audit.ts";
import { nextRequestReference } from "./request-reference.ts";

export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** The statuses of a request still waiting for an answer (the one list). */
export const OPEN_REQUEST_STATUSES = [
	"received",
	"acknowledged",
	"in_progress",
] as const satisfies readonly RequestStatus[];

/** Who acts: an account (with its session and the request's correlation id) or the system. */
export interface RequestActor {
	readonly accountId: number | null;
	readonly sessionId?: string | null;
	readonly correlationId?: string | null;
	readonly actorKind?: ActorKind;
}

export interface OpenRequestInput {
	readonly kind: RequestKind;
	readonly accountId: number;
	readonly payload: Record<string, unknown>;
	readonly actor: RequestActor;
	/** The audit action: "account.deletion.requested", "adherent.complaint.submitted"... */
	readonly action: string;
	readonly now: Date;
	/** When a reference of its own is allocated by the caller (else the kind's next one). */
	readonly reference?: string;
	readonly answerBy?: Date | null;
	readonly auditDetails?: AuditDetails | null;
}

export async function openRequest(
	tx: Transaction,
	input: OpenRequestInput,
): Promise<{ requestId: number; reference: string }> {
	const { now, actor } = input;
	const reference = input.reference ?? (await nextRequestReference(tx, input.kind, now));
	const [created] = await tx
		.insert(requests)
		.values({
			reference,
			kind: input.kind,
			accountId: input.accountId,
			payload: input.payload,
			status: "received",
			createdAt: now,
			answerBy: input.answerBy ?? null,
			updatedAt: now,
		})
		.returning({ id: requests.id });
	const requestId = created?.id ?? 0;
	await tx.insert(requestStatusHistory).values({
		requestId,
		toStatus: "received",
		changedAt: now,
		changedByAccountId: actor.accountId,
	});
	await appendAuditEvent(tx, {
		occurredAt: now,
		accountId: actor.accountId,
		sessionId: actor.sessionId ?? null,
		actorKind: actor.actorKind ?? "account",
		action: input.action,
		objectType: "request",
		objectId: String(requestId),
		outcome: "success",
		correlationId: actor.correlationId ?? null,
		details: input.auditDetails ?? null,
	});
	return { requestId, reference };
}

export interface StatusChangeInput {
	readonly request: Pick<Request, "id" | "status">;
	readonly to: RequestStatus;
	readonly actor: RequestActor;
	readonly action: string;
	readonly now: Date;
	/** Whether the request ends here (its `closedAt` is set). */
	readonly closes?: boolean;
	readonly note?: string | null;
	/** The account the audit entry is about, when not the actor's (a system change). */
	readonly auditAccountId?: number | null;
	readonly auditDetails?: AuditDetails | null;
	/** Further columns of the request changed with its status (an answer, a decision). */
	readonly set?: Partial<
		Pick<Request, "answerText" | "answeredAt" | "answeredByAccountId" | "answerBy" | "payload">
	>;
}

export async function changeRequestStatus(tx: Transaction, change: StatusChangeInput): Promise<void> {
	const { now, actor } = change;
	await tx
		.update(requests)
		.set({ ...change.set, status: change.to, updatedAt: now, ...(change.closes ? { closedAt: now } : {}) })
		.where(eq(requests.id, change.request.id));
	await tx.insert(requestStatusHistory).values({
		requestId: change.request.id,
		fromStatus: change.request.status,
		toStatus: change.to,
		changedAt: now,
		changedByAccountId: actor.accountId,
		note: change.note ?? null,
	});
	await appendAuditEvent(tx, {
		occurredAt: now,
		accountId: change.auditAccountId ?? actor.accountId,
		sessionId: actor.sessionId ?? null,
		actorKind: actor.actorKind ?? "account",
		action: change.action,
		objectType: "request",
		objectId: String(change.request.id),
		outcome: "success",
		correlationId: actor.correlationId ?? null,
		details: change.auditDetails ?? null,
	});
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
