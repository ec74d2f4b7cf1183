// The API's writes of the espace employeur (ADR 0034) with bearer tokens of the demo employers:
// affiliating one employee (201, the invitation e-mailed, French messages, 409 on a second time)
// and asking for a bank-details change, which needs the password and a fresh authenticator code
// besides the token (never the same code twice, 5 attempts a quarter of an hour); the demo
// « lecture » administrator refused both; both in the OpenAPI document.
import * as OTPAuth from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../../db/client.ts";
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRETS } from "../../../../demo/accounts.ts";
import { formatIban, frenchIban } from "../../../../schema/identifiers.ts";
import { demoAccount } from "../../../../tests/support/demo.ts";
import { apiTokenOfDemoEmployer } from "../../../../tests/support/employer-testing.ts";
import { createSeededTestApp, createTestApp, latestMail } from "../../../../tests/support/route-testing.ts";
import type { App } from "../../../app.tsx";

const START = new Date("2026-11-26T09:00:00Z");
let now = START;
let handle: DatabaseHandle;
let app: App;
let principal: string;
let baker: string;
let reader: string;
let companyId: number;
let bakeryId: number;
let category: number;

async function rows(sql: string, args: Record<string, string | number> = {}) {
	return (await handle.client.execute({ sql, args })).rows;
}

function post(path: string, token: string, body: unknown) {
	return app.request(`/api/v1${path}`, {
		method: "POST",
		headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
		body: JSON.stringify(body),
	});
}

/** The demo employers' authenticator code at the next step (a code is never accepted twice). */
function freshCode(): string {
	now = new Date(now.getTime() + 30_000);
	return new OTPAuth.TOTP({ secret: DEMO_TOTP_SECRETS.employeur, digits: 6, period: 30 }).generate({
		timestamp: now.getTime(),
	});
}

const affiliation = (overrides: Record<string, unknown> = {}) => ({
	nir: "295109912611193",
	lastName: "Garnier",
	firstName: "Inès",
	birthDate: "1995-10-12",
	email: "ines.garnier@exemple.fr",
	addressLine1: "3 rue des Tanneurs",
	postalCode: "69007",
	city: "Lyon",
	employeeNumber: "m00999",
	startDate: "2026-12-01",
	categoryId: category,
	option: "famille",
	...overrides,
});

const NEW_IBAN = frenchIban("30004", "00828", "00012345678");
const bankChange = (overrides: Record<string, unknown> = {}) => ({
	iban: formatIban(NEW_IBAN),
	bic: "BNPAFRPP",
	holderName: "BOULANGERIE LEFEVRE",
	password: DEMO_ACCOUNTS.employeur2.password,
	totpCode: freshCode(),
	...overrides,
});

beforeAll(async () => {
	const seeded = await createSeededTestApp({ scale: 1, now: START });
	handle = seeded.handle;
	app = createTestApp({
		db: handle.db,
		clock: () => now,
		pepper: "test-pepper-long-enough-for-the-config-check",
	});
	principal = await apiTokenOfDemoEmployer(app, "employeur1", now);
	baker = await apiTokenOfDemoEmployer(app, "employeur2", now);
	reader = await apiTokenOfDemoEmployer(app, "employeurLecture", now);
	companyId = (await demoAccount(handle.db, "employeur1")).companyId ?? 0;
	bakeryId = (await demoAccount(handle.db, "employeur2")).companyId ?? 0;
	const [row] = await rows(
		`SELECT c.id FROM group_contract_categories c JOIN group_contracts g ON g.id = c.group_contract_id
		WHERE g.company_id = :c ORDER BY c.id LIMIT 1`,
		{ c: companyId },
	);
	category = Number(row?.id);
}, 120_000);
afterAll(() => handle?.client.close());

