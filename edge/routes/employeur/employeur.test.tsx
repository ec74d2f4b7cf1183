// The espace employeur on a seeded database, signed in through the real forms as the demo
// employer 2000000001 (Les Ateliers du Rhône SAS, 60 employees, two categories) and 2000000002
// (Boulangerie Lefèvre): the guard, the dashboard, the employees, the statements (page, PDF read
// back with poppler, CSV) and the contract, each scoped by the company.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foldName } from "../../../core/employeur/name-key.ts";
import type { DatabaseHandle } from "../../../db/client.ts";
import { demoAccount } from "../../../tests/support/demo.ts";
import { signInDemoEmployer } from "../../../tests/support/employer-testing.ts";
import { pdfText } from "../../../tests/support/pdf.ts";
import {
	createSeededTestApp,
	formPost,
	signInDemoMember,
	withCookie,
} from "../../../tests/support/route-testing.ts";
import type { App } from "../../app.tsx";
import { labelTableCells } from "../../views/stacked-tables.ts";

const now = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;
let app: App;
let employer: string;
let otherEmployer: string;
let companyId: number;
let otherCompanyId: number;

async function rows(sql: string, args: Record<string, string | number> = {}) {
	return (await handle.client.execute({ sql, args })).rows;
}

async function page(path: string, cookie = employer): Promise<{ status: number; html: string }> {
	const response = await app.request(path, withCookie(cookie));
	return { status: response.status, html: await response.text() };
}

beforeAll(async () => {
	({ handle, app } = await createSeededTestApp({ scale: 1, now }));
	employer = await signInDemoEmployer(app, "employeur1", now);
	otherEmployer = await signInDemoEmployer(app, "employeur2", now);
	companyId = (await demoAccount(handle.db, "employeur1")).companyId ?? 0;
	otherCompanyId = (await demoAccount(handle.db, "employeur2")).companyId ?? 0;
}, 120_000);
afterAll(() => handle?.client.close());

describe("the guard of the espace employeur", () => {
	it("sends a visitor to the sign-in page", async () => {
		const response = await app.request("/employeur/salaries");
		expect(response.status).toBe(303);
		expect(response.headers.get("Location")).toBe("/connexion?next=%2Femployeur%2Fsalaries");
	});

	it("answers 403 to a member, on every page and file", async () => {
		const member = await signInDemoMember(app, handle.db, "adherent1");
		for (const path of [
			"/employeur",
			"/employeur/salaries",
			"/employeur/bordereaux",
			"/employeur/contrat.pdf",
		])
			expect((await page(path, member)).status, path).toBe(403);
	});
});

describe("the tableau de bord", () => {
	it("shows the company, its contract, today's headcounts, the last statements and the pending actions", async () => {
		const response = await app.request("/employeur", withCookie(employer));
		expect(response.status).toBe(200);
		expect(response.headers.get("Cache-Control")).toBe("no-store");
		const html = await response.text();
		const [counts] = await rows(
			`SELECT sum(dispense_reason IS NULL AND end_date IS NULL) AS covered,
				sum(dispense_reason IS NOT NULL) AS dispensed,
				sum(end_date < '2026-11-26' AND portability_end_date >= '2026-11-26') AS portability
			FROM affiliations WHERE company_id = :company`,
			{ company: companyId },
		);
		expect(Number(counts?.dispensed)).toBe(3);
		expect(Number(counts?.portability)).toBeGreaterThanOrEqual(2);
		for (const text of [
			"Les Ateliers du Rhône SAS",
			"Contrat n° GC",
			`<strong>${counts?.covered}</strong>`,
			`<strong>${counts?.portability}</strong>`,
			"<strong>3</strong>",
			"Salariés couverts",
			"Derniers bordereaux de cotisations",
			"Payé le",
			"Changement de coordonnées bancaires en attente",
		])
			expect(html, text).toContain(text);
		// No health data: no reimbursement, no care, nobody's family.
		const main = html.slice(html.indexOf("<main"), html.indexOf("</main>"));
		for (const text of ["emboursement", "Bénéficiaire", "soins"]) expect(main).not.toContain(text);
	});

	it("shows the other company its own figures only", async () => {
		const { html } = await page("/employeur", otherEmployer);
		expect(html).toContain("Boulangerie Lefèvre");
		expect(html).not.toContain("Les Ateliers du Rhône");
		expect(html).toContain("Aucune action en attente.");
	});
});

