// `/api/v1/employeur/...` with a bearer token of the demo employer 2000000001 (authenticator code):
// the same services as the pages, scoped by the company, in the OpenAPI document.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../../db/client.ts";
import { demoAccount } from "../../../../tests/support/demo.ts";
import { apiTokenOfDemoEmployer } from "../../../../tests/support/employer-testing.ts";
import { apiTokenOfDemoMember, createSeededTestApp } from "../../../../tests/support/route-testing.ts";
import type { App } from "../../../app.tsx";

const NOW = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;
let app: App;
let token: string;
let companyId: number;
let otherCompanyId: number;

const json = { "Content-Type": "application/json" };
const get = (path: string, bearer: string | null = token) =>
	app.request(`/api/v1${path}`, { headers: bearer ? { Authorization: `Bearer ${bearer}` } : {} });

async function rows(sql: string, args: Record<string, string | number> = {}) {
	return (await handle.client.execute({ sql, args })).rows;
}

beforeAll(async () => {
	({ handle, app } = await createSeededTestApp({ scale: 1, now: NOW }));
	token = await apiTokenOfDemoEmployer(app, "employeur1", NOW);
	companyId = (await demoAccount(handle.db, "employeur1")).companyId ?? 0;
	otherCompanyId = (await demoAccount(handle.db, "employeur2")).companyId ?? 0;
}, 120_000);
afterAll(() => handle?.client.close());

describe("the espace employeur in the API", () => {
	it("answers 401 without a session and 403 to a member", async () => {
		expect((await get("/employeur/salaries", null)).status).toBe(401);
		const member = await apiTokenOfDemoMember(app, handle.db, "adherent1");
		expect((await get("/employeur/tableau-de-bord", member)).status).toBe(403);
	});

	it("gives the dashboard's figures", async () => {
		const response = await get("/employeur/tableau-de-bord");
		expect(response.status).toBe(200);
		const body = (await response.json()) as { company: { name: string }; headcounts: { dispensed: number } };
		expect(body.company.name).toBe("Les Ateliers du Rhône SAS");
		expect(body.headcounts.dispensed).toBe(3);
	});

	it("searches, filters and pages the employees, with French messages for wrong criteria", async () => {
		const all = (await (await get("/employeur/salaries")).json()) as {
			count: number;
			employees: { id: number }[];
		};
		const [total] = await rows("SELECT count(*) AS n FROM affiliations WHERE company_id = :c", {
			c: companyId,
		});
		expect(all.count).toBe(Number(total?.n));
		expect(all.employees).toHaveLength(25);
		const dispensed = (await (await get("/employeur/salaries?statut=dispense")).json()) as { count: number };
		expect(dispensed.count).toBe(3);
		const wrong = await get("/employeur/salaries?statut=vip");
		expect(wrong.status).toBe(400);
		expect(JSON.stringify(await wrong.json())).toContain("Choisissez un statut dans la liste.");
		expect((await get("/employeur/salaries?salaire=1")).status).toBe(400);
		expect((await get("/employeur/salaries?page=99")).status).toBe(404);
	});

	it("shows an employee and a statement of the company, and 404 for another company's", async () => {
		const [mine] = await rows("SELECT id FROM affiliations WHERE company_id = :c LIMIT 1", { c: companyId });
		const [theirs] = await rows("SELECT id FROM affiliations WHERE company_id = :c LIMIT 1", {
			c: otherCompanyId,
		});
		const employee = (await (await get(`/employeur/salaries/${mine?.id}`)).json()) as Record<string, unknown>;
		expect(employee).toHaveProperty("beneficiaryCount");
		expect(employee).not.toHaveProperty("nir");
		expect((await get(`/employeur/salaries/${theirs?.id}`)).status).toBe(404);
		const [statement] = await rows(
			"SELECT id, total_cents FROM contribution_statements WHERE company_id = :c LIMIT 1",
			{
				c: companyId,
			},
		);
		const [foreign] = await rows("SELECT id FROM contribution_statements WHERE company_id = :c LIMIT 1", {
			c: otherCompanyId,
		});
		const detail = (await (await get(`/employeur/bordereaux/${statement?.id}`)).json()) as {
			lines: { amountCents: number }[];
			statement: { totalCents: number };
		};
		expect(detail.lines.reduce((sum, line) => sum + line.amountCents, 0)).toBe(detail.statement.totalCents);
		expect((await get(`/employeur/bordereaux/${foreign?.id}`)).status).toBe(404);
		const list = (await (await get("/employeur/bordereaux")).json()) as { statements: unknown[] };
		expect(list.statements.length).toBeGreaterThan(10);
	});

	it("records the end of an affiliation with its portability", async () => {
		const [open] = await rows(
			"SELECT id FROM affiliations WHERE company_id = :c AND end_date IS NULL AND dispense_reason IS NULL LIMIT 1",
			{ c: companyId },
		);
		const post = (body: unknown) =>
			app.request(`/api/v1/employeur/salaries/${open?.id}/fin`, {
				method: "POST",
				headers: { ...json, Authorization: `Bearer ${token}` },
				body: JSON.stringify(body),
			});
		expect((await post({ endDate: "2026-02-30", reason: "dismissal" })).status).toBe(400);
		const ended = await post({ endDate: "2026-11-30", reason: "contract_end", contractStart: "2026-09-01" });
		expect(ended.status).toBe(200);
		expect(await ended.json()).toEqual({
			portability: { eligible: true, months: 3, from: "2026-12-01", until: "2027-02-28" },
		});
		expect((await post({ endDate: "2026-11-30", reason: "contract_end" })).status).toBe(409);
	});

	it("is described in the OpenAPI document", async () => {
		const doc = (await (await app.request("/api/v1/openapi.json")).json()) as {
			paths: Record<string, unknown>;
		};
		for (const path of [
			"/employeur/tableau-de-bord",
			"/employeur/salaries",
			"/employeur/salaries/{id}",
			"/employeur/salaries/{id}/fin",
			"/employeur/bordereaux",
			"/employeur/bordereaux/{id}",
		])
			expect(doc.paths, path).toHaveProperty(path);
	});
});
