// The CSV import of affiliations through /api/v1/employeur with a bearer token of the demo
// employers: the file as the body, the report read back, the confirmation, 404 for another
// company's import, a file refused as a whole, and the paths in the OpenAPI document.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../../db/client.ts";
import { demoAccount } from "../../../../tests/support/demo.ts";
import { apiTokenOfDemoEmployer } from "../../../../tests/support/employer-testing.ts";
import { createSeededTestApp } from "../../../../tests/support/route-testing.ts";
import type { App } from "../../../app.tsx";

const NOW = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;
let app: App;
let token: string;
let otherImportId: number;

const HEADER =
	"nir;nom;prenom;date_naissance;email;adresse;code_postal;ville;matricule;date_affiliation;categorie;option";
const FILE = [
	HEADER,
	"184127511300119;Lambert;Paul;1984-12-02;paul.lambert@exemple.fr;1 quai Perrache;69002;Lyon;;01/12/2026;non_cadres;duo",
	"184127511300120;Clé;Fausse;1984-12-02;cle.fausse@exemple.fr;1 quai Perrache;69002;Lyon;;01/12/2026;non_cadres;duo",
].join("\n");

const call = (method: string, path: string, bearer: string, body?: string) =>
	app.request(`/api/v1/employeur${path}`, {
		method,
		headers: {
			Authorization: `Bearer ${bearer}`,
			"Content-Type": body === undefined ? "application/json" : "text/csv",
		},
		...(body === undefined ? {} : { body }),
	});

beforeAll(async () => {
	({ handle, app } = await createSeededTestApp({ scale: 1, now: NOW }));
	token = await apiTokenOfDemoEmployer(app, "employeur1", NOW);
	const otherCompanyId = (await demoAccount(handle.db, "employeur2")).companyId ?? 0;
	const [other] = (
		await handle.client.execute({
			sql: "SELECT id FROM affiliation_imports WHERE company_id = ?",
			args: [otherCompanyId],
		})
	).rows;
	otherImportId = Number(other?.id);
}, 120_000);
afterAll(() => handle?.client.close());

describe("the CSV import of affiliations in the API", () => {
	it("reads the file, reports each refused line, and affiliates the valid ones once confirmed", async () => {
		const created = await call("POST", "/affiliations/imports?fichier=salaries.csv", token, FILE);
		expect(created.status).toBe(201);
		const { id } = (await created.json()) as { id: number };
		const read = await call("GET", `/affiliations/imports/${id}`, token);
		expect(read.status).toBe(200);
		expect(await read.json()).toMatchObject({
			status: "validated",
			running: false,
			lines: 2,
			counts: { valid: 1, rejected: 1, created: 0 },
			problems: [{ line: 3, status: "rejected", reason: expect.stringContaining("nir :") }],
		});
		// The other demo company's import (demo data) is not found.
		expect((await call("GET", `/affiliations/imports/${otherImportId}`, token)).status).toBe(404);
		expect((await call("POST", `/affiliations/imports/${otherImportId}/confirmation`, token)).status).toBe(
			404,
		);
		const confirmed = await call("POST", `/affiliations/imports/${id}/confirmation`, token);
		expect(confirmed.status).toBe(200);
		const done = await call("GET", `/affiliations/imports/${id}`, token);
		expect(await done.json()).toMatchObject({ status: "done", counts: { created: 1, valid: 0 } });
		const [mail] = (
			await handle.client.execute(
				"SELECT count(*) AS n FROM outgoing_mails WHERE to_address = 'paul.lambert@exemple.fr' AND template = 'account-activation'",
			)
		).rows;
		expect(Number(mail?.n)).toBe(1);
	});

	it("refuses a file without our columns with a French reason", async () => {
		const response = await call("POST", "/affiliations/imports", token, "nom;prenom\nMartin;Léa");
		expect(response.status).toBe(400);
		expect(JSON.stringify(await response.json())).toContain("colonne(s) manquante(s) : nir");
	});

	it("is described in the OpenAPI document", async () => {
		const doc = (await (await app.request("/api/v1/openapi.json")).json()) as {
			paths: Record<string, unknown>;
		};
		for (const path of [
			"/employeur/affiliations/imports",
			"/employeur/affiliations/imports/{id}",
			"/employeur/affiliations/imports/{id}/confirmation",
		])
			expect(doc.paths, path).toHaveProperty(path);
	});
});