describe("affiliating an employee through the API", () => {
	it("affiliates, answers 201 with the employee's address in the API and e-mails the invitation", async () => {
		const response = await post("/employeur/salaries", principal, affiliation());
		expect(response.status).toBe(201);
		const body = (await response.json()) as { id: number; url: string };
		expect(body.url).toBe(`/api/v1/employeur/salaries/${body.id}`);
		const detail = await app.request(body.url, { headers: { Authorization: `Bearer ${principal}` } });
		expect(((await detail.json()) as { lastName: string }).lastName).toBe("Garnier");
		const mail = await latestMail(handle.db, "ines.garnier@exemple.fr", "account-activation");
		expect(mail?.textBody).toMatch(/\/compte\/activer\?jeton=/);
		const [audit] = await rows(
			"SELECT account_id FROM audit_events WHERE action = 'employeur.affiliation.created' AND object_id = :id",
			{ id: String(body.id) },
		);
		expect(Number(audit?.account_id)).toBe((await demoAccount(handle.db, "employeur1")).id);
	});

	it("refuses bad input with French messages, unknown keys, a second affiliation and another company's category", async () => {
		const bad = await post(
			"/employeur/salaries",
			principal,
			affiliation({ nir: "295109912611194", birthDate: "1995-02-30" }),
		);
		expect(bad.status).toBe(400);
		const fields = ((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields;
		expect(fields.nir).toContain("numéro de sécurité sociale");
		expect(fields.birthDate).toBe("Indiquez la date de naissance (AAAA-MM-JJ).");
		expect((await post("/employeur/salaries", principal, affiliation({ vip: true }))).status).toBe(400);
		const twice = await post("/employeur/salaries", principal, affiliation());
		expect(twice.status).toBe(409);
		const [bakeryCategory] = await rows(
			`SELECT c.id FROM group_contract_categories c JOIN group_contracts g ON g.id = c.group_contract_id
			WHERE g.company_id = :c LIMIT 1`,
			{ c: bakeryId },
		);
		const foreign = await post(
			"/employeur/salaries",
			principal,
			affiliation({
				nir: "185057512345673",
				birthDate: "1985-05-01",
				categoryId: Number(bakeryCategory?.id),
			}),
		);
		expect(foreign.status).toBe(400);
	});
});

describe("asking for a bank-details change through the API", () => {
	it("needs a fresh authenticator code and the password besides the token, and changes nothing otherwise", async () => {
		const pending = () =>
			rows("SELECT id FROM bank_detail_changes WHERE company_id = :c AND status = 'pending'", {
				c: bakeryId,
			});
		expect(await pending()).toHaveLength(0);
		const { totpCode: _code, ...withoutCode } = bankChange();
		expect((await post("/employeur/coordonnees-bancaires", baker, withoutCode)).status).toBe(400);
		const wrongCode = await post(
			"/employeur/coordonnees-bancaires",
			baker,
			bankChange({ totpCode: "000000" }),
		);
		expect(wrongCode.status).toBe(400);
		expect(((await wrongCode.json()) as { error: { message: string } }).error.message).toContain(
			"application d'authentification",
		);
		const wrongPassword = await post(
			"/employeur/coordonnees-bancaires",
			baker,
			bankChange({ password: "pas le bon mot de passe" }),
		);
		expect(wrongPassword.status).toBe(400);
		expect(await pending()).toHaveLength(0);
		const code = freshCode();
		const done = await post("/employeur/coordonnees-bancaires", baker, bankChange({ totpCode: code }));
		expect(done.status).toBe(202);
		const body = (await done.json()) as { changeId: number; effectiveAt: string };
		expect(new Date(body.effectiveAt).getTime() - now.getTime()).toBe(48 * 3600_000);
		expect(await pending()).toHaveLength(1);
		// The same code again is refused; a second change waits for the first to end; each is an attempt.
		const replay = await post("/employeur/coordonnees-bancaires", baker, bankChange({ totpCode: code }));
		expect(replay.status).toBe(400);
		expect((await post("/employeur/coordonnees-bancaires", baker, bankChange())).status).toBe(409);
		// The 6th attempt of the quarter of an hour.
		const limited = await post("/employeur/coordonnees-bancaires", baker, bankChange());
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
	});
});

describe("roles in the API's writes", () => {
	it("refuses both writes to the demo « lecture » administrator (403), changing nothing", async () => {
		const before = await rows("SELECT count(*) AS n FROM affiliations WHERE company_id = :c", {
			c: companyId,
		});
		const affiliate = await post(
			"/employeur/salaries",
			reader,
			affiliation({ nir: "185057512345673", birthDate: "1985-05-01" }),
		);
		expect(affiliate.status).toBe(403);
		expect(((await affiliate.json()) as { error: { message: string } }).error.message).toContain(
			"ne permet pas cette action",
		);
		expect((await post("/employeur/coordonnees-bancaires", reader, bankChange())).status).toBe(403);
		const after = await rows("SELECT count(*) AS n FROM affiliations WHERE company_id = :c", {
			c: companyId,
		});
		expect(after[0]?.n).toBe(before[0]?.n);
	});

	it("describes both writes in the OpenAPI document", async () => {
		const doc = (await (await app.request("/api/v1/openapi.json")).json()) as {
			paths: Record<string, Record<string, unknown>>;
			components: { schemas: Record<string, { required?: string[] }> };
		};
		expect(doc.paths["/employeur/salaries"]?.post).toBeDefined();
		expect(doc.paths["/employeur/coordonnees-bancaires"]?.post).toBeDefined();
		expect(doc.components.schemas.BankChangeRequest?.required).toEqual(
			expect.arrayContaining(["password", "totpCode", "iban", "bic"]),
		);
	});
});
