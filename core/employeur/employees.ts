// « Salariés »: the employees of one company (affiliated, in portabilité, ended or dispensed),
// searched, filtered, sorted and paged, and the detail of one of them. Every statement is
// scoped by the company: another company's employee is simply not found (404 at the edge).
// The employer never sees health data: of the employee's family, only a count of beneficiaries.
//
// Speed (ADR 0018): the list reads the employee directory (schema/tables/employee-directory.ts),
// one row per affiliation with folded names, kept by triggers: a page walks one of its indexes
// in the order asked (name, internal number, start date) and joins only the 25 rows it keeps; a
// search by name is a range of an index, by NIR or internal number an equality (ADR 0053: a search
// merges each range's first pages, and a status reads its own range when that is shorter).
import type { Database } from "../../db/client.ts";
import type {
	AffiliationEndReason,
	CoverageOption,
	DispenseReason,
	EmployeeCategory,
} from "../../schema/enums.ts";
import { foldName } from "./name-key.ts";

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
			/** The company's catégories objectives, for the filter (read in the same statement). */
			readonly categories: readonly CategoryChoice[];
	  }
	| {
			readonly ok: false;
			readonly reason: "page_out_of_range";
			readonly categories: readonly CategoryChoice[];
	  };

/** The status of an affiliation on `today` (`YYYY-MM-DD`), as a SQL expression over `a`. */
const STATUS_SQL = `CASE
	WHEN a.dispense_reason IS NOT NULL AND (a.end_date IS NULL OR a.end_date >= :today) THEN 'dispense'
	WHEN a.end_date IS NULL OR a.end_date >= :today THEN 'couvert'
	WHEN a.dispense_reason IS NULL AND a.portability_end_date >= :today THEN 'portabilite'
	ELSE 'sorti' END`;

/** The predicate of each status over the directory's row `d` (the same cases as STATUS_SQL). */
const STATUS_WHERE: Record<EmployeeStatus, string> = {
	couvert: "d.dispensed = 0 AND (d.end_date IS NULL OR d.end_date >= :today)",
	portabilite: "d.dispensed = 0 AND d.end_date < :today AND d.portability_end_date >= :today",
	sorti:
		"d.end_date < :today AND (d.dispensed = 1 OR d.portability_end_date IS NULL OR d.portability_end_date < :today)",
	dispense: "d.dispensed = 1 AND (d.end_date IS NULL OR d.end_date >= :today)",
};

/** The key each sort reads, in the order of one of the directory's indexes (the rowid breaks ties). */
const SORT_KEY: Record<EmployeeSort, string> = {
	nom: "d.name_key",
	numero: "d.employee_number",
	entree: "d.start_date",
};

/** Past the last character any folded name holds: `key <= name < key + END` is a prefix search. */
const PREFIX_END = "\u{10FFFF}";

type Args = Record<string, string | number>;

/**
 * A selection: the predicate of its status and category over the directory's row `d`, and, for a
 * search, its arms: each a predicate one index reads as a range (ADR 0053), an employee matching
 * the search when it matches any arm.
 */
interface Selection {
	readonly sql: string;
	readonly arms: readonly string[];
	readonly args: Args;
}

function whereOf(companyId: number, today: string, filter: EmployeeFilter): Selection {
	const clauses = ["d.company_id = :company"];
	const args: Args = { company: companyId, today };
	if (filter.status) clauses.push(`(${STATUS_WHERE[filter.status]})`);
	if (filter.categoryId !== undefined) {
		clauses.push("d.category_id = :category");
		args.category = filter.categoryId;
	}
	const search = filter.search?.trim().replaceAll(/\s+/g, " ");
	let arms: string[] = [];
	if (search) {
		args.number = search.toUpperCase();
		if (/^\d{4}$/.test(search)) {
			// Four digits: the end of the NIR (its last serial digit and its key), or an internal number.
			args.search = search;
			arms = ["d.nir_last4 = :search", "d.employee_number = :number"];
		} else {
			// A prefix of « nom prénom » or of « prénom nom », each a range of its index.
			args.from = foldName(search);
			args.to = `${args.from}${PREFIX_END}`;
			arms = [
				"d.name_key >= :from AND d.name_key < :to",
				"d.first_name_key >= :from AND d.first_name_key < :to",
				"d.employee_number = :number",
			];
		}
	}
	return { sql: clauses.join(" AND "), arms, args };
}

