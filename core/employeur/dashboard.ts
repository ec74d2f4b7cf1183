// The employer's tableau de bord: the company, its group contract(s), the headcount affiliated,
// dispensed and in portabilité today, the last contribution statements with their payment
// status, and what waits for the administrator (statements to pay, a bank change in its
// cooling-off period). No health data: counts and amounts of contributions only.
import type { Database } from "../../db/client.ts";
import type { ContributionStatementStatus, Periodicity } from "../../schema/enums.ts";
import { STATUS_COUNT_WHERE } from "./employees.ts";

export const DASHBOARD_STATEMENTS = 4;

export interface CompanyIdentity {
	readonly name: string;
	readonly siret: string;
	readonly addressLine1: string;
	readonly addressLine2: string | null;
	readonly postalCode: string;
	readonly city: string;
	readonly email: string | null;
}

export interface ContractSummary {
	readonly id: number;
	readonly number: string;
	readonly startDate: string;
	readonly endDate: string | null;
	readonly periodicity: Periodicity;
	readonly categoryCount: number;
}

export interface Headcounts {
	readonly covered: number;
	readonly dispensed: number;
	readonly portability: number;
}

export interface StatementSummary {
	readonly id: number;
	readonly period: string;
	readonly periodStart: string;
	readonly periodEnd: string;
	readonly status: ContributionStatementStatus;
	readonly dueDate: string | null;
	readonly paidAt: Date | null;
	readonly headcount: number;
	readonly totalCents: number;
}

export interface PendingBankChange {
	readonly ibanLast4: string;
	readonly effectiveAt: Date;
}

export interface EmployerDashboard {
	readonly company: CompanyIdentity;
	readonly contracts: readonly ContractSummary[];
	readonly headcounts: Headcounts;
	readonly statements: readonly StatementSummary[];
	/** Statements issued and not paid yet (late ones included), oldest first. */
	readonly toPay: { readonly count: number; readonly totalCents: number };
	readonly pendingBankChange: PendingBankChange | null;
	/** Employees affiliated whose espace adhérent waits for them to choose a password. */
	readonly awaitingEmployees: number;
}

function str(value: unknown): string {
	return String(value);
}

function maybe(value: unknown): string | null {
	return value === null || value === undefined ? null : String(value);
}

/**
 * The headcounts by status from the counter of status keys kept by triggers (ADR 0048): a few
 * rows per company, where counting the directory read every employee's entry (20 000 for the
 * largest company, about 1.5 ms a view). The same status ranges as the list's filters.
 */
const HEADCOUNT_SQL = `SELECT
		coalesce(sum(CASE WHEN ${STATUS_COUNT_WHERE.couvert} THEN k.employees END), 0) AS covered,
		coalesce(sum(CASE WHEN ${STATUS_COUNT_WHERE.dispense} THEN k.employees END), 0) AS dispensed,
		coalesce(sum(CASE WHEN ${STATUS_COUNT_WHERE.portabilite} THEN k.employees END), 0) AS portability
	FROM employee_status_counts k WHERE k.company_id = :company`;

/** Null when the company does not exist (an account's company always does: a foreign key). */
export async function loadEmployerDashboard(
	db: Database,
	companyId: number,
	today: string,
): Promise<EmployerDashboard | null> {
	const args = { company: companyId, today };
	const [companies, contracts, counts, statements, toPay, bank, invited] = await db.$client.batch(
		[
			{ sql: COMPANY_IDENTITY_SQL, args },
			{
				sql: `SELECT g.id, g.number, g.start_date, g.end_date, g.contribution_periodicity,
						(SELECT count(*) FROM group_contract_categories c WHERE c.group_contract_id = g.id) AS categories
					FROM group_contracts g WHERE g.company_id = :company ORDER BY g.start_date DESC`,
				args,
			},
			{ sql: HEADCOUNT_SQL, args },
			{
				sql: `SELECT id, period, period_start, period_end, status, due_date, paid_at, headcount, total_cents
					FROM contribution_statements WHERE company_id = :company
					ORDER BY period_start DESC LIMIT ${DASHBOARD_STATEMENTS}`,
				args,
			},
			{
				sql: `SELECT count(*) AS n, coalesce(sum(total_cents), 0) AS total FROM contribution_statements
					WHERE company_id = :company AND status IN ('issued', 'late')`,
				args,
			},
			{
				sql: `SELECT new_iban_last4, effective_at FROM bank_detail_changes
					WHERE company_id = :company AND status = 'pending' ORDER BY requested_at DESC LIMIT 1`,
				args,
			},
			{
				// From the few pending accounts (accounts_state_access_idx) to their affiliation.
				sql: `SELECT count(*) AS n FROM accounts ac JOIN affiliations a ON a.member_id = ac.member_id
					WHERE ac.state = 'pending' AND ac.space = 'adherent' AND a.company_id = :company
						AND (a.end_date IS NULL OR a.end_date >= :today)`,
				args,
			},
		],
		"read",
	);
	const company = companies?.rows[0];
	if (!company) return null;
	const count = counts?.rows[0];
	const change = bank?.rows[0];
	return {
		company: toCompanyIdentity(company),
		contracts: (contracts?.rows ?? []).map((row) => ({
			id: Number(row.id),
			number: str(row.number),
			startDate: str(row.start_date),
			endDate: maybe(row.end_date),
			periodicity: row.contribution_periodicity as Periodicity,
			categoryCount: Number(row.categories),
		})),
		headcounts: {
			covered: Number(count?.covered ?? 0),
			dispensed: Number(count?.dispensed ?? 0),
			portability: Number(count?.portability ?? 0),
		},
		statements: (statements?.rows ?? []).map((row) => toStatementSummary(row)),
		toPay: { count: Number(toPay?.rows[0]?.n ?? 0), totalCents: Number(toPay?.rows[0]?.total ?? 0) },
		pendingBankChange: change
			? { ibanLast4: str(change.new_iban_last4), effectiveAt: new Date(Number(change.effective_at)) }
			: null,
		awaitingEmployees: Number(invited?.rows[0]?.n ?? 0),
	};
}

/** SELECT of the company's identity, read by toCompanyIdentity. */
export const COMPANY_IDENTITY_SQL =
	"SELECT name, siret, address_line1, address_line2, postal_code, city, email FROM companies WHERE id = :company";

export function toCompanyIdentity(row: Record<string, unknown>): CompanyIdentity {
	return {
		name: str(row.name),
		siret: str(row.siret),
		addressLine1: str(row.address_line1),
		addressLine2: maybe(row.address_line2),
		postalCode: str(row.postal_code),
		city: str(row.city),
		email: maybe(row.email),
	};
}

/** A statement row (snake_case columns of contribution_statements) as the pages read it. */
export function toStatementSummary(row: Record<string, unknown>): StatementSummary {
	return {
		id: Number(row.id),
		period: str(row.period),
		periodStart: str(row.period_start),
		periodEnd: str(row.period_end),
		status: row.status as ContributionStatementStatus,
		dueDate: maybe(row.due_date),
		paidAt: row.paid_at === null || row.paid_at === undefined ? null : new Date(Number(row.paid_at)),
		headcount: Number(row.headcount),
		totalCents: Number(row.total_cents),
	};
}

/** The company's identity, for documents (the attestation de portabilité). */
export async function getCompanyIdentity(db: Database, companyId: number): Promise<CompanyIdentity | null> {
	const result = await db.$client.execute({ sql: COMPANY_IDENTITY_SQL, args: { company: companyId } });
	const row = result.rows[0];
	return row ? toCompanyIdentity(row) : null;
}
