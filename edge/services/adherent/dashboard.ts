// The member's dashboard, the space's busiest page: the holder's name, the latest reimbursement
// lines, statements and open requests, and the tiers-payant card in force. Five statements, each
// an indexed lookup bounded by a LIMIT (no N+1), prepared once per database and run together.
import { and, desc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Database } from "../../../schema/db.ts";
import type { RequestKind, RequestStatus } from "../../../schema/enums.ts";
import {
	members,
	persons,
	prestations,
	requests,
	statements,
	tiersPayantCards,
} from "../../../schema/tables/index.ts";
import { type PrestationLine, selectPrestationLines, toPrestationLine } from "./prestations.ts";

export const DASHBOARD_PRESTATIONS = 5;
export const DASHBOARD_STATEMENTS = 3;
export const DASHBOARD_REQUESTS = 5;
/** Requests still waiting for the insurer. */
export const OPEN_REQUEST_STATUSES = ["received", "acknowledged", "in_progress"] as const;

export interface StatementSummary {
	readonly id: number;
	/** `YYYY-MM`. */
	readonly month: string;
	readonly publishedAt: Date;
	readonly lineCount: number;
	readonly mutuelleCents: number;
	readonly remainingCents: number;
}

export interface OpenRequest {
	readonly id: number;
	readonly reference: string;
	readonly kind: RequestKind;
	readonly subKind: string | null;
	readonly status: RequestStatus;
	readonly createdAt: Date;
}

export interface CardSummary {
	readonly validFrom: string;
	readonly validTo: string;
	/** False once the validity period is over (no newer card issued yet). */
	readonly valid: boolean;
}

export interface Dashboard {
	readonly holder: { readonly firstName: string; readonly lastName: string } | null;
	readonly prestations: readonly PrestationLine[];
	readonly statements: readonly StatementSummary[];
	readonly openRequests: readonly OpenRequest[];
	readonly card: CardSummary | null;
}

export interface DashboardScope {
	readonly memberId: number;
	readonly accountId: number;
	/** Today in Paris, `YYYY-MM-DD`. */
	readonly today: string;
}

function prepareStatements(db: Database) {
	const memberId = sql.placeholder("memberId");
	return {
		holder: db
			.select({ firstName: persons.firstName, lastName: persons.lastName })
			.from(members)
			.innerJoin(persons, eq(persons.id, members.personId))
			.where(eq(members.id, memberId))
			.prepare(),
		// prestations_member_care_date_idx, read backwards.
		prestations: selectPrestationLines(db)
			.where(eq(prestations.memberId, memberId))
			.orderBy(desc(prestations.careDate), desc(prestations.id))
			.limit(DASHBOARD_PRESTATIONS)
			.prepare(),
		// statements_member_month_idx.
		statements: db
			.select({
				id: statements.id,
				month: statements.month,
				publishedAt: statements.publishedAt,
				lineCount: statements.lineCount,
				mutuelleCents: statements.mutuelleCents,
				remainingCents: statements.remainingCents,
			})
			.from(statements)
			.where(eq(statements.memberId, memberId))
			.orderBy(desc(statements.month))
			.limit(DASHBOARD_STATEMENTS)
			.prepare(),
		// requests_account_idx.
		openRequests: db
			.select({
				id: requests.id,
				reference: requests.reference,
				kind: requests.kind,
				subKind: requests.subKind,
				status: requests.status,
				createdAt: requests.createdAt,
			})
			.from(requests)
			.where(
				and(
					eq(requests.accountId, sql.placeholder("accountId")),
					inArray(requests.status, [...OPEN_REQUEST_STATUSES]),
				),
			)
			.orderBy(desc(requests.createdAt), desc(requests.id))
			.limit(DASHBOARD_REQUESTS)
			.prepare(),
		// tiers_payant_cards_member_idx: the latest card already in force.
		card: db
			.select({ validFrom: tiersPayantCards.validFrom, validTo: tiersPayantCards.validTo })
			.from(tiersPayantCards)
			.where(
				and(
					eq(tiersPayantCards.memberId, memberId),
					lte(tiersPayantCards.validFrom, sql.placeholder("today")),
				),
			)
			.orderBy(desc(tiersPayantCards.validFrom))
			.limit(1)
			.prepare(),
	};
}

const prepared = new WeakMap<Database, ReturnType<typeof prepareStatements>>();

function statementsOf(db: Database): ReturnType<typeof prepareStatements> {
	let found = prepared.get(db);
	if (!found) {
		found = prepareStatements(db);
		prepared.set(db, found);
	}
	return found;
}

export async function loadDashboard(db: Database, scope: DashboardScope): Promise<Dashboard> {
	const run = statementsOf(db);
	const params = { memberId: scope.memberId, accountId: scope.accountId, today: scope.today };
	const [holder, lines, latest, open, card] = await Promise.all([
		run.holder.get(params),
		run.prestations.all(params),
		run.statements.all(params),
		run.openRequests.all(params),
		run.card.get(params),
	]);
	return {
		holder: holder ?? null,
		prestations: lines.map(toPrestationLine),
		statements: latest,
		openRequests: open,
		card: card ? { ...card, valid: card.validTo >= scope.today } : null,
	};
}