/**
 * Each arm of a search as a predicate of its own: the arm, and none of the arms before it (`IS NOT
 * TRUE`, so that an arm on a column that may be NULL still excludes nobody it does not match). The
 * arms then select disjoint sets of employees, whose union is the search: counts add up, and
 * pages merge without removing duplicates.
 */
function disjointArms(arms: readonly string[]): string[] {
	return arms.map((arm, i) =>
		[`(${arm})`, ...arms.slice(0, i).map((before) => `(${before}) IS NOT TRUE`)].join(" AND "),
	);
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

/**
 * The same statuses over the counter of status keys `k` (employee_status_counts, ADR 0048), where
 * a missing end date is '9999-12-31' and a missing portability end date '': the same cases.
 */
export const STATUS_COUNT_WHERE: Readonly<Record<EmployeeStatus, string>> = {
	couvert: "k.dispensed = 0 AND k.end_date >= :today",
	portabilite: "k.dispensed = 0 AND k.end_date < :today AND k.portability_end_date >= :today",
	sorti: "k.end_date < :today AND (k.dispensed = 1 OR k.portability_end_date < :today)",
	dispense: "k.dispensed = 1 AND k.end_date >= :today",
};

/** The company's total from its counter, kept by triggers (employee_directory_counts, ADR 0043). */
const TOTAL_SQL =
	"coalesce((SELECT employees FROM employee_directory_counts WHERE company_id = :company), 0)";

/**
 * The count of a selection as a scalar SQL expression. Without a search, from counters kept by
 * triggers: the whole list's total from the company's row (employee_directory_counts, ADR 0043),
 * a status or a category from the sum of the company's status keys (employee_status_counts,
 * ADR 0048: counting 17 000 directory entries cost about 1.5 ms a request). A search adds up the
 * counts of its disjoint arms, each a range of an index that holds every column it tests, so that
 * no row of the table is read (ADR 0053; a multi-index OR read the row of every match).
 */
function countExpression(filter: EmployeeFilter, where: Selection): string {
	if (where.arms.length > 0)
		return disjointArms(where.arms)
			.map((arm) => `(SELECT count(*) FROM employee_directory d WHERE ${where.sql} AND ${arm})`)
			.join(" + ");
	if (!filter.status && filter.categoryId === undefined) return TOTAL_SQL;
	const clauses = ["k.company_id = :company"];
	if (filter.status) clauses.push(`(${STATUS_COUNT_WHERE[filter.status]})`);
	if (filter.categoryId !== undefined) clauses.push("k.category_id = :category");
	return `coalesce((SELECT sum(k.employees) FROM employee_status_counts k WHERE ${clauses.join(" AND ")}), 0)`;
}

/** The count of the same selection as a statement of its own (tests; the page reads it in one). */
export function employeeCountSql(companyId: number, today: string, filter: EmployeeFilter) {
	const where = whereOf(companyId, today, filter);
	return { sql: `SELECT ${countExpression(filter, where)} AS n`, args: where.args };
}

/**
 * How many of the company's affiliations have ended (on any date, past or future), from the
 * counter of status keys, where a missing end date is '9999-12-31'.
 */
const ENDED_SQL = `coalesce((SELECT sum(k.employees) FROM employee_status_counts k
	WHERE k.company_id = :company AND k.dispensed IN (0, 1) AND k.end_date < '9999-12-31'), 0)`;

/**
 * The two ways a status in name order can be read (pageIdsSql):
 * - `walk`: the name index walked until the page is full, and `walked`, the count of its entries
 *   (the walk reads about (offset + page size) × walked / the status's count of them).
 *   « En portabilité » and « sorti » are statuses of ended affiliations only: they walk the ended
 *   affiliations' own name index (ADR 0056); the others walk the company's whole name index.
 * - `range`: the index whose range holds the status's entries, and what narrows a read to that
 *   range (a flag is 0 or 1: saying so lets « sorti » read two ranges of the ended instead of the
 *   whole company).
 */
const STATUS_READS: Readonly<
	Record<EmployeeStatus, { walk: string; walked: string; range: string; narrowing: string }>
> = {
	couvert: {
		walk: "employee_directory_name_idx",
		walked: TOTAL_SQL,
		range: "employee_directory_status_idx",
		narrowing: "",
	},
	portabilite: {
		walk: "employee_directory_ended_name_idx",
		walked: ENDED_SQL,
		range: "employee_directory_portability_idx",
		narrowing: "",
	},
	sorti: {
		walk: "employee_directory_ended_name_idx",
		walked: ENDED_SQL,
		range: "employee_directory_status_idx",
		narrowing: " AND d.dispensed IN (0, 1)",
	},
	dispense: {
		walk: "employee_directory_name_idx",
		walked: TOTAL_SQL,
		range: "employee_directory_status_idx",
		narrowing: "",
	},
};

/** The status whose page chooses between walking the name index and its range: a status in name order. */
function rangedStatus(filter: EmployeeFilter, where: Selection): EmployeeStatus | undefined {
	return where.arms.length === 0 && (filter.sort ?? "nom") === "nom" ? filter.status : undefined;
}

/**
 * The page's ids and sort keys (`id`, `k`), at most a page of them, in no particular order.
 * - A search: each disjoint arm's first `offset + page size` entries in the list's order (an
 *   index range, sorted when the index is not in that order), merged, then the page taken: the
 *   page's entries are among them, and no arm reads more than that (ADR 0053).
 * - A status in name order reads whichever is shorter (ADR 0053): walking a name index until
 *   the page is full reads about (offset + page size) × its entries / status entries, if the
 *   status is spread evenly over the names (and the whole index if it is not); the status's own
 *   range of an index holds about the status's entries, sorted whatever the names. The counters
 *   give both sizes; the other arm's LIMIT is 0, which SQLite checks before reading anything. The
 *   name index walked is the ended affiliations' own for the statuses only they have (ADR 0056).
 * - Otherwise the index of the sort, walked.
 */
function pageIdsSql(filter: EmployeeFilter, where: Selection): string {
	const direction = filter.descending ? "DESC" : "ASC";
	const key = SORT_KEY[filter.sort ?? "nom"];
	const order = `ORDER BY k ${direction}, id ${direction}`;
	const read = (from: string, predicate: string, limit: string) =>
		`SELECT * FROM (SELECT d.affiliation_id AS id, ${key} AS k FROM ${from}
			WHERE ${predicate} ${order} LIMIT ${limit})`;
	if (where.arms.length > 0) {
		const arms = disjointArms(where.arms).map((arm) =>
			read("employee_directory d", `${where.sql} AND ${arm}`, ":bound"),
		);
		return `SELECT * FROM (${arms.join(" UNION ALL ")} ${order} LIMIT ${EMPLOYEES_PER_PAGE} OFFSET :offset)`;
	}
	const status = rangedStatus(filter, where);
	if (status) {
		const reads = STATUS_READS[status];
		const small = `(SELECT n * n < (:offset + ${EMPLOYEES_PER_PAGE}) * walked FROM selection)`;
		return `${read(
			`employee_directory d INDEXED BY ${reads.walk}`,
			where.sql,
			`CASE WHEN ${small} THEN 0 ELSE ${EMPLOYEES_PER_PAGE} END OFFSET :offset`,
		)} UNION ALL ${read(
			`employee_directory d INDEXED BY ${reads.range}`,
			`${where.sql}${reads.narrowing}`,
			`CASE WHEN ${small} THEN ${EMPLOYEES_PER_PAGE} ELSE 0 END OFFSET :offset`,
		)}`;
	}
	return read("employee_directory d", where.sql, `${EMPLOYEES_PER_PAGE} OFFSET :offset`);
}

/** The categories' choices of a company, as a JSON array of `[id, label]`, in the filter's order. */
const CATEGORIES_JSON = `(SELECT json_group_array(json_array(c.id, c.label) ORDER BY g.start_date DESC, c.id)
	FROM group_contract_categories c JOIN group_contracts g ON g.id = c.group_contract_id
	WHERE g.company_id = :company)`;

/**
 * One page of the list in ONE statement, one row: the selection's count, the page's rows and the
 * company's categories, the rows and categories each as one JSON array (ADR 0048). Three
 * statements (categories, count, page) cost three trips through the client and a row object per
 * employee; one row and one JSON.parse cost about half as much for the first page, and SQLite
 * reads the same indexes (exported for the query-plan test and the benchmark's bare peer). The
 * page's ids are read from the directory's indexes (pageIdsSql), then only those 25 rows are
 * joined; `json_group_array(… ORDER BY …)` keeps their order. The count is computed once
 * (`selection`), with the company's total when the page needs both to choose how to read.
 */
export function employeePageSql(
	companyId: number,
	today: string,
	filter: EmployeeFilter,
	page: number,
): { sql: string; args: Args } {
	const where = whereOf(companyId, today, filter);
	const status = rangedStatus(filter, where);
	const direction = filter.descending ? "DESC" : "ASC";
	const offset = (page - 1) * EMPLOYEES_PER_PAGE;
	return {
		sql: `WITH selection AS MATERIALIZED (SELECT ${countExpression(filter, where)} AS n,
				${status ? STATUS_READS[status].walked : "NULL"} AS walked)
			SELECT selection.n AS n,
			(SELECT json_group_array(json_array(a.id, p.last_name, p.first_name, a.employee_number,
					substr(p.nir, 12, 4), c.label, a.option, a.start_date, a.end_date, a.portability_end_date,
					${STATUS_SQL}) ORDER BY s.k ${direction}, s.id ${direction})
				FROM (${pageIdsSql(filter, where)}) s
				JOIN affiliations a ON a.id = s.id
				JOIN persons p ON p.id = a.person_id
				JOIN group_contract_categories c ON c.id = a.category_id) AS rows,
			${CATEGORIES_JSON} AS categories
			FROM selection`,
		args: {
			...where.args,
			offset,
			...(where.arms.length > 0 ? { bound: offset + EMPLOYEES_PER_PAGE } : {}),
		},
	};
}

/** A row of the page's JSON array, in employeePageSql's order of values. */
type PageValues = [
	number,
	string,
	string,
	string | null,
	string | null,
	string,
	CoverageOption | null,
	string,
	string | null,
	string | null,
	EmployeeStatus,
];

function employeeOf(v: PageValues): EmployeeRow {
	return {
		id: v[0],
		lastName: v[1],
		firstName: v[2],
		employeeNumber: v[3],
		nirLast4: v[4],
		categoryLabel: v[5],
		option: v[6],
		startDate: v[7],
		endDate: v[8],
		portabilityEndDate: v[9],
		status: v[10],
	};
}

function categoriesOf(json: unknown): CategoryChoice[] {
	return (JSON.parse(String(json ?? "[]")) as [number, string][]).map(([id, label]) => ({ id, label }));
}

/**
 * One page (1-based) of the company's employees, with the company's categories (the filter's
 * choices); a page past the last is refused.
 */
export async function listEmployees(
	db: Database,
	companyId: number,
	today: string,
	filter: EmployeeFilter,
	page: number,
): Promise<EmployeePage> {
	const [row] = (await db.$client.execute(employeePageSql(companyId, today, filter, page))).rows;
	const count = Number(row?.n ?? 0);
	const pageCount = Math.max(1, Math.ceil(count / EMPLOYEES_PER_PAGE));
	const categories = categoriesOf(row?.categories);
	if (page > pageCount) return { ok: false, reason: "page_out_of_range", categories };
	const rows = (JSON.parse(String(row?.rows ?? "[]")) as PageValues[]).map(employeeOf);
	return { ok: true, rows, count, page, pageCount, categories };
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

/** The company's catégories objectives, for the filter (when the list itself is not read). */
export async function listCategoryChoices(db: Database, companyId: number): Promise<CategoryChoice[]> {
	const result = await db.$client.execute({
		sql: `SELECT ${CATEGORIES_JSON} AS categories`,
		args: { company: companyId },
	});
	return categoriesOf(result.rows[0]?.categories);
}
