// The employee list of a 20 000-employee company (the largest): every page, search and
// filter is read from an index of the employee directory (the query plan says so, never a scan of
// the table), its results agree with the affiliations themselves, and the directory follows every
// change (triggers of the migration employeur_custom), accents folded as a search folds them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.ts";
import { addLargeCompany, type LargeCompany } from "../../tests/support/large-company.ts";
import { createTestDatabase } from "../../tests/support/test-database.ts";
import { loadEmployerDashboard } from "./dashboard.ts";
import {
	EMPLOYEE_STATUSES,
	type EmployeeFilter,
	type EmployeeStatus,
	employeeCountSql,
	employeePageSql,
	getEmployee,
	listCategoryChoices,
	listEmployees,
} from "./employees.ts";
import { foldName } from "./name-key.ts";

const today = "2026-11-26";
let handle: DatabaseHandle;
let company: LargeCompany;

beforeAll(async () => {
	handle = await createTestDatabase();
	company = await addLargeCompany(handle.client, 20_000, today);
	await handle.client.execute("ANALYZE");
}, 120_000);
afterAll(() => handle?.client.close());

async function plan(query: { sql: string; args: Record<string, string | number> }): Promise<string> {
	const result = await handle.client.execute({ sql: `EXPLAIN QUERY PLAN ${query.sql}`, args: query.args });
	return result.rows.map((row) => String(row.detail)).join(" | ");
}

/** The company's affiliations per status on `today`, as the affiliations themselves say (one category, or all). */
async function statusCounts(categoryId?: number, day = today): Promise<Record<string, number>> {
	const truth = await handle.client.execute({
		sql: `SELECT CASE
				WHEN dispense_reason IS NOT NULL AND (end_date IS NULL OR end_date >= :today) THEN 'dispense'
				WHEN end_date IS NULL OR end_date >= :today THEN 'couvert'
				WHEN dispense_reason IS NULL AND portability_end_date >= :today THEN 'portabilite'
				ELSE 'sorti' END AS status, count(*) AS n
			FROM affiliations WHERE company_id = :company AND (:category IS NULL OR category_id = :category) GROUP BY 1`,
		args: { today: day, company: company.companyId, category: categoryId ?? null },
	});
	return Object.fromEntries(truth.rows.map((row) => [String(row.status), Number(row.n)]));
}

