// « Salariés »: the employees of one company (affiliated, in portabilité, ended or dispensed),
// searched, filtered, sorted and paged, and the detail of one of them. Every statement is
// scoped by the company: another company's employee is simply not found (404 at the edge).
// The employer never sees health data: of the employee's family, only a count of beneficiaries.
//
// Speed (ADR 0018): the list reads the company's affiliations through
// affiliations_company_person_idx (company_id, person_id, …): the filters on status and category
// are answered from the index alone, and only the rows left are joined to persons by primary key.
// The 20 000-employee company's first page, a search and a filter stay in milliseconds.
import type { Database } from "../../db/client.ts";
import type {
	AffiliationEndReason,
	CoverageOption,
	DispenseReason,
	EmployeeCategory,
} from "../../schema/enums.ts";

export const EMPLOYEE_STATUSES = ["couvert", "portabilite", "sorti", "dispense"] as const;
export type EmployeeStatus = (typeof EMPLOYEE_STATUSES)[number];

export const EMPLOYEE_SORTS = ["nom", "numero", "entree"] as const;
export type EmployeeSort = (typeof EMPLOYEE_SORTS)[number];

export const EMPLOYEES_PER_PAGE = 25;

export interface EmployeeFilter {
	/** A name (prefix of the last or first name), the last 4 digits of the NIR, or an internal number. */
	readonly search?: string | undefined;
	readonly status?: EmployeeStatus | undefined;
	readonly categoryId?: number | undefined;
	readonly sort?: EmployeeSort | undefined;
	readonly descending?: boolean | undefined;
}

export interface EmployeeRow {
	readonly id: number;
	readonly lastName: string;
	readonly firstName: string;
	readonly employeeNumber: string | null;
	/** The last 4 characters of the NIR, never the whole of it. */
	readonly nirLast4: string | null;
	readonly categoryLabel: string;
	readonly option: CoverageOption | null;
	readonly startDate: string;
	readonly endDate: string | null;
	readonly portabilityEndDate: string | null;
	readonly status: EmployeeStatus;
}

export type EmployeePage =
	| {
			readonly ok: true;
			readonly rows: readonly EmployeeRow[];
			readonly count: number;
			readonly page: number;
			readonly pageCount: number;
	  }
	| { readonly ok: false; readonly reason: "page_out_of_range" };

/** The status of an affiliation on `today` (`YYYY-MM-DD`), as a SQL expression over `a`. */
const STATUS_SQL = `CASE
	WHEN a.dispense_reason IS NOT NULL AND (a.end_date IS NULL OR a.end_date >= :today) THEN 'dispense'
	WHEN a.end_date IS NULL OR a.end_date >= :today THEN 'couvert'
	WHEN a.dispense_reason IS NULL AND a.portability_end_date >= :today THEN 'portabilite'
	ELSE 'sorti' END`;

/** The predicate of each status, written so that the index's columns answer it. */
const STATUS_WHERE: Record<EmployeeStatus, string> = {
	couvert: "a.dispense_reason IS NULL AND (a.end_date IS NULL OR a.end_date >= :today)",
	portabilite: "a.dispense_reason IS NULL AND a.end_date < :today AND a.portability_end_date >= :today",
	sorti:
		"a.end_date < :today AND (a.dispense_reason IS NOT NULL OR a.portability_end_date IS NULL OR a.portability_end_date < :today)",
	dispense: "a.dispense_reason IS NOT NULL AND (a.end_date IS NULL OR a.end_date >= :today)",
};

const ORDER_BY: Record<EmployeeSort, string> = {
	nom: "p.last_name COLLATE NOCASE {dir}, p.first_name COLLATE NOCASE {dir}, a.id {dir}",
	numero: "a.employee_number {dir}, a.id {dir}",
	entree: "a.start_date {dir}, a.id {dir}",
};

type Args = Record<string, string | number>;

function whereOf(companyId: number, today: string, filter: EmployeeFilter): { sql: string; args: Args } {
	const clauses = ["a.company_id = :company"];
	const args: Args = { company: companyId, today };
	if (filter.status) clauses.push(`(${STATUS_WHERE[filter.status]})`);
	if (filter.categoryId !== undefined) {
		clauses.push("a.category_id = :category");
		args.category = filter.categoryId;
	}
	const search = filter.search?.trim();
	if (search) {
		args.search = search;
		if (/^\d{4}$/.test(search)) {
			// Four digits: the end of the NIR (its last serial digit and its key), or an internal number.
			clauses.push("(substr(p.nir, 12, 4) = :search OR a.employee_number = :search)");
		} else {
			// LIKE's wildcards typed by the user are taken literally.
			args.prefix = `${search.replaceAll(/[\\%_]/g, (c) => `\\${c}`)}%`;
			clauses.push(
				"(p.last_name LIKE :prefix ESCAPE '\\' OR p.first_name LIKE :prefix ESCAPE '\\' OR (p.last_name || ' ' || p.first_name) LIKE :prefix ESCAPE '\\' OR (p.first_name || ' ' || p.last_name) LIKE :prefix ESCAPE '\\' OR a.employee_number = :search COLLATE NOCASE)",
			);
		}
	}
	return { sql: clauses.join(" AND "), args };
}

