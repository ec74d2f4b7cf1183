// « Demandes »: one queue of everything awaiting staff, most urgent first. Each open request has
// its next regulatory deadline: a complaint's acknowledgement within 10 jours ouvrables, then its
// answer within 2 months (ACPR 2022-R-01); a data-protection request's answer within one month
// (GDPR art. 12(3)). Requests without a legal deadline (beneficiary changes, fraud reports) get
// a service target of one month, so that nothing waits forever at the bottom.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { RequestKind, RequestStatus } from "../../schema/enums.ts";
import { accounts, type Request, requestStatusHistory, requests } from "../../schema/tables/index.ts";
import type { OpenRequest } from "../adherent/dashboard.ts";
import { OPEN_REQUEST_STATUSES } from "../requests.ts";

const DAY_MS = 86_400_000;
/** A deadline within this many days shows as « bientôt dû ». */
export const DUE_SOON_DAYS = 3;
const SERVICE_TARGET_DAYS = 30;

export type DeadlineKind = "acknowledge" | "answer" | "target";

/** An open request (as the member's dashboard lists them) with what staff need to sort it. */
export interface QueueItem extends OpenRequest {
	readonly accountIdentifier: string | null;
	readonly deadline: Date;
	readonly deadlineKind: DeadlineKind;
	readonly overdue: boolean;
	readonly dueSoon: boolean;
}

/** The next deadline of an open request, and what it is for. */
export function nextDeadline(request: Pick<Request, "status" | "acknowledgeBy" | "answerBy" | "createdAt">): {
	at: Date;
	kind: DeadlineKind;
} {
	if (request.status === "received" && request.acknowledgeBy)
		return { at: request.acknowledgeBy, kind: "acknowledge" };
	if (request.answerBy) return { at: request.answerBy, kind: "answer" };
	return { at: new Date(request.createdAt.getTime() + SERVICE_TARGET_DAYS * DAY_MS), kind: "target" };
}

/** Whether a deadline is past, or within DUE_SOON_DAYS. */
export function urgency(deadline: Date, now: Date): { overdue: boolean; dueSoon: boolean } {
	const left = deadline.getTime() - now.getTime();
	return { overdue: left < 0, dueSoon: left >= 0 && left < DUE_SOON_DAYS * DAY_MS };
}

function toItem(row: Request & { accountIdentifier: string | null }, now: Date): QueueItem {
	const deadline = nextDeadline(row);
	return {
		id: row.id,
		reference: row.reference,
		kind: row.kind,
		subKind: row.subKind,
		status: row.status,
		createdAt: row.createdAt,
		accountIdentifier: row.accountIdentifier,
		deadline: deadline.at,
		deadlineKind: deadline.kind,
		...urgency(deadline.at, now),
	};
}

export const QUEUE_LIMIT = 100;

/** Open requests (of one kind, or all), the nearest or most overdue deadline first, then the oldest. */
export async function listQueue(
	db: Database,
	now: Date,
	kinds?: readonly RequestKind[],
	limit: number = QUEUE_LIMIT,
): Promise<QueueItem[]> {
	const rows = await db
		.select({ request: requests, accountIdentifier: accounts.identifier })
		.from(requests)
		.leftJoin(accounts, eq(accounts.id, requests.accountId))
		.where(
			and(
				inArray(requests.status, [...OPEN_REQUEST_STATUSES]),
				kinds && kinds.length > 0 ? inArray(requests.kind, [...kinds]) : undefined,
			),
		)
		.orderBy(asc(requests.createdAt), asc(requests.id));
	return rows
		.map((row) => toItem({ ...row.request, accountIdentifier: row.accountIdentifier }, now))
		.sort(
			(a, b) => a.deadline.getTime() - b.deadline.getTime() || a.createdAt.getTime() - b.createdAt.getTime(),
		)
		.slice(0, limit);
}

export interface RequestEvent {
	readonly from: RequestStatus | null;
	readonly to: RequestStatus;
	readonly at: Date;
	readonly note: string | null;
	readonly byAccountId: number | null;
}

export interface StaffRequestView {
	readonly request: Request;
	readonly item: QueueItem;
	readonly open: boolean;
	readonly accountId: number | null;
	readonly history: readonly RequestEvent[];
}

/** One request with its history, as staff see it; null when there is none with this id. */
export async function getRequestForStaff(
	db: Database,
	id: number,
	now: Date,
): Promise<StaffRequestView | null> {
	const [row] = await db
		.select({ request: requests, accountIdentifier: accounts.identifier })
		.from(requests)
		.leftJoin(accounts, eq(accounts.id, requests.accountId))
		.where(eq(requests.id, id));
	if (!row) return null;
	const history = await db
		.select({
			from: requestStatusHistory.fromStatus,
			to: requestStatusHistory.toStatus,
			at: requestStatusHistory.changedAt,
			note: requestStatusHistory.note,
			byAccountId: requestStatusHistory.changedByAccountId,
		})
		.from(requestStatusHistory)
		.where(eq(requestStatusHistory.requestId, id))
		.orderBy(asc(requestStatusHistory.changedAt), asc(requestStatusHistory.id));
	return {
		request: row.request,
		item: toItem({ ...row.request, accountIdentifier: row.accountIdentifier }, now),
		open: (OPEN_REQUEST_STATUSES as readonly string[]).includes(row.request.status),
		accountId: row.request.accountId,
		history,
	};
}
