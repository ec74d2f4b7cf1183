// « Comptes » in the back-office: finding an account by identifier, name or e-mail, and one
// account's state, sessions, state history (from the audit trail) and the requests it made,
// fraud reports first. Reads only; the state changes are account-actions.ts.
import { and, desc, eq, inArray, or, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { AccountState, RequestKind, RequestStatus, Space } from "../../schema/enums.ts";
import {
	accounts,
	auditEvents,
	companies,
	members,
	persons,
	professionals,
	requests,
	sessions,
} from "../../schema/tables/index.ts";

export interface AccountSummary {
	readonly id: number;
	readonly identifier: string;
	readonly space: Space;
	readonly state: AccountState;
	readonly holder: string;
	readonly email: string;
}

export const SEARCH_LIMIT = 50;

/** The holder's name as staff read it: the member, the company, the practice or the staff person. */
const holder = sql<string>`coalesce(
	(SELECT p.first_name || ' ' || p.last_name FROM members m JOIN persons p ON p.id = m.person_id WHERE m.id = ${accounts.memberId}),
	(SELECT c.name FROM companies c WHERE c.id = ${accounts.companyId}),
	(SELECT coalesce(pr.practice_name, trim(coalesce(pr.first_name, '') || ' ' || coalesce(pr.last_name, ''))) FROM professionals pr WHERE pr.id = ${accounts.professionalId}),
	(SELECT p.first_name || ' ' || p.last_name FROM persons p WHERE p.id = ${accounts.staffPersonId}),
	'')`;

const summaryColumns = {
	id: accounts.id,
	identifier: accounts.identifier,
	space: accounts.space,
	state: accounts.state,
	email: accounts.email,
	holder,
};

/** LIKE pattern of a user's text, its wildcards taken literally. */
function contains(text: string): string {
	return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * Accounts matching the query: ten digits is an identifier, text with « @ » an e-mail (part of
 * it), anything else a name (last or first name of the member or staff person, company or
 * practice name), case-insensitive, at most SEARCH_LIMIT.
 */
export async function searchAccounts(db: Database, query: string): Promise<AccountSummary[]> {
	const text = query.trim();
	if (text === "") return [];
	if (/^\d{10}$/.test(text))
		return db.select(summaryColumns).from(accounts).where(eq(accounts.identifier, text)).limit(1);
	if (text.includes("@"))
		return db
			.select(summaryColumns)
			.from(accounts)
			.where(sql`lower(${accounts.email}) LIKE ${contains(text.toLowerCase())} ESCAPE '\\'`)
			.orderBy(accounts.identifier)
			.limit(SEARCH_LIMIT);
	const pattern = contains(text);
	const named = (column: unknown) => sql`${column} LIKE ${pattern} ESCAPE '\\'`;
	const personIds = db
		.select({ id: persons.id })
		.from(persons)
		.where(or(named(persons.lastName), named(persons.firstName)));
	return db
		.select(summaryColumns)
		.from(accounts)
		.leftJoin(members, eq(members.id, accounts.memberId))
		.leftJoin(companies, eq(companies.id, accounts.companyId))
		.leftJoin(professionals, eq(professionals.id, accounts.professionalId))
		.where(
			or(
				inArray(members.personId, personIds),
				inArray(accounts.staffPersonId, personIds),
				named(companies.name),
				named(professionals.practiceName),
				named(professionals.lastName),
			),
		)
		.orderBy(accounts.identifier)
		.limit(SEARCH_LIMIT);
}

export interface StateEvent {
	readonly at: Date;
	readonly action: string;
	readonly outcome: string;
	readonly from: string | null;
	readonly to: string | null;
	readonly reason: string | null;
	readonly by: "staff" | "system" | "account" | "anonymous";
	readonly staffAccountId: number | null;
}

export interface AccountRequest {
	readonly id: number;
	readonly reference: string;
	readonly kind: RequestKind;
	readonly status: RequestStatus;
	readonly createdAt: Date;
}

export interface AccountDetail {
	readonly account: AccountSummary & {
		readonly stateReason: string | null;
		readonly createdAt: Date;
		readonly activatedAt: Date | null;
		readonly suspendedAt: Date | null;
		readonly closedAt: Date | null;
		readonly lastSignInAt: Date | null;
		readonly accessUntil: string | null;
		readonly secondFactorMethod: string;
	};
	readonly openSessions: number;
	readonly history: readonly StateEvent[];
	readonly requests: readonly AccountRequest[];
	/** The open fraud report, if any: reopening ends it and sends a new password link. */
	readonly openFraudReport: string | null;
}

const STATE_ACTIONS = [
	"account.state.suspend",
	"account.state.reopen",
	"account.state.close",
	"account.fraud_report",
];

function text(value: unknown): string | null {
	return typeof value === "string" ? value : null;
}

export async function getAccountDetail(db: Database, accountId: number): Promise<AccountDetail | null> {
	const [row] = await db
		.select({
			...summaryColumns,
			stateReason: accounts.stateReason,
			createdAt: accounts.createdAt,
			activatedAt: accounts.activatedAt,
			suspendedAt: accounts.suspendedAt,
			closedAt: accounts.closedAt,
			lastSignInAt: accounts.lastSignInAt,
			accessUntil: accounts.accessUntil,
			secondFactorMethod: accounts.secondFactorMethod,
		})
		.from(accounts)
		.where(eq(accounts.id, accountId));
	if (!row) return null;
	const [open] = await db
		.select({ count: sql<number>`count(*)` })
		.from(sessions)
		.where(eq(sessions.accountId, accountId));
	const events = await db
		.select()
		.from(auditEvents)
		.where(
			and(
				eq(auditEvents.accountId, accountId),
				inArray(auditEvents.action, STATE_ACTIONS),
				or(eq(auditEvents.objectType, "account"), eq(auditEvents.objectType, "request")),
			),
		)
		.orderBy(desc(auditEvents.seq))
		.limit(100);
	const made = await db
		.select({
			id: requests.id,
			reference: requests.reference,
			kind: requests.kind,
			status: requests.status,
			createdAt: requests.createdAt,
		})
		.from(requests)
		.where(eq(requests.accountId, accountId))
		.orderBy(desc(requests.createdAt), desc(requests.id))
		.limit(100);
	const fraud = made.find(
		(request) =>
			request.kind === "fraud_report" && ["received", "acknowledged", "in_progress"].includes(request.status),
	);
	return {
		account: row,
		openSessions: Number(open?.count ?? 0),
		history: events.map((event) => ({
			at: event.occurredAt,
			action: event.action,
			outcome: event.outcome,
			from: text(event.details?.from),
			to: text(event.details?.to),
			reason: text(event.details?.reason),
			by: event.actorKind,
			staffAccountId: typeof event.details?.staffAccountId === "number" ? event.details.staffAccountId : null,
		})),
		requests: made,
		openFraudReport: fraud?.reference ?? null,
	};
}

/** The account of an identifier, for the routes that act on one. */
export async function findAccountId(db: Database, identifier: string): Promise<number | null> {
	const [row] = await db
		.select({ id: accounts.id })
		.from(accounts)
		.where(eq(accounts.identifier, identifier));
	return row?.id ?? null;
}

/** Accounts awaiting staff: suspended by a fraud report still open, most recent first. */
export async function listFraudIncidents(
	db: Database,
): Promise<(AccountSummary & { reference: string; reportedAt: Date })[]> {
	return db
		.select({ ...summaryColumns, reference: requests.reference, reportedAt: requests.createdAt })
		.from(requests)
		.innerJoin(accounts, eq(accounts.id, requests.accountId))
		.where(
			and(
				eq(requests.kind, "fraud_report"),
				inArray(requests.status, ["received", "acknowledged", "in_progress"]),
			),
		)
		.orderBy(desc(requests.createdAt))
		.limit(SEARCH_LIMIT);
}