function toRow(row: Record<string, unknown>): EmployeeRow {
	return {
		id: Number(row.id),
		lastName: String(row.last_name),
		firstName: String(row.first_name),
		employeeNumber: (row.employee_number as string | null) ?? null,
		nirLast4: (row.nir_last4 as string | null) ?? null,
		categoryLabel: String(row.category_label),
		option: (row.option as CoverageOption | null) ?? null,
		startDate: String(row.start_date),
		endDate: (row.end_date as string | null) ?? null,
		portabilityEndDate: (row.portability_end_date as string | null) ?? null,
		status: row.status as EmployeeStatus,
	};
}

/** The SQL of one page of the list (exported for the query-plan test). */
export function employeeListSql(
	companyId: number,
	today: string,
	filter: EmployeeFilter,
	page: number,
): { sql: string; args: Args } {
	const where = whereOf(companyId, today, filter);
	const order = ORDER_BY[filter.sort ?? "nom"].replaceAll("{dir}", filter.descending ? "DESC" : "ASC");
	return {
		sql: `SELECT a.id, p.last_name, p.first_name, a.employee_number, substr(p.nir, 12, 4) AS nir_last4,
				c.label AS category_label, a.option, a.start_date, a.end_date, a.portability_end_date,
				${STATUS_SQL} AS status
			FROM affiliations a
			JOIN persons p ON p.id = a.person_id
			JOIN group_contract_categories c ON c.id = a.category_id
			WHERE ${where.sql}
			ORDER BY ${order}
			LIMIT ${EMPLOYEES_PER_PAGE} OFFSET :offset`,
		args: { ...where.args, offset: (page - 1) * EMPLOYEES_PER_PAGE },
	};
}

/** The count of the same selection: persons are joined only when a search needs them. */
export function employeeCountSql(companyId: number, today: string, filter: EmployeeFilter) {
	const where = whereOf(companyId, today, filter);
	const join = filter.search?.trim() ? "JOIN persons p ON p.id = a.person_id" : "";
	return { sql: `SELECT count(*) AS n FROM affiliations a ${join} WHERE ${where.sql}`, args: where.args };
}

/** One page (1-based) of the company's employees; a page past the last is refused. */
export async function listEmployees(
	db: Database,
	companyId: number,
	today: string,
	filter: EmployeeFilter,
	page: number,
): Promise<EmployeePage> {
	const countQuery = employeeCountSql(companyId, today, filter);
	const counted = await db.$client.execute(countQuery);
	const count = Number(counted.rows[0]?.n ?? 0);
	const pageCount = Math.max(1, Math.ceil(count / EMPLOYEES_PER_PAGE));
	if (page > pageCount) return { ok: false, reason: "page_out_of_range" };
	const result = await db.$client.execute(employeeListSql(companyId, today, filter, page));
	return { ok: true, rows: result.rows.map((row) => toRow(row)), count, page, pageCount };
}

export interface EmployeeDetail extends EmployeeRow {
	readonly birthDate: string;
	readonly category: EmployeeCategory;
	readonly contractNumber: string;
	readonly endReason: AffiliationEndReason | null;
	readonly dispenseReason: DispenseReason | null;
	readonly dispenseRequestedOn: string | null;
	/** People covered with the employee (spouse, children), as a count; null without an espace adhérent. */
	readonly beneficiaryCount: number | null;
}

/** One employee of the company, or null (another company's, or none). */
export async function getEmployee(
	db: Database,
	companyId: number,
	affiliationId: number,
	today: string,
): Promise<EmployeeDetail | null> {
	const result = await db.$client.execute({
		sql: `SELECT a.id, p.last_name, p.first_name, p.birth_date, a.employee_number,
				substr(p.nir, 12, 4) AS nir_last4, c.label AS category_label, c.category, g.number AS contract_number,
				a.option, a.start_date, a.end_date, a.end_reason, a.portability_end_date, a.dispense_reason,
				a.dispense_requested_on, ${STATUS_SQL} AS status,
				CASE WHEN a.member_id IS NULL THEN NULL ELSE (SELECT count(*) FROM beneficiaries b
					WHERE b.member_id = a.member_id AND b.relationship <> 'adherent'
					AND b.start_date <= :today AND (b.end_date IS NULL OR b.end_date >= :today)) END AS beneficiaries
			FROM affiliations a
			JOIN persons p ON p.id = a.person_id
			JOIN group_contract_categories c ON c.id = a.category_id
			JOIN group_contracts g ON g.id = a.group_contract_id
			WHERE a.id = :id AND a.company_id = :company`,
		args: { id: affiliationId, company: companyId, today },
	});
	const row = result.rows[0];
	if (!row) return null;
	return {
		...toRow(row),
		birthDate: String(row.birth_date),
		category: row.category as EmployeeCategory,
		contractNumber: String(row.contract_number),
		endReason: (row.end_reason as AffiliationEndReason | null) ?? null,
		dispenseReason: (row.dispense_reason as DispenseReason | null) ?? null,
		dispenseRequestedOn: (row.dispense_requested_on as string | null) ?? null,
		beneficiaryCount: row.beneficiaries === null ? null : Number(row.beneficiaries),
	};
}

export interface CategoryChoice {
	readonly id: number;
	readonly label: string;
}

/** The company's catégories objectives, for the filter. */
export async function listCategoryChoices(db: Database, companyId: number): Promise<CategoryChoice[]> {
	const result = await db.$client.execute({
		sql: `SELECT c.id, c.label FROM group_contract_categories c
			JOIN group_contracts g ON g.id = c.group_contract_id
			WHERE g.company_id = :company ORDER BY g.start_date DESC, c.id`,
		args: { company: companyId },
	});
	return result.rows.map((row) => ({ id: Number(row.id), label: String(row.label) }));
}
