import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../core/password.ts";
import { createDatabase, type DatabaseHandle } from "../db/client.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { isValidIban, isValidNir, isValidSiren, isValidSiret } from "../schema/identifiers.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORDS, DEMO_TOTP_SECRETS } from "./accounts.ts";
import { isDatabaseEmpty, type SeedReport, seedDatabase } from "./seed.ts";

const OPTIONS = {
	scale: 1,
	seed: 42,
	pepper: "test-pepper-of-at-least-32-characters",
	now: new Date("2026-11-26T09:00:00.000Z"),
};

let first: DatabaseHandle;
let second: DatabaseHandle;
let report: SeedReport;

async function fresh(): Promise<DatabaseHandle> {
	const handle = createDatabase({ url: ":memory:" });
	await handle.ready;
	await migrateDatabase(handle.db);
	return handle;
}

async function rows<T = Record<string, unknown>>(
	handle: DatabaseHandle,
	sql: string,
	args: (string | number)[] = [],
): Promise<T[]> {
	return (await handle.client.execute({ sql, args })).rows as unknown as T[];
}

async function count(handle: DatabaseHandle, sql: string, args: (string | number)[] = []): Promise<number> {
	const [row] = await rows<{ n: number }>(handle, sql, args);
	return Number(row?.n ?? 0);
}

beforeAll(async () => {
	first = await fresh();
	second = await fresh();
	expect(await isDatabaseEmpty(first.db)).toBe(true);
	report = await seedDatabase(first.db, OPTIONS);
	await seedDatabase(second.db, OPTIONS);
}, 60_000);

afterAll(() => {
	first?.client.close();
	second?.client.close();
});