describe("the employees", () => {
	it("lists the company's employees by name, 25 to a page, with their status", async () => {
		const [total] = await rows("SELECT count(*) AS n FROM affiliations WHERE company_id = :c", {
			c: companyId,
		});
		const { status, html } = await page("/employeur/salaries");
		expect(status).toBe(200);
		expect(html).toContain(`${total?.n} salariés, page 1 sur ${Math.ceil(Number(total?.n) / 25)}`);
		expect(html.match(/href="\/employeur\/salaries\/\d+"/g)).toHaveLength(25);
		// In the order of the folded « nom prénom » (accents ignored: « Loïc » before « Longin »).
		const names = [...html.matchAll(/href="\/employeur\/salaries\/\d+">([^<]+)</g)].map((m) =>
			foldName((m[1] ?? "").replaceAll("&#39;", "'")),
		);
		expect(names).toEqual([...names].sort());
		expect((await page("/employeur/salaries?page=2")).html).toContain("page 2 sur");
	});

	// The page skips the generic rewrite of its tables (renderPage's tablesLabelled, ADR 0048): it
	// must already be what that rewrite would make of it, every cell labelled, to the byte.
	it("labels its table's cells itself, exactly as the stacked-table rewrite would", async () => {
		for (const path of ["/employeur/salaries", "/employeur/salaries?statut=portabilite&tri=entree&page=1"]) {
			const { status, html } = await page(path);
			expect(status, path).toBe(200);
			expect(labelTableCells(html), path).toBe(html);
			const table = /<tbody>[\s\S]*?<\/tbody>/.exec(html)?.[0] ?? "";
			const rowCount = table.match(/<tr>/g)?.length ?? 0;
			expect(rowCount, path).toBeGreaterThan(0);
			expect(table.match(/<t[dh]\b/g)?.length, path).toBe(rowCount * 7);
			expect(table.match(/ data-label="/g)?.length, path).toBe(rowCount * 7);
			const unlabelled = html.replaceAll(/ data-label="[^"]*"/g, "");
			expect(labelTableCells(unlabelled), path).toBe(html);
		}
	});

	it("finds an employee by name, by the last 4 digits of the NIR and by the internal number", async () => {
		const [employee] = await rows(
			`SELECT a.id, p.last_name, p.first_name, substr(p.nir, 12, 4) AS last4, a.employee_number
			FROM affiliations a JOIN persons p ON p.id = a.person_id WHERE a.company_id = :c ORDER BY a.id LIMIT 1`,
			{ c: companyId },
		);
		const link = `href="/employeur/salaries/${employee?.id}"`;
		for (const q of [
			String(employee?.last_name),
			String(employee?.last_name).toLowerCase().slice(0, 4),
			`${employee?.first_name} ${employee?.last_name}`,
			String(employee?.last4),
			String(employee?.employee_number),
		]) {
			const { status, html } = await page(`/employeur/salaries?q=${encodeURIComponent(q)}`);
			expect(status, q).toBe(200);
			expect(html, q).toContain(link);
		}
		expect((await page("/employeur/salaries?q=Zzzyx")).html).toContain("Aucun salarié ne correspond");
	});

	it("filters by status and category, and sorts by internal number", async () => {
		const dispensed = await page("/employeur/salaries?statut=dispense");
		expect(dispensed.html).toContain("3 salariés.");
		const portability = await page("/employeur/salaries?statut=portabilite");
		expect(portability.html).toContain("En portabilité");
		expect(portability.html).not.toContain('<td data-label="Statut">Couvert</td>');
		const [cadres] = await rows(
			`SELECT c.id, (SELECT count(*) FROM affiliations a WHERE a.category_id = c.id) AS n
			FROM group_contract_categories c JOIN group_contracts g ON g.id = c.group_contract_id
			WHERE g.company_id = :c AND c.category = 'cadres'`,
			{ c: companyId },
		);
		const filtered = await page(`/employeur/salaries?categorie=${cadres?.id}`);
		expect(filtered.html).toContain(`${cadres?.n} salariés`);
		expect(filtered.html).not.toContain('<td data-label="Catégorie">Non-cadres</td>');
		const sorted = await page("/employeur/salaries?tri=numero&ordre=desc");
		const numbers = [...sorted.html.matchAll(/<td data-label="Matricule">(M\d{5})<\/td>/g)].map((m) => m[1]);
		expect(numbers).toHaveLength(25);
		expect(numbers).toEqual([...numbers].sort().reverse());
	});

	it("answers a wrong criterion with a French message, an unknown one, and a page past the last", async () => {
		const wrong = await page("/employeur/salaries?statut=vip");
		expect(wrong.status).toBe(400);
		expect(wrong.html).toContain("Choisissez un statut dans la liste.");
		const [foreign] = await rows(
			`SELECT c.id FROM group_contract_categories c JOIN group_contracts g ON g.id = c.group_contract_id
			WHERE g.company_id = :c`,
			{ c: otherCompanyId },
		);
		const foreignCategory = await page(`/employeur/salaries?categorie=${foreign?.id}`);
		expect(foreignCategory.status).toBe(400);
		expect(foreignCategory.html).toContain("Choisissez une catégorie dans la liste.");
		expect((await page("/employeur/salaries?tri=nir")).status).toBe(400);
		const unknown = await page("/employeur/salaries?salaire=1");
		expect(unknown.status).toBe(400);
		expect(unknown.html).toContain("critère inconnu");
		expect((await page("/employeur/salaries?page=999")).status).toBe(404);
		expect((await page(`/employeur/salaries?q=${"a".repeat(61)}`)).status).toBe(400);
		expect((await page("/employeur/salaries?q=%25")).status).toBe(200);
	});

	it("shows an employee's affiliation, and a departure's reason and portability", async () => {
		const [left] = await rows(
			`SELECT a.id, a.portability_end_date FROM affiliations a
			WHERE a.company_id = :c AND a.end_reason = 'dismissal' AND a.portability_end_date >= '2026-11-26' LIMIT 1`,
			{ c: companyId },
		);
		const { status, html } = await page(`/employeur/salaries/${left?.id}`);
		expect(status).toBe(200);
		for (const text of ["En portabilité", "Licenciement", "Motif de la fin", "Portabilité des garanties"])
			expect(html, text).toContain(text);
		const [y, m, d] = String(left?.portability_end_date).split("-");
		expect(html).toContain(`jusqu&#39;au ${d}/${m}/${y}`);
		const [dispensed] = await rows(
			"SELECT id FROM affiliations WHERE company_id = :c AND dispense_reason IS NOT NULL LIMIT 1",
			{ c: companyId },
		);
		expect((await page(`/employeur/salaries/${dispensed?.id}`)).html).toContain("Motif de la dispense");
	});

	it("answers 404 for another company's employee, exactly as for a missing one", async () => {
		const [foreign] = await rows("SELECT id FROM affiliations WHERE company_id = :c LIMIT 1", {
			c: otherCompanyId,
		});
		expect((await page(`/employeur/salaries/${foreign?.id}`)).status).toBe(404);
		expect((await page(`/employeur/salaries/${foreign?.id}`, otherEmployer)).status).toBe(200);
		expect((await page("/employeur/salaries/999999999")).status).toBe(404);
		expect((await page("/employeur/salaries/01")).status).toBe(404);
	});
});

describe("the contribution statements", () => {
	async function latestStatement(company: number) {
		const [row] = await rows(
			"SELECT id, period, total_cents FROM contribution_statements WHERE company_id = :c ORDER BY period_start DESC LIMIT 1",
			{ c: company },
		);
		return { id: Number(row?.id), period: String(row?.period), total: Number(row?.total_cents) };
	}

	it("lists every statement and shows one with its lines per category and option", async () => {
		const statement = await latestStatement(companyId);
		const list = await page("/employeur/bordereaux");
		expect(list.status).toBe(200);
		expect(list.html).toContain(`href="/employeur/bordereaux/${statement.id}"`);
		const detail = await page(`/employeur/bordereaux/${statement.id}`);
		expect(detail.status).toBe(200);
		for (const text of [
			"Cadres (ANI du 17/11/2017)",
			"Non-cadres",
			"Isolé",
			"Famille",
			"Part entreprise",
			"du PMSS",
		])
			expect(detail.html, text).toContain(text);
	});

	it("hands out the statement as a PDF that reads back with its lines and totals, and records it", async () => {
		const statement = await latestStatement(companyId);
		const response = await app.request(`/employeur/bordereaux/${statement.id}.pdf`, withCookie(employer));
		expect(response.status).toBe(200);
		expect(response.headers.get("Content-Type")).toBe("application/pdf");
		const text = await pdfText(new Uint8Array(await response.arrayBuffer()));
		for (const expected of [
			"Bordereau de cotisations",
			"Les Ateliers du Rhône SAS",
			"Non-cadres",
			"Total",
			"Part salariés",
		])
			expect(text, expected).toContain(expected);
		const [entry] = await rows(
			"SELECT object_id, details FROM audit_events WHERE action = 'employeur.statement.downloaded' ORDER BY seq DESC LIMIT 1",
		);
		expect(entry?.object_id).toBe(String(statement.id));
	});

	it("hands out its lines as CSV whose amounts add up to the total", async () => {
		const statement = await latestStatement(companyId);
		const response = await app.request(`/employeur/bordereaux/${statement.id}.csv`, withCookie(employer));
		expect(response.status).toBe(200);
		expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
		const lines = (await response.text()).replace(/^\uFEFF/, "").split("\r\n");
		expect(lines[0]).toContain("Catégorie;Option;Effectif");
		const amounts = lines
			.slice(1)
			.map((line) => Math.round(Number(line.split(";")[8]?.replace(",", ".")) * 100));
		expect(amounts.reduce((sum, cents) => sum + cents, 0)).toBe(statement.total);
	});

	it("answers 404 for another company's statement, page, PDF and CSV", async () => {
		const foreign = await latestStatement(otherCompanyId);
		for (const suffix of ["", ".pdf", ".csv"])
			expect((await page(`/employeur/bordereaux/${foreign.id}${suffix}`)).status, suffix).toBe(404);
		expect((await page(`/employeur/bordereaux/${foreign.id}`, otherEmployer)).status).toBe(200);
	});
});

describe("the contract", () => {
	it("shows the categories, their contributions, the employer's share and the guarantee tables", async () => {
		const { status, html } = await page("/employeur/contrat");
		expect(status).toBe(200);
		for (const text of ["Cadres (ANI du 17/11/2017)", "Non-cadres", "L911-7", "Soins", "du PMSS par salarié"])
			expect(html, text).toContain(text);
		expect(html).toMatch(/Part de l&#39;entreprise<\/dt><dd>60\s% de la cotisation/u);
		const other = await page("/employeur/contrat", otherEmployer);
		expect(other.html).toMatch(/50\s% de la cotisation/u);
		expect(other.html).toContain("45,00");
	});

	it("hands out the contract as a PDF", async () => {
		const response = await app.request("/employeur/contrat.pdf", withCookie(employer));
		expect(response.status).toBe(200);
		const text = await pdfText(new Uint8Array(await response.arrayBuffer()));
		for (const expected of [
			"Contrat collectif",
			"Les Ateliers du Rhône SAS",
			"Part de l'entreprise",
			"Non-cadres",
		])
			expect(text, expected).toContain(expected);
		expect(text).toMatch(/60\s% de la cotisation/u);
	});
});

describe("the end of an affiliation", () => {
	async function openAffiliation(company: number, offset = 0) {
		const [row] = await rows(
			`SELECT id FROM affiliations WHERE company_id = :c AND end_date IS NULL AND dispense_reason IS NULL
			ORDER BY id LIMIT 1 OFFSET :o`,
			{ c: company, o: offset },
		);
		return Number(row?.id);
	}

	function endForm(fields: {
		fin: [string, string, string];
		motif?: string;
		debut?: [string, string, string];
	}) {
		const body: Record<string, string> = {
			"dateFin-jour": fields.fin[0],
			"dateFin-mois": fields.fin[1],
			"dateFin-annee": fields.fin[2],
			"debutContrat-jour": fields.debut?.[0] ?? "",
			"debutContrat-mois": fields.debut?.[1] ?? "",
			"debutContrat-annee": fields.debut?.[2] ?? "",
		};
		if (fields.motif) body.motif = fields.motif;
		return withCookie(employer, formPost(body));
	}

	it("records a dismissal, computes the portability from the last contract and hands out its attestation", async () => {
		const id = await openAffiliation(companyId);
		expect((await page(`/employeur/salaries/${id}/fin`)).html).toContain("Motif du départ");
		const response = await app.request(
			`/employeur/salaries/${id}/fin`,
			endForm({ fin: ["30", "11", "2026"], motif: "dismissal", debut: ["15", "6", "2026"] }),
		);
		expect(response.status).toBe(303);
		expect(response.headers.get("Location")).toBe(`/employeur/salaries/${id}?fin=enregistree`);
		const [stored] = await rows(
			"SELECT end_date, end_reason, portability_end_date FROM affiliations WHERE id = :id",
			{
				id,
			},
		);
		// 15 June to 30 November: 5 months and a half, so 6 months, from 1 December.
		expect(stored).toMatchObject({
			end_date: "2026-11-30",
			end_reason: "dismissal",
			portability_end_date: "2027-05-31",
		});
		const detail = await page(`/employeur/salaries/${id}?fin=enregistree`);
		expect(detail.html).toContain("La fin d&#39;affiliation est enregistrée.");
		expect(detail.html).toContain("jusqu&#39;au 31/05/2027");
		const pdf = await app.request(
			`/employeur/salaries/${id}/attestation-portabilite.pdf`,
			withCookie(employer),
		);
		expect(pdf.status).toBe(200);
		const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
		for (const expected of [
			"Attestation de portabilité",
			"L911-8",
			"Licenciement",
			"6 mois",
			"01/12/2026",
			"31/05/2027",
			"Les Ateliers du Rhône SAS",
		])
			expect(text, expected).toContain(expected);
		const [entry] = await rows(
			"SELECT object_id, details FROM audit_events WHERE action = 'employeur.affiliation.ended' ORDER BY seq DESC LIMIT 1",
		);
		expect(entry?.object_id).toBe(String(id));
		expect(JSON.parse(String(entry?.details))).toMatchObject({ reason: "dismissal", portabilityMonths: 6 });
		// Recorded once: the form is no longer offered, a second post changes nothing.
		expect((await app.request(`/employeur/salaries/${id}/fin`, withCookie(employer))).status).toBe(303);
		const again = await app.request(
			`/employeur/salaries/${id}/fin`,
			endForm({ fin: ["1", "12", "2026"], motif: "resignation" }),
		);
		expect(again.status).toBe(409);
		expect((await rows("SELECT end_date FROM affiliations WHERE id = :id", { id }))[0]?.end_date).toBe(
			"2026-11-30",
		);
	});

	it("opens no portability after a resignation, and has no attestation then", async () => {
		const id = await openAffiliation(companyId);
		const response = await app.request(
			`/employeur/salaries/${id}/fin`,
			endForm({ fin: ["20", "11", "2026"], motif: "resignation" }),
		);
		expect(response.status).toBe(303);
		const [stored] = await rows("SELECT portability_end_date FROM affiliations WHERE id = :id", { id });
		expect(stored?.portability_end_date).toBeNull();
		expect((await page(`/employeur/salaries/${id}?fin=enregistree`)).html).toContain("Aucune portabilité");
		expect((await page(`/employeur/salaries/${id}/attestation-portabilite.pdf`)).status).toBe(404);
	});

	it("answers a wrong form with a French message and changes nothing", async () => {
		const id = await openAffiliation(companyId);
		const cases: [ReturnType<typeof endForm>, string][] = [
			[
				endForm({ fin: ["31", "2", "2026"], motif: "dismissal" }),
				"Indiquez le dernier jour du contrat de travail",
			],
			[endForm({ fin: ["30", "11", "2026"] }), "Choisissez le motif du départ."],
			[endForm({ fin: ["30", "11", "2026"], motif: "group_contract_end" }), "Choisissez le motif du départ."],
			[endForm({ fin: ["1", "1", "1990"], motif: "dismissal" }), "ne peut pas précéder son début"],
			[endForm({ fin: ["1", "6", "2027"], motif: "dismissal" }), "plus de trois mois à l&#39;avance"],
			[
				endForm({ fin: ["30", "11", "2026"], motif: "dismissal", debut: ["1", "12", "2026"] }),
				"commencer avant sa fin",
			],
			[
				withCookie(
					employer,
					formPost({
						"dateFin-jour": "1",
						"dateFin-mois": "12",
						"dateFin-annee": "2026",
						motif: "dismissal",
						salaire: "1",
					}),
				),
				"inattendu",
			],
		];
		for (const [init, message] of cases) {
			const response = await app.request(`/employeur/salaries/${id}/fin`, init);
			expect(response.status, message).toBe(400);
			expect(await response.text(), message).toContain(message);
		}
		expect((await rows("SELECT end_date FROM affiliations WHERE id = :id", { id }))[0]?.end_date).toBeNull();
	});

	it("answers 404 for another company's employee and leaves it as it was", async () => {
		const id = await openAffiliation(otherCompanyId);
		const response = await app.request(
			`/employeur/salaries/${id}/fin`,
			endForm({ fin: ["30", "11", "2026"], motif: "dismissal" }),
		);
		expect(response.status).toBe(404);
		expect((await page(`/employeur/salaries/${id}/fin`)).status).toBe(404);
		expect((await rows("SELECT end_date FROM affiliations WHERE id = :id", { id }))[0]?.end_date).toBeNull();
	});
});

describe("affiliating an employee", () => {
	function affiliationForm(overrides: Record<string, string> = {}, cookie = employer) {
		return withCookie(
			cookie,
			formPost({
				nir: "2 95 10 99 126 111 93",
				nom: "Garnier",
				prenom: "Inès",
				"dateNaissance-jour": "12",
				"dateNaissance-mois": "10",
				"dateNaissance-annee": "1995",
				email: "ines.garnier@exemple.fr",
				adresse: "3 rue des Tanneurs",
				codePostal: "69007",
				ville: "Lyon",
				matricule: "m00999",
				"dateDebut-jour": "1",
				"dateDebut-mois": "12",
				"dateDebut-annee": "2026",
				categorie: String(categoryOf.non_cadres),
				option: "famille",
				...overrides,
			}),
		);
	}
	const categoryOf: Record<string, number> = {};

	beforeAll(async () => {
		for (const row of await rows(
			`SELECT c.id, c.category FROM group_contract_categories c JOIN group_contracts g ON g.id = c.group_contract_id
			WHERE g.company_id = :c`,
			{ c: companyId },
		))
			categoryOf[String(row.category)] = Number(row.id);
	});

	it("affiliates the employee, lists them and e-mails them a link to create their espace adhérent", async () => {
		expect((await page("/employeur/salaries/affilier")).html).toContain("Numéro de sécurité sociale");
		const response = await app.request("/employeur/salaries/affilier", affiliationForm());
		expect(response.status).toBe(303);
		const location = response.headers.get("Location") ?? "";
		expect(location).toMatch(/^\/employeur\/salaries\/\d+\?affiliation=enregistree$/);
		const detail = await page(location);
		for (const text of [
			"GARNIER Inès",
			"Le salarié est affilié",
			"Famille",
			"Non-cadres",
			"M00999",
			"se terminant par 1193",
		])
			expect(detail.html, text).toContain(text);
		expect((await page("/employeur/salaries?q=garnier%20in")).html).toContain(location.replace(/\?.*$/, ""));
		const [account] = await rows(
			`SELECT a.identifier, a.state, a.space, m.member_number FROM accounts a JOIN members m ON m.id = a.member_id
			JOIN affiliations f ON f.member_id = m.id WHERE f.id = :id`,
			{ id: Number(/\d+/.exec(location)?.[0]) },
		);
		expect(account).toMatchObject({ state: "pending", space: "adherent" });
		const [mail] = await rows(
			"SELECT text_body FROM outgoing_mails WHERE to_address = 'ines.garnier@exemple.fr' AND template = 'account-activation'",
		);
		const text = String(mail?.text_body);
		expect(text).toContain(String(account?.identifier));
		const link = /\/compte\/activer\?jeton=[\w-]+/.exec(text)?.[0] ?? "";
		expect((await app.request(link)).status).toBe(200);
		const [entry] = await rows(
			"SELECT action FROM audit_events WHERE action = 'employeur.affiliation.created' ORDER BY seq DESC LIMIT 1",
		);
		expect(entry?.action).toBe("employeur.affiliation.created");
		expect((await page("/employeur")).html).toContain(
			"1 salarié affilié n&#39;a pas encore créé son espace adhérent.",
		);
		// The same person again: refused, nothing more written.
		const again = await app.request("/employeur/salaries/affilier", affiliationForm());
		expect(again.status).toBe(400);
		expect(await again.text()).toContain("déjà affilié");
	});

	it("answers each wrong field with a French message and writes nothing", async () => {
		const [before] = await rows("SELECT count(*) AS n FROM persons");
		const cases: [Record<string, string>, string][] = [
			[{ nir: "295109912611194" }, "Le numéro de sécurité sociale n&#39;est pas valide."],
			[{ "dateNaissance-annee": "1996" }, "ne correspond pas à la date de naissance"],
			[{ email: "pas-une-adresse" }, "L&#39;adresse e-mail n&#39;est pas valide"],
			[{ codePostal: "6900" }, "Le code postal se compose de 5 chiffres."],
			[{ nom: "  " }, "Le nom est obligatoire."],
			[{ option: "premium" }, "Choisissez une option."],
			[{ categorie: "999999" }, "Choisissez une catégorie dans la liste."],
			[{ "dateDebut-annee": "2010" }, "avant le contrat collectif"],
			[{ "dateDebut-annee": "2027", "dateDebut-mois": "6" }, "plus de trois mois à l&#39;avance"],
			[{ "dateNaissance-jour": "31", "dateNaissance-mois": "2" }, "Indiquez la date de naissance"],
		];
		for (const [overrides, message] of cases) {
			const response = await app.request(
				"/employeur/salaries/affilier",
				affiliationForm({ nir: "195107512345651", ...overrides }),
			);
			expect(response.status, message).toBe(400);
			expect(await response.text(), message).toContain(message);
		}
		const [after] = await rows("SELECT count(*) AS n FROM persons");
		expect(after?.n).toBe(before?.n);
	});

	it("refuses the other company's category", async () => {
		const [foreign] = await rows(
			`SELECT c.id FROM group_contract_categories c JOIN group_contracts g ON g.id = c.group_contract_id
			WHERE g.company_id = :c`,
			{ c: otherCompanyId },
		);
		const response = await app.request(
			"/employeur/salaries/affilier",
			affiliationForm({
				nir: "2 95 10 99 126 111 93",
				email: "autre@exemple.fr",
				categorie: String(foreign?.id),
			}),
		);
		expect(response.status).toBe(400);
		expect(await response.text()).toContain("Choisissez une catégorie dans la liste.");
	});
});

describe("the dispenses", () => {
	it("lists the dispenses in force with their legal case, and announces one ending within 30 days", async () => {
		const dispensed = await rows(
			"SELECT id FROM affiliations WHERE company_id = :c AND dispense_reason IS NOT NULL ORDER BY id",
			{ c: companyId },
		);
		expect(dispensed).toHaveLength(3);
		// A fixed-term contract ending in 10 days: its dispense ends then.
		await handle.client.execute({
			sql: "UPDATE affiliations SET dispense_reason = 'fixed_term_contract', end_date = '2026-12-06', end_reason = 'contract_end' WHERE id = :id",
			args: { id: Number(dispensed[0]?.id) },
		});
		const { status, html } = await page("/employeur/dispenses");
		expect(status).toBe(200);
		for (const row of dispensed) expect(html).toContain(`href="/employeur/salaries/${row.id}"`);
		expect(html).toContain("1 dispense prend fin dans les 30 jours");
		expect(html).toContain("Salarié en contrat à durée déterminée ou contrat de mission");
		expect(html).toContain("06/12/2026 (bientôt)");
		// The first row is the one that ends first.
		expect(html.indexOf(`/employeur/salaries/${dispensed[0]?.id}"`)).toBeLessThan(
			html.indexOf(`/employeur/salaries/${dispensed[1]?.id}"`),
		);
		expect((await page("/employeur/dispenses", otherEmployer)).html).not.toContain(
			`href="/employeur/salaries/${dispensed[0]?.id}"`,
		);
	});
});