describe("the list's queries on 20 000 employees", () => {
	const filters: Record<string, EmployeeFilter> = {
		"the first page": {},
		"a search by name": { search: "Dupont" },
		"a search by first and last name": { search: "camille mar" },
		"a search by the NIR's last digits": { search: "1234" },
		"a search by internal number": { search: "e000042" },
		"a status": { status: "portabilite" },
		"a category": { categoryId: 1 },
		"a sort by internal number, descending": { sort: "numero", descending: true },
		"a sort by start date": { sort: "entree" },
	};
	for (const [name, filter] of Object.entries(filters)) {
		it(`reads ${name} from an index of the directory, never scanning a table`, async () => {
			const used = `${await plan(employeeCountSql(company.companyId, today, filter))} || ${await plan(employeePageSql(company.companyId, today, filter, 3))}`;
			expect(used).toMatch(/employee_directory_\w+_idx/);
			expect(used).not.toMatch(/\bSCAN (d|a|p|employee_directory|affiliations|persons)\b/);
		});
	}

	// The page's rows travel as one JSON array (ADR 0048): each must be exactly the employee as the
	// row-by-row reading of getEmployee gives it, nulls and types included; the categories too.
	it("reads each row of a page exactly as the employee's own statement reads it", async () => {
		for (const filter of [
			{},
			{ search: "dupont" },
			{ status: "portabilite" },
			{ status: "dispense" },
		] as const) {
			const page = await listEmployees(handle.db, company.companyId, today, filter, 2);
			if (!page.ok) throw new Error("page refused");
			expect(page.rows.length).toBeGreaterThan(0);
			for (const row of page.rows) {
				const detail = await getEmployee(handle.db, company.companyId, row.id, today);
				expect(detail).toMatchObject(row);
			}
			const categories = await handle.client.execute({
				sql: `SELECT c.id, c.label FROM group_contract_categories c JOIN group_contracts g ON g.id = c.group_contract_id
					WHERE g.company_id = :c ORDER BY g.start_date DESC, c.id`,
				args: { c: company.companyId },
			});
			expect(page.categories).toEqual(
				categories.rows.map((r) => ({ id: Number(r.id), label: String(r.label) })),
			);
			expect(await listCategoryChoices(handle.db, company.companyId)).toEqual(page.categories);
		}
	});

	// ADR 0048: the name index holds the affiliation's id right after the name, so the list's order
	// (ties broken by the id) is the index's own: a page far into the list skips entries, unsorted.
	it("reads the list in name order, either way, without sorting the directory's entries", async () => {
		for (const descending of [false, true]) {
			const used = await plan(employeePageSql(company.companyId, today, { descending }, 400));
			expect(used).toContain("COVERING INDEX employee_directory_name_idx");
			expect(used).not.toMatch(/TEMP B-TREE FOR (RIGHT PART OF )?ORDER BY/);
		}
	});

	// ADR 0053: a search by name reads its ranges from indexes holding every column it tests (the
	// status, the category, the name for the list's order): no row of the table is read to count
	// or to page, but for the internal number's equality (one entry at most).
	it("counts and pages a search by name from covering indexes alone", async () => {
		for (const filter of [
			{ search: "dupont" },
			{ search: "camille mar", status: "sorti" },
			{ search: "ma", categoryId: company.categoryIds[0] },
		] as const) {
			for (const query of [
				employeeCountSql(company.companyId, today, filter),
				employeePageSql(company.companyId, today, filter, 2),
			]) {
				const used = await plan(query);
				// The name's range: of the ended affiliations' own name index when the status is one
				// only they have (ADR 0056).
				expect(used).toMatch(
					filter.status === "sorti"
						? "COVERING INDEX employee_directory_ended_name_idx (company_id=? AND name_key>? AND name_key<?)"
						: "COVERING INDEX employee_directory_name_idx (company_id=? AND name_key>? AND name_key<?)",
				);
				expect(used).toContain(
					"COVERING INDEX employee_directory_first_name_idx (company_id=? AND first_name_key>? AND first_name_key<?)",
				);
				expect(used).not.toMatch(/USING INDEX employee_directory_(first_|ended_)?name_idx/);
				expect(used).not.toContain("MULTI-INDEX OR");
			}
		}
	});

	it("reads a status in name order from its own range of an index, or by walking a name index", async () => {
		const ranges = {
			portabilite:
				"COVERING INDEX employee_directory_portability_idx (company_id=? AND portability_end_date>?)",
			sorti: "COVERING INDEX employee_directory_status_idx (company_id=? AND dispensed=? AND end_date<?)",
			dispense: "COVERING INDEX employee_directory_status_idx (company_id=? AND dispensed=?",
		};
		// The statuses only ended affiliations have walk the ended affiliations' name index (ADR 0056).
		const walks = {
			portabilite: "COVERING INDEX employee_directory_ended_name_idx (company_id=?)",
			sorti: "COVERING INDEX employee_directory_ended_name_idx (company_id=?)",
			dispense: "COVERING INDEX employee_directory_name_idx (company_id=?)",
		};
		for (const [status, range] of Object.entries(ranges)) {
			const used = await plan(
				employeePageSql(company.companyId, today, { status: status as EmployeeStatus }, 1),
			);
			expect(used, status).toContain(range);
			expect(used, status).toContain(walks[status as keyof typeof walks]);
		}
	});

	it("counts each status as the affiliations themselves say", async () => {
		const expected = await statusCounts();
		let total = 0;
		for (const status of EMPLOYEE_STATUSES) {
			const page = await listEmployees(handle.db, company.companyId, today, { status }, 1);
			if (!page.ok) throw new Error(status);
			expect(page.count, status).toBe(expected[status] ?? 0);
			expect(page.rows.every((row) => row.status === status)).toBe(true);
			total += page.count;
		}
		expect(total).toBe(20_000);
	});

	it("gives the employer's dashboard the headcounts the affiliations say, on any day", async () => {
		for (const day of ["2025-06-30", today, "2026-12-31", "2027-06-15", "2028-02-29"]) {
			const expected = await statusCounts(undefined, day);
			const dashboard = await loadEmployerDashboard(handle.db, company.companyId, day);
			expect(dashboard?.headcounts, day).toEqual({
				covered: expected.couvert ?? 0,
				dispensed: expected.dispense ?? 0,
				portability: expected.portabilite ?? 0,
			});
		}
	});

	// ADR 0053: a search merges the first pages of its index ranges and counts their disjoint parts;
	// a status in name order walks the name index or sorts its own range, whichever reads fewer
	// entries. Every page must be exactly what one plain statement over the directory gives.
	it("lists exactly what a plain statement selects, for searches, statuses, categories, sorts and pages", async () => {
		const reference = async (filter: EmployeeFilter, page: number) => {
			const key = { nom: "d.name_key", numero: "d.employee_number", entree: "d.start_date" }[
				filter.sort ?? "nom"
			];
			const direction = filter.descending ? "DESC" : "ASC";
			const search = filter.search?.trim() ?? "";
			const result = await handle.client.execute({
				sql: `SELECT d.affiliation_id AS id, count(*) OVER () AS n
					FROM employee_directory d JOIN affiliations a ON a.id = d.affiliation_id
					WHERE d.company_id = :company AND (:category IS NULL OR d.category_id = :category)
					AND (:status IS NULL OR :status = CASE
						WHEN a.dispense_reason IS NOT NULL AND (a.end_date IS NULL OR a.end_date >= :today) THEN 'dispense'
						WHEN a.end_date IS NULL OR a.end_date >= :today THEN 'couvert'
						WHEN a.dispense_reason IS NULL AND a.portability_end_date >= :today THEN 'portabilite'
						ELSE 'sorti' END)
					AND (:search = '' OR d.employee_number = upper(:search) OR CASE WHEN :search GLOB '[0-9][0-9][0-9][0-9]'
						THEN d.nir_last4 = :search
						ELSE substr(d.name_key, 1, length(:folded)) = :folded OR substr(d.first_name_key, 1, length(:folded)) = :folded END)
					ORDER BY ${key} ${direction}, d.affiliation_id ${direction} LIMIT 25 OFFSET :offset`,
				args: {
					company: company.companyId,
					today,
					category: filter.categoryId ?? null,
					status: filter.status ?? null,
					search,
					folded: foldName(search),
					offset: (page - 1) * 25,
				},
			});
			return { ids: result.rows.map((row) => Number(row.id)), count: Number(result.rows[0]?.n ?? 0) };
		};
		// One employee without a NIR whose internal number is four digits: an arm on a column that
		// may be NULL must not drop it from the next arm (the four digits' search).
		const [someone] = (
			await handle.client.execute({
				sql: "SELECT id, person_id, employee_number FROM affiliations WHERE company_id = ? ORDER BY id LIMIT 1",
				args: [company.companyId],
			})
		).rows;
		await handle.client.batch([
			{ sql: "UPDATE persons SET nir = NULL WHERE id = ?", args: [someone?.person_id ?? 0] },
			{ sql: "UPDATE affiliations SET employee_number = '1234' WHERE id = ?", args: [someone?.id ?? 0] },
		]);
		try {
			const [cadres] = company.categoryIds;
			const filters: EmployeeFilter[] = [];
			for (const search of [undefined, "dupont", "camille mar", "ma", "lea", "1234", "e000042", "zz"])
				for (const status of [undefined, ...EMPLOYEE_STATUSES]) filters.push({ search, status });
			filters.push(
				{ search: "dupont", categoryId: cadres },
				{ search: "ma", status: "portabilite", categoryId: cadres },
				{ status: "sorti", categoryId: cadres },
				{ categoryId: cadres, descending: true },
				{ search: "dupont", descending: true },
				{ search: "ma", sort: "numero" },
				{ search: "lea", sort: "entree", descending: true },
				{ search: "1234", sort: "numero", descending: true },
				{ status: "portabilite", descending: true },
				{ status: "dispense", sort: "entree" },
			);
			let compared = 0;
			for (const filter of filters) {
				const first = await reference(filter, 1);
				const lastPage = Math.max(1, Math.ceil(first.count / 25));
				// The first pages, a page in the middle and the last (a status's deep pages read its range).
				for (const page of new Set([1, 2, Math.ceil(lastPage / 2), lastPage])) {
					const expected = page === 1 ? first : await reference(filter, page);
					const listed = await listEmployees(handle.db, company.companyId, today, filter, page);
					const label = `${JSON.stringify(filter)} page ${page}`;
					if (!listed.ok) {
						expect(expected.ids, label).toEqual([]);
						continue;
					}
					expect({ ids: listed.rows.map((row) => row.id), count: listed.count }, label).toEqual(expected);
					compared += listed.rows.length;
				}
			}
			expect(compared).toBeGreaterThan(2_000);
		} finally {
			await handle.client.batch([
				{
					sql: "UPDATE persons SET nir = (SELECT p.nir FROM persons p WHERE p.id = persons.id - 1) WHERE id = ?",
					args: [someone?.person_id ?? 0],
				},
				{
					sql: "UPDATE affiliations SET employee_number = ? WHERE id = ?",
					args: [someone?.employee_number ?? null, someone?.id ?? 0],
				},
			]);
		}
	});

	it("pages through the whole list in name order, 25 at a time, and refuses a page past the last", async () => {
		const first = await listEmployees(handle.db, company.companyId, today, {}, 1);
		const last = await listEmployees(handle.db, company.companyId, today, {}, 800);
		if (!first.ok || !last.ok) throw new Error("page refused");
		expect(first.pageCount).toBe(800);
		expect(first.rows).toHaveLength(25);
		expect(last.rows).toHaveLength(25);
		const keys = [...first.rows, ...last.rows].map((row) => foldName(`${row.lastName} ${row.firstName}`));
		expect(keys).toEqual([...keys].sort());
		expect(await listEmployees(handle.db, company.companyId, today, {}, 801)).toEqual({
			ok: false,
			reason: "page_out_of_range",
			categories: first.categories,
		});
	});
});