describe("seed at scale 1", () => {
	it("produces a small but rich population", async () => {
		expect(report).toMatchObject({ members: 200, companies: 12, professionals: 100 });
		expect(await count(first, "SELECT count(*) AS n FROM members")).toBe(200);
		expect(await count(first, "SELECT count(*) AS n FROM companies")).toBe(12);
		expect(await count(first, "SELECT count(*) AS n FROM professionals")).toBe(100);
		expect(await count(first, "SELECT count(*) AS n FROM prestations")).toBeGreaterThan(10_000);
		expect(await count(first, "SELECT count(DISTINCT profession) AS n FROM professionals")).toBe(11);
		expect(await isDatabaseEmpty(first.db)).toBe(false);
	});

	it("creates every demo account, active, with CGU 1.0 accepted and the right second factor", async () => {
		for (const account of Object.values(DEMO_ACCOUNTS)) {
			const [row] = await rows<{
				space: string;
				state: string;
				email: string;
				totp_secret: string | null;
				totp_enabled: number;
				version: string;
			}>(
				first,
				`SELECT a.space, a.state, a.email, a.totp_secret, a.totp_enabled, c.version
				 FROM accounts a JOIN cgu_acceptances c ON c.account_id = a.id WHERE a.identifier = ?`,
				[account.identifier],
			);
			expect(row, account.identifier).toMatchObject({
				space: account.space,
				state: "active",
				email: account.email,
				version: "1.0",
			});
			expect(row?.totp_secret ?? null).toBe(account.totpSecret);
			expect(Boolean(row?.totp_enabled)).toBe(account.totpSecret !== null);
		}
		expect(DEMO_ACCOUNTS.employeur1.totpSecret).toBe(DEMO_TOTP_SECRETS.employeur);
	});

	it("hashes the demo passwords with the pepper", async () => {
		const [row] = await rows<{ password_hash: string }>(
			first,
			"SELECT password_hash FROM accounts WHERE identifier = ?",
			["1000000001"],
		);
		const hash = row?.password_hash ?? "";
		expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(await verifyPassword(hash, DEMO_PASSWORDS.adherent, OPTIONS.pepper)).toBe(true);
		expect(await verifyPassword(hash, DEMO_PASSWORDS.adherent, "another-pepper")).toBe(false);
	});

	it("gives the demo adherent a family of 4 and ten years of history with statements", async () => {
		const memberId = `(SELECT member_id FROM accounts WHERE identifier = '1000000001')`;
		expect(await count(first, `SELECT count(*) AS n FROM beneficiaries WHERE member_id = ${memberId}`)).toBe(
			4,
		);
		const [span] = await rows<{ first: string; last: string }>(
			first,
			`SELECT min(care_date) AS first, max(care_date) AS last FROM prestations WHERE member_id = ${memberId}`,
		);
		expect(span?.first && span.first < "2017-06-01").toBe(true);
		expect(span?.last && span.last > "2026-01-01").toBe(true);
		expect(
			await count(first, `SELECT count(*) AS n FROM statements WHERE member_id = ${memberId}`),
		).toBeGreaterThan(50);
	});

	it("generates only valid NIR, SIREN, SIRET and IBAN", async () => {
		const nirs = await rows<{ nir: string }>(first, "SELECT nir FROM persons WHERE nir IS NOT NULL");
		expect(nirs.length).toBeGreaterThan(500);
		expect(nirs.filter((row) => !isValidNir(row.nir))).toEqual([]);
		const companies = await rows<{ siren: string; siret: string }>(
			first,
			"SELECT siren, siret FROM companies",
		);
		expect(companies.filter((row) => !isValidSiren(row.siren) || !isValidSiret(row.siret))).toEqual([]);
		const ibans = await rows<{ iban: string }>(
			first,
			`SELECT reimbursement_iban AS iban FROM individual_contracts UNION ALL SELECT iban FROM bank_mandates
			 UNION ALL SELECT new_iban FROM bank_detail_changes`,
		);
		expect(ibans.length).toBeGreaterThan(200);
		expect(ibans.filter((row) => !isValidIban(row.iban))).toEqual([]);
	});

	it("makes every prestation add up: charged = RO + AMC + RAC, RO = BR × rate − deductions, RAC ≥ deductions", async () => {
		expect(
			await count(
				first,
				`SELECT count(*) AS n FROM prestations WHERE
				   ss_paid_cents + mutuelle_cents + remaining_cents <> charged_cents
				   OR ss_paid_cents + participation_forfaitaire_cents + franchise_cents <> min((base_cents * ss_rate_bp + 5000) / 10000, charged_cents)
				   OR remaining_cents < participation_forfaitaire_cents + franchise_cents
				   OR min(ss_paid_cents, mutuelle_cents, remaining_cents) < 0`,
			),
		).toBe(0);
	});

	it("keeps statements, payments and invoices consistent with their lines", async () => {
		expect(
			await count(
				first,
				`SELECT count(*) AS n FROM statements s JOIN (
				   SELECT statement_id, count(*) AS lines, sum(charged_cents) AS charged, sum(mutuelle_cents) AS mutuelle
				   FROM prestations WHERE statement_id IS NOT NULL GROUP BY statement_id) p ON p.statement_id = s.id
				 WHERE p.lines <> s.line_count OR p.charged <> s.charged_cents OR p.mutuelle <> s.mutuelle_cents`,
			),
		).toBe(0);
		expect(
			await count(
				first,
				`SELECT count(*) AS n FROM member_payments m JOIN (
				   SELECT member_payment_id, sum(mutuelle_cents) AS amount FROM prestations WHERE member_payment_id IS NOT NULL GROUP BY 1
				 ) p ON p.member_payment_id = m.id WHERE p.amount <> m.amount_cents`,
			),
		).toBe(0);
		expect(
			await count(
				first,
				`SELECT count(*) AS n FROM professional_payments p JOIN (
				   SELECT payment_id, sum(amount_cents) AS amount, count(*) AS invoices FROM payment_invoices GROUP BY 1
				 ) l ON l.payment_id = p.id WHERE l.amount <> p.amount_cents OR l.invoices <> p.invoice_count`,
			),
		).toBe(0);
		expect(
			await count(
				first,
				"SELECT count(*) AS n FROM tp_invoices WHERE status = 'payee' AND id NOT IN (SELECT invoice_id FROM payment_invoices)",
			),
		).toBe(0);
		const labels = await rows<{ rejection_label: string }>(
			first,
			"SELECT DISTINCT rejection_label FROM tp_invoices WHERE status = 'rejetee'",
		);
		expect(labels.map((row) => row.rejection_label)).toEqual(
			expect.arrayContaining(["Bénéficiaire inconnu", "Facture en doublon"]),
		);
		expect(
			await count(
				first,
				"SELECT count(*) AS n FROM tp_invoices WHERE professional_id = 1 AND status = 'payee'",
			),
		).toBeGreaterThan(20);
		expect(
			await count(first, "SELECT count(*) AS n FROM professional_payments WHERE professional_id = 1"),
		).toBeGreaterThan(10);
	});

	it("gives the demo employer ended affiliations, portabilité, dispenses, statements and a pending bank change", async () => {
		const company = `(SELECT company_id FROM accounts WHERE identifier = '2000000001')`;
		expect(
			await count(
				first,
				`SELECT count(*) AS n FROM affiliations WHERE company_id = ${company} AND end_date IS NULL AND option IS NOT NULL`,
			),
		).toBe(57);
		expect(
			await count(
				first,
				`SELECT count(*) AS n FROM affiliations WHERE company_id = ${company} AND dispense_reason IS NOT NULL`,
			),
		).toBe(3);
		expect(
			await count(
				first,
				`SELECT count(*) AS n FROM affiliations WHERE company_id = ${company} AND portability_end_date > '2026-11-26'`,
			),
		).toBeGreaterThanOrEqual(2);
		expect(
			await count(first, `SELECT count(*) AS n FROM contribution_statements WHERE company_id = ${company}`),
		).toBe(36);
		expect(
			await count(
				first,
				`SELECT count(*) AS n FROM bank_mandates WHERE company_id = ${company} AND status = 'active'`,
			),
		).toBe(1);
		expect(
			await count(
				first,
				`SELECT count(*) AS n FROM bank_detail_changes WHERE company_id = ${company} AND status = 'pending'`,
			),
		).toBe(1);
		expect(
			await count(
				first,
				"SELECT count(*) AS n FROM contribution_lines WHERE employer_cents * 2 < amount_cents",
			),
		).toBe(0);
	});

	it("gives the same rows for the same seed", async () => {
		const tables = await rows<{ name: string }>(
			first,
			"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_\\_%' ESCAPE '\\' ORDER BY name",
		);
		expect(tables.length).toBeGreaterThan(40);
		for (const { name } of tables) {
			const digest = async (handle: DatabaseHandle) =>
				createHash("sha256")
					.update(
						JSON.stringify((await handle.client.execute(`SELECT * FROM "${name}" ORDER BY rowid`)).rows),
					)
					.digest("hex");
			expect(await digest(second), name).toBe(await digest(first));
		}
	});

	it("refuses to seed a database that already holds data", async () => {
		await expect(seedDatabase(first.db, OPTIONS)).rejects.toThrow(/déjà des données/);
	});
});
