// A company of any size (the 20 000 employees) written straight into a test database:
// one group contract with two categories, employees with varied names, NIR and internal numbers,
// 5 % dispensed, 10 % gone (a third of them still in portabilité). For the list's speed tests
// and its benchmark; the demo seed's own companies are smaller at the scales tests use.
import type { Client } from "@libsql/client";

const LAST_NAMES = [
	"Martin",
	"Bernard",
	"Thomas",
	"Petit",
	"Robert",
	"Richard",
	"Durand",
	"Dubois",
	"Moreau",
	"Laurent",
	"Simon",
	"Michel",
	"Lefèvre",
	"Leroy",
	"Roux",
	"David",
	"Bertrand",
	"Morel",
	"Fournier",
	"Girard",
	"Bonnet",
	"Dupont",
	"Lambert",
	"Fontaine",
	"Rousseau",
	"Vincent",
	"Muller",
	"Lefebvre",
	"Faure",
	"André",
	"Mercier",
	"Blanc",
	"Guérin",
	"Boyer",
	"Garnier",
	"Chevalier",
	"François",
	"Legrand",
	"Gauthier",
	"Garcia",
	"Perrin",
	"Robin",
	"Clément",
	"Morin",
	"Nicolas",
	"Henry",
	"Roussel",
	"Mathieu",
	"Gautier",
	"Masson",
];
const FIRST_NAMES = [
	"Camille",
	"Léa",
	"Manon",
	"Chloé",
	"Inès",
	"Jade",
	"Louise",
	"Emma",
	"Alice",
	"Lina",
	"Lucas",
	"Hugo",
	"Louis",
	"Gabriel",
	"Arthur",
	"Jules",
	"Adam",
	"Raphaël",
	"Nathan",
	"Paul",
];

export interface LargeCompany {
	readonly companyId: number;
	readonly categoryIds: readonly [number, number];
}

/** Writes the company and its employees; `today` (`YYYY-MM-DD`) dates the departures. */
export async function addLargeCompany(client: Client, size: number, today: string): Promise<LargeCompany> {
	const now = Date.parse(`${today}T08:00:00Z`);
	const ids = await client.execute(
		`SELECT coalesce(max(id), 0) + 1 AS company, (SELECT coalesce(max(id), 0) + 1 FROM group_contracts) AS contract,
			(SELECT coalesce(max(id), 0) + 1 FROM group_contract_categories) AS category,
			(SELECT coalesce(max(id), 0) + 1 FROM offers) AS offer,
			(SELECT coalesce(max(id), 0) FROM persons) AS person FROM companies`,
	);
	const row = ids.rows[0];
	if (!row) throw new Error("no row");
	const company = Number(row.company);
	const contract = Number(row.contract);
	const category = Number(row.category);
	const personBase = Number(row.person);
	let offer = Number(row.offer);
	const existing = await client.execute("SELECT id FROM offers ORDER BY id LIMIT 1");
	if (existing.rows[0]) offer = Number(existing.rows[0].id);
	const siren = String(990_000_000 + company).slice(0, 9);
	const statements = [
		...(existing.rows[0]
			? []
			: [
					{
						sql: "INSERT INTO offers (id, code, label, kind, responsible, sort_order) VALUES (?, 'GRANDE_ENTREPRISE', 'Entreprise', 'collective', 1, 0)",
						args: [offer],
					},
				]),
		{
			sql: `INSERT INTO companies (id, siren, siret, name, address_line1, postal_code, city, email, created_at, updated_at)
				VALUES (?, ?, ?, 'Grande Entreprise SA', '1 place de la Défense', '92400', 'Courbevoie', 'rh@grande.test', ?, ?)`,
			args: [company, siren, `${siren}00018`, now, now],
		},
		{
			sql: `INSERT INTO group_contracts (id, number, company_id, start_date, contribution_periodicity, payment_day, created_at, updated_at)
				VALUES (?, ?, ?, '2015-01-01', 'monthly', 10, ?, ?)`,
			args: [contract, `GC9${String(contract).padStart(7, "0")}`, company, now, now],
		},
		{
			sql: `INSERT INTO group_contract_categories (id, group_contract_id, category, label, offer_id, employer_share_bp, basis, isole_value, duo_value, famille_value)
				VALUES (?, ?, 'cadres', 'Cadres', ?, 6000, 'pmss_percent', 150, 270, 380),
					(?, ?, 'non_cadres', 'Non-cadres', ?, 6000, 'pmss_percent', 105, 190, 270)`,
			args: [category, contract, offer, category + 1, contract, offer],
		},
		{
			// n from 1 to size: names, NIR and dates spread deterministically.
			sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
				INSERT INTO persons (id, last_name, first_name, birth_date, sex, nir, created_at, updated_at)
				SELECT ? + i, json_extract(?, '$[' || (i * 7 % 50) || ']') || CASE WHEN i % 3 = 0 THEN '' ELSE '-' || (i % 97) END,
					json_extract(?, '$[' || (i * 11 % 20) || ']'),
					date('1960-01-01', '+' || (i * 37 % 14000) || ' days'), CASE i % 2 WHEN 0 THEN 'F' ELSE 'M' END,
					(1 + i % 2) || printf('%014d', (i * 7919003) % 100000000000000), ?, ? FROM n`,
			args: [size, personBase, JSON.stringify(LAST_NAMES), JSON.stringify(FIRST_NAMES), now, now],
		},
		{
			sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
				INSERT INTO affiliations (company_id, group_contract_id, category_id, person_id, employee_number, option,
					start_date, end_date, end_reason, portability_end_date, dispense_reason, dispense_requested_on, created_at, updated_at)
				SELECT ?, ?, CASE WHEN i % 4 = 0 THEN ? ELSE ? END, ? + i, 'E' || printf('%06d', i),
					CASE WHEN i % 20 = 0 THEN NULL ELSE json_extract('["isole","duo","famille"]', '$[' || (i % 3) || ']') END,
					date('2015-01-01', '+' || (i * 13 % 3000) || ' days'),
					CASE WHEN i % 10 = 1 THEN date(?, '-' || (1 + i % 400) || ' days') END,
					CASE WHEN i % 10 = 1 THEN CASE WHEN i % 30 = 1 THEN 'dismissal' ELSE 'resignation' END END,
					CASE WHEN i % 30 = 1 THEN date(?, '-' || (1 + i % 400) || ' days', '+12 months') END,
					CASE WHEN i % 20 = 0 THEN 'fixed_term_contract' END,
					CASE WHEN i % 20 = 0 THEN date('2015-01-01', '+' || (i * 13 % 3000) || ' days') END, ?, ? FROM n`,
			args: [size, company, contract, category, category + 1, personBase, today, today, now, now],
		},
	];
	await client.batch(statements, "write");
	return { companyId: company, categoryIds: [category, category + 1] };
}
