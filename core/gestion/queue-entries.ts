// The one « Demandes » queue (ADR 0037): the members' requests (core/gestion/queue.ts) with the
// practices' messages, the companies' bank-details changes in their cooling-off period and the
// sign-in incidents, each with its next deadline, sorted together: the nearest or most overdue
// deadline first, then the oldest. A bank change's deadline is the moment it applies (blocking
// is only possible before); a message has the one-month service target of requests without a
// legal deadline; a sign-in incident is to be looked at within a day of its last failure.
import type { Database } from "../../db/client.ts";
import type { RequestKind } from "../../schema/enums.ts";
import { UNRECOGNISED_REIMBURSEMENT } from "../adherent/complaints.ts";
import { listPendingBankChanges, type StaffBankChange } from "./bank-changes.ts";
import { listOpenPracticeMessages, type StaffPracticeMessage } from "./practice-messages.ts";
import { type DeadlineKind, listQueue, type QueueItem, urgency } from "./queue.ts";
import { listSignInIncidents, type SignInIncident } from "./sign-in-incidents.ts";

const DAY_MS = 86_400_000;
const MESSAGE_TARGET_DAYS = 30;

/** The queue's extra kinds, beside the request kinds (also the values of the type filter). */
export const otherQueueKinds = [
	"unrecognised_reimbursement",
	"practice_message",
	"employer_bank_change",
	"sign_in_incident",
] as const;
export type OtherQueueKind = (typeof otherQueueKinds)[number];
export type QueueKind = RequestKind | OtherQueueKind;

export type EntryDeadlineKind = DeadlineKind | "applies" | "review";

interface Timing {
	readonly createdAt: Date;
	readonly deadline: Date;
	readonly deadlineKind: EntryDeadlineKind;
	readonly overdue: boolean;
	readonly dueSoon: boolean;
}

export type QueueEntry = Timing &
	(
		| { readonly source: "request"; readonly item: QueueItem }
		| { readonly source: "practice_message"; readonly message: StaffPracticeMessage }
		| { readonly source: "employer_bank_change"; readonly change: StaffBankChange }
		| { readonly source: "sign_in_incident"; readonly incident: SignInIncident }
	);

function timing(createdAt: Date, deadline: Date, deadlineKind: EntryDeadlineKind, now: Date): Timing {
	return { createdAt, deadline, deadlineKind, ...urgency(deadline, now) };
}

export const QUEUE_ENTRIES_LIMIT = 200;

/** Everything awaiting staff (or one kind of it), the most urgent first. */
export async function listQueueEntries(
	db: Database,
	now: Date,
	kind?: QueueKind,
	limit: number = QUEUE_ENTRIES_LIMIT,
): Promise<QueueEntry[]> {
	const wants = (source: OtherQueueKind): boolean => kind === undefined || kind === source;
	// null: no request of that kind; undefined: every kind.
	const requestKinds: RequestKind[] | null | undefined =
		kind === undefined
			? undefined
			: kind === "unrecognised_reimbursement"
				? ["complaint"]
				: isOther(kind)
					? null
					: [kind];
	const [items, messages, changes, incidents] = await Promise.all([
		requestKinds === null ? [] : listQueue(db, now, requestKinds, Number.POSITIVE_INFINITY),
		wants("practice_message") ? listOpenPracticeMessages(db) : [],
		wants("employer_bank_change") ? listPendingBankChanges(db) : [],
		wants("sign_in_incident") ? listSignInIncidents(db, now) : [],
	]);
	const entries: QueueEntry[] = [
		...items
			.filter((item) => kind !== "unrecognised_reimbursement" || item.subKind === UNRECOGNISED_REIMBURSEMENT)
			.map((item) => ({
				source: "request" as const,
				item,
				...timing(item.createdAt, item.deadline, item.deadlineKind, now),
			})),
		...messages.map((message) => ({
			source: "practice_message" as const,
			message,
			...timing(
				message.createdAt,
				new Date(message.createdAt.getTime() + MESSAGE_TARGET_DAYS * DAY_MS),
				"target",
				now,
			),
		})),
		...changes.map((change) => ({
			source: "employer_bank_change" as const,
			change,
			...timing(change.requestedAt, change.effectiveAt, "applies", now),
		})),
		...incidents.map((incident) => ({
			source: "sign_in_incident" as const,
			incident,
			...timing(
				incident.windowStartedAt,
				new Date((incident.lastFailureAt ?? incident.windowStartedAt).getTime() + DAY_MS),
				"review",
				now,
			),
		})),
	];
	return entries
		.sort(
			(a, b) => a.deadline.getTime() - b.deadline.getTime() || a.createdAt.getTime() - b.createdAt.getTime(),
		)
		.slice(0, limit);
}

export function isOther(kind: QueueKind): kind is OtherQueueKind {
	return (otherQueueKinds as readonly string[]).includes(kind);
}