describe("the directory follows the affiliations and the names", () => {
	it("finds a renamed employee under the new name, with or without its accents", async () => {
		const [row] = (
			await handle.client.execute({
				sql: "SELECT id, person_id FROM affiliations WHERE company_id = :c ORDER BY id LIMIT 1",
				args: { c: company.companyId },
			})
		).rows;
		await handle.client.execute({
			sql: "UPDATE persons SET last_name = 'Lefèvre-Œuvray', first_name = 'Élodie' WHERE id = :id",
			args: { id: Number(row?.person_id) },
		});
		for (const search of ["lefevre-oeu", "LEFÈVRE-ŒUV", "Élodie Lef", "elodie lefevre"]) {
			const page = await listEmployees(handle.db, company.companyId, today, { search }, 1);
			expect(page.ok && page.rows.map((r) => r.id), search).toContain(Number(row?.id));
		}
		const [stored] = (
			await handle.client.execute({
				sql: "SELECT name_key FROM employee_directory WHERE affiliation_id = :id",
				args: { id: Number(row?.id) },
			})
		).rows;
		expect(stored?.name_key).toBe(foldName("Lefèvre-Œuvray Élodie"));
	});

	it("moves an employee to « en portabilité » when the affiliation ends, and drops a deleted one", async () => {
		const [row] = (
			await handle.client.execute({
				sql: "SELECT id FROM affiliations WHERE company_id = :c AND end_date IS NULL AND dispense_reason IS NULL LIMIT 1",
				args: { c: company.companyId },
			})
		).rows;
		const id = Number(row?.id);
		await handle.client.execute({
			sql: "UPDATE affiliations SET end_date = '2026-10-31', end_reason = 'dismissal', portability_end_date = '2027-10-31' WHERE id = :id",
			args: { id },
		});
		const portability = await listEmployees(
			handle.db,
			company.companyId,
			today,
			{ status: "portabilite", sort: "entree" },
			1,
		);
		expect((await getEmployee(handle.db, company.companyId, id, today))?.status).toBe("portabilite");
		const count = await handle.client.execute(
			employeeCountSql(company.companyId, today, { status: "portabilite" }),
		);
		expect(portability.ok && portability.count).toBe(Number(count.rows[0]?.n));
		await handle.client.execute({ sql: "DELETE FROM affiliations WHERE id = :id", args: { id } });
		const left = await handle.client.execute({
			sql: "SELECT count(*) AS n FROM employee_directory WHERE affiliation_id = :id",
			args: { id },
		});
		expect(Number(left.rows[0]?.n)).toBe(0);
		// The whole list's total comes from the company's counter: it follows the delete too.
		const directory = await handle.client.execute({
			sql: "SELECT count(*) AS n FROM employee_directory WHERE company_id = :c",
			args: { c: company.companyId },
		});
		const all = await listEmployees(handle.db, company.companyId, today, {}, 1);
		expect(all.ok && all.count).toBe(Number(directory.rows[0]?.n));
		expect(all.ok && all.count).toBe(19_999);
	});

	it("keeps each company's total when an affiliation moves to another company", async () => {
		// A second company, whose SIREN passes the Luhn check as the first one's does.
		await handle.client.execute({
			sql: `INSERT INTO companies (siren, siret, name, address_line1, postal_code, city, email, created_at, updated_at)
				VALUES ('732829320', '73282932000074', 'Autre SA', '1 rue de Paris', '75001', 'Paris', 'rh@autre.test', 0, 0)`,
		});
		const [row] = (
			await handle.client.execute({
				sql: "SELECT a.id, c.id AS other FROM affiliations a, companies c WHERE a.company_id = :c AND c.id <> :c LIMIT 1",
				args: { c: company.companyId },
			})
		).rows;
		if (!row) throw new Error("no other company");
		const totals = async () =>
			Promise.all(
				[company.companyId, Number(row.other)].map(async (id) => {
					const page = await listEmployees(handle.db, id, today, {}, 1);
					const directory = await handle.client.execute({
						sql: "SELECT count(*) AS n FROM employee_directory WHERE company_id = :c",
						args: { c: id },
					});
					expect(page.ok && page.count).toBe(Number(directory.rows[0]?.n));
					return page.ok ? page.count : -1;
				}),
			);
		const [before, otherBefore] = await totals();
		await handle.client.execute({
			sql: "UPDATE affiliations SET company_id = :o WHERE id = :id",
			args: { o: Number(row.other), id: Number(row.id) },
		});
		expect(await totals()).toEqual([(before ?? 0) - 1, (otherBefore ?? 0) + 1]);
	});

	// ADR 0048: the counts of a status or a category sum the counter of status keys, kept by the
	// triggers of emplist_custom. After every kind of change, it must be exactly the affiliations
	// grouped by key, and every count the page shows the one the affiliations themselves give.
	it("keeps the counter of status keys exact through every change, and counts from it as the affiliations do", async () => {
		const pick = async (where: string) => {
			const [row] = (
				await handle.client.execute({
					sql: `SELECT id FROM affiliations WHERE company_id = :c AND ${where} ORDER BY id LIMIT 1`,
					args: { c: company.companyId },
				})
			).rows;
			return Number(row?.id);
		};
		const open = "end_date IS NULL AND dispense_reason IS NULL";
		const change = (sql: string, args: Record<string, string | number | null>) =>
			handle.client.execute({ sql, args });
		const [other] = (
			await handle.client.execute({
				sql: "SELECT id FROM companies WHERE id <> :c ORDER BY id LIMIT 1",
				args: { c: company.companyId },
			})
		).rows;
		await change(
			"UPDATE affiliations SET end_date = '2026-11-01', end_reason = 'dismissal', portability_end_date = '2027-05-31' WHERE id = :id",
			{ id: await pick(open) },
		);
		await change(
			"UPDATE affiliations SET end_date = '2026-10-15', end_reason = 'resignation' WHERE id = :id",
			{
				id: await pick(open),
			},
		);
		await change(
			"UPDATE affiliations SET option = NULL, dispense_reason = 'fixed_term_contract', dispense_requested_on = '2026-11-02' WHERE id = :id",
			{ id: await pick(open) },
		);
		await change("UPDATE affiliations SET category_id = :cat WHERE id = :id", {
			cat: company.categoryIds[1],
			id: await pick(`${open} AND category_id = ${company.categoryIds[0]}`),
		});
		await change(
			"UPDATE affiliations SET end_date = NULL, end_reason = NULL, portability_end_date = NULL WHERE id = :id",
			{
				id: await pick("end_date IS NOT NULL AND dispense_reason IS NULL"),
			},
		);
		await change("UPDATE affiliations SET company_id = :o WHERE id = :id", {
			o: Number(other?.id),
			id: await pick(open),
		});
		await change("DELETE FROM affiliations WHERE id = :id", {
			id: await pick("dispense_reason IS NOT NULL"),
		});
		// An update that changes no key leaves the counter as it was.
		await change("UPDATE affiliations SET employee_number = employee_number WHERE company_id = :c", {
			c: company.companyId,
		});

		const grouped = await handle.client.execute(
			`SELECT company_id, dispense_reason IS NOT NULL AS dispensed, coalesce(end_date, '9999-12-31') AS end_date,
				coalesce(portability_end_date, '') AS portability_end_date, category_id, count(*) AS employees
			FROM affiliations GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
		);
		const counted = await handle.client.execute(
			`SELECT company_id, dispensed, end_date, portability_end_date, category_id, employees
			FROM employee_status_counts ORDER BY 1, 2, 3, 4, 5`,
		);
		expect(counted.rows.map((row) => ({ ...row }))).toEqual(grouped.rows.map((row) => ({ ...row })));

		for (const categoryId of [undefined, ...company.categoryIds]) {
			const expected = await statusCounts(categoryId);
			for (const status of [undefined, ...EMPLOYEE_STATUSES]) {
				const page = await listEmployees(handle.db, company.companyId, today, { status, categoryId }, 1);
				const want = status
					? (expected[status] ?? 0)
					: Object.values(expected).reduce((sum, n) => sum + n, 0);
				expect(page.ok && page.count, `${status} ${categoryId}`).toBe(want);
			}
		}
	});

	it("folds a name in SQL exactly as a search folds it", async () => {
		const [row] = (
			await handle.client.execute({
				sql: "SELECT id, person_id FROM affiliations WHERE company_id = :c ORDER BY id DESC LIMIT 1",
				args: { c: company.companyId },
			})
		).rows;
		const names = [
			"LEFÈVRE",
			"Œuvray",
			"Nuñez",
			"Çelik",
			"Ærø",
			"Müller",
			"Gaëlle",
			"ANAÏS",
			"D'Ávila",
			"Noël",
		];
		for (const name of names) {
			await handle.client.execute({
				sql: "UPDATE persons SET last_name = :name, first_name = 'Zoé' WHERE id = :id",
				args: { name, id: Number(row?.person_id) },
			});
			const stored = await handle.client.execute({
				sql: "SELECT name_key, first_name_key FROM employee_directory WHERE affiliation_id = :id",
				args: { id: Number(row?.id) },
			});
			expect(stored.rows[0]?.name_key, name).toBe(foldName(`${name} Zoé`));
			expect(stored.rows[0]?.first_name_key, name).toBe(foldName(`Zoé ${name}`));
		}
	});
});
