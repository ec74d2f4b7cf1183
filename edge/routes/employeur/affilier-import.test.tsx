// Affiliating employees by CSV upload on a seeded database, signed in through the real forms as
// the demo employers: a small file with broken lines read line by line with French reasons and
// nothing written, the confirmation writing the valid lines with their invitation e-mails and
// audit entries, the same file again finding every employee recorded already, files refused as a
// whole, and another company's import answering 404.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../../core/audit.ts";
import {
	advanceAffiliationImport,
	confirmAffiliationImport,
	getAffiliationImport,
	startAffiliationImport,
} from "../../../core/employeur/affiliation-import.ts";
import { mailContent } from "../../../core/send-mail.ts";
import type { DatabaseHandle } from "../../../db/client.ts";
import { nirKey } from "../../../schema/identifiers.ts";
import { demoAccount } from "../../../tests/support/demo.ts";
import { signInDemoEmployer } from "../../../tests/support/employer-testing.ts";
import { createSeededTestApp, TEST_ORIGIN, withCookie } from "../../../tests/support/route-testing.ts";
import type { App } from "../../app.tsx";
import { ImportReportPage } from "../../views/employeur/import-page.tsx";

const now = new Date("2026-11-26T09:00:00Z");
const randomBytes = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const renderToString = async (node: { toString(): unknown }) => String(await node.toString());
const IMPORT = "/employeur/salaries/affilier/import";
let handle: DatabaseHandle;
let app: App;
let employer: string;
let otherEmployer: string;
let companyId: number;
let coveredNir: string;

async function rows(sql: string, args: Record<string, string | number> = {}) {
	return (await handle.client.execute({ sql, args })).rows;
}

/** A valid NIR for a person born in `yymm`, with an order number of its own. */
function nir(sex: 1 | 2, yymm: string, order: number): string {
	const body = `${sex}${yymm}75056${String(order).padStart(3, "0")}`;
	return `${body}${nirKey(body)}`;
}

const HEADER =
	"nir;nom;prenom;date_naissance;email;adresse;code_postal;ville;matricule;date_affiliation;categorie;option";

function line(fields: {
	nir: string;
	nom?: string;
	naissance?: string;
	email?: string;
	debut?: string;
	categorie?: string;
	option?: string;
}): string {
	return [
		fields.nir,
		fields.nom ?? "Martin",
		"Léa",
		fields.naissance ?? "1990-04-15",
		fields.email ?? "lea.martin@exemple.fr",
		"5 rue Neuve",
		"75011",
		"Paris",
		"",
		fields.debut ?? "01/12/2026",
		fields.categorie ?? "non_cadres",
		fields.option ?? "isolé",
	].join(";");
}

function file(): string {
	return [
		HEADER,
		line({ nir: nir(2, "9004", 1), nom: "Arnaud", email: "a.arnaud@exemple.fr" }),
		line({ nir: "290047505600199", nom: "Clé fausse" }),
		line({
			nir: nir(1, "8507", 2),
			naissance: "1985-07-03",
			nom: "Benoit",
			email: "b.benoit@exemple.fr",
			option: "Famille",
		}),
		line({ nir: nir(1, "8001", 3), naissance: "1980-01-20", categorie: "dirigeants" }),
		line({ nir: nir(2, "9004", 1), nom: "Arnaud bis", email: "autre@exemple.fr" }),
		"",
		line({ nir: nir(2, "9111", 4), naissance: "1991-11-31" }),
		line({ nir: coveredNir, naissance: `19${coveredNir.slice(1, 3)}-${coveredNir.slice(3, 5)}-01` }),
		line({ nir: nir(2, "9202", 5), naissance: "1992-02-10", nom: "Chevalier", email: "pas-une-adresse" }),
		line({
			nir: nir(2, "9203", 6),
			naissance: "1992-03-10",
			nom: "Durand",
			email: "c.durand@exemple.fr",
			debut: "2026-11-30",
			option: "duo",
		}),
	].join("\r\n");
}

function upload(content: string, cookie = employer, name = "salaries.csv"): RequestInit {
	const form = new FormData();
	form.set("fichier", new File([content], name, { type: "text/csv" }));
	return { method: "POST", headers: { Origin: TEST_ORIGIN, Cookie: cookie }, body: form };
}

const confirm = (cookie = employer): RequestInit => ({
	method: "POST",
	headers: { Origin: TEST_ORIGIN, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
	body: "",
});

async function page(path: string, cookie = employer) {
	const response = await app.request(path, withCookie(cookie));
	return { status: response.status, html: await response.text(), refresh: response.headers.get("Refresh") };
}

async function counts() {
	const [row] = await rows(
		`SELECT (SELECT count(*) FROM affiliations WHERE company_id = :c) AS affiliations,
			(SELECT count(*) FROM outgoing_mails WHERE template = 'account-activation') AS mails,
			(SELECT count(*) FROM accounts WHERE space = 'adherent') AS accounts`,
		{ c: companyId },
	);
	return {
		affiliations: Number(row?.affiliations),
		mails: Number(row?.mails),
		accounts: Number(row?.accounts),
	};
}

beforeAll(async () => {
	({ handle, app } = await createSeededTestApp({ scale: 1, now }));
	employer = await signInDemoEmployer(app, "employeur1", now);
	otherEmployer = await signInDemoEmployer(app, "employeur2", now);
	companyId = (await demoAccount(handle.db, "employeur1")).companyId ?? 0;
	const [covered] = await rows(
		`SELECT p.nir FROM affiliations a JOIN persons p ON p.id = a.person_id
		WHERE a.company_id = :c AND a.end_date IS NULL AND p.nir IS NOT NULL AND substr(p.nir, 4, 2) BETWEEN '01' AND '12'
		ORDER BY a.id LIMIT 1`,
		{ c: companyId },
	);
	coveredNir = String(covered?.nir);
}, 120_000);

afterAll(() => handle?.client.close());

describe("affiliating employees by CSV upload", () => {
	let importId = "";

	it("shows the upload form with the expected columns", async () => {
		const { status, html } = await page(IMPORT);
		expect(status).toBe(200);
		expect(html).toContain("Fichier CSV des salariés");
		expect(html).toContain("date_affiliation");
		// The company's past import (demo data), to come back to a report.
		expect(html).toMatch(/href="\/employeur\/salaries\/affilier\/import\/\d+">nouveaux-salaries.csv/);
	});

	it("reads every line with a French reason and writes nothing before the confirmation", async () => {
		const before = await counts();
		const response = await app.request(IMPORT, upload(file()));
		expect(response.status).toBe(303);
		const location = response.headers.get("Location") ?? "";
		expect(location).toMatch(/^\/employeur\/salaries\/affilier\/import\/\d+$/);
		importId = location.split("/").at(-1) ?? "";
		const report = await page(location);
		expect(report.status).toBe(200);
		expect(report.refresh).toBeNull();
		for (const text of [
			"9 lignes lues",
			"3 lignes valides",
			"5 lignes refusées",
			"1 ligne déjà enregistrée",
			"nir : le numéro de sécurité sociale n&#39;est pas valide",
			"categorie : ce n&#39;est pas une catégorie du contrat de votre entreprise.",
			"nir : le même salarié figure déjà ligne 2 du fichier.",
			"date_naissance : « 1991-11-31 » n&#39;est pas une date",
			"Déjà enregistrée : ce salarié est déjà affilié",
			"email : L&#39;adresse e-mail n&#39;est pas valide",
			"Affilier 3 salariés",
		])
			expect(report.html, text).toContain(text);
		// Line numbers follow the file: the blank line 7 is counted, the bad birth date is line 8.
		expect(report.html).toMatch(/<th scope="row"[^>]*>8<\/th>/);
		expect(await counts()).toEqual(before);
	});

	it("answers 404 for another company's import, and writes nothing for it", async () => {
		const before = await counts();
		expect((await page(`${IMPORT}/${importId}`, otherEmployer)).status).toBe(404);
		expect((await app.request(`${IMPORT}/${importId}/confirmer`, confirm(otherEmployer))).status).toBe(404);
		expect(await counts()).toEqual(before);
	});

	it("affiliates the valid lines once confirmed, each employee invited by e-mail", async () => {
		const before = await counts();
		const response = await app.request(`${IMPORT}/${importId}/confirmer`, confirm());
		expect(response.status).toBe(303);
		const report = await page(`${IMPORT}/${importId}`);
		expect(report.html).toContain("L&#39;import est terminé : 3 salariés sont affiliés");
		const after = await counts();
		expect(after.affiliations - before.affiliations).toBe(3);
		expect(after.mails - before.mails).toBe(3);
		const mails = await rows(
			`SELECT to_address, subject, text_body, html_body, template, template_data FROM outgoing_mails
			WHERE template = 'account-activation'
			AND to_address IN ('a.arnaud@exemple.fr', 'b.benoit@exemple.fr', 'c.durand@exemple.fr')`,
		);
		expect(mails).toHaveLength(3);
		// Rendered at delivery (ADR 0043): the outbox holds the template's input, not its text.
		for (const mail of mails) {
			expect(mail.text_body).toBe("");
			const content = mailContent(
				{
					template: String(mail.template),
					subject: String(mail.subject),
					textBody: String(mail.text_body),
					htmlBody: null,
					templateData: JSON.parse(String(mail.template_data)) as Record<string, unknown>,
				},
				new URL("http://localhost:4321"),
			);
			expect(content.subject).toMatch(/^Activez votre /);
			expect(content.text).toMatch(/http:\/\/localhost:4321\/compte\/activer\?jeton=[a-z2-7]{32}/);
		}
		const [benoit] = await rows(
			`SELECT a.option, a.start_date, c.category FROM affiliations a JOIN persons p ON p.id = a.person_id
			JOIN group_contract_categories c ON c.id = a.category_id WHERE p.last_name = 'Benoit' AND a.company_id = :c`,
			{ c: companyId },
		);
		expect(benoit).toMatchObject({ option: "famille", start_date: "2026-12-01", category: "non_cadres" });
		const actions = await rows(
			`SELECT action, count(*) AS n FROM audit_events WHERE action LIKE 'employeur.affiliation%' GROUP BY action`,
		);
		const byAction = Object.fromEntries(actions.map((row) => [String(row.action), Number(row.n)]));
		expect(byAction["employeur.affiliation_import.uploaded"]).toBe(1);
		expect(byAction["employeur.affiliation_import.confirmed"]).toBe(1);
		expect(byAction["employeur.affiliation_import.completed"]).toBe(1);
		expect(byAction["employeur.affiliation.created"]).toBeGreaterThanOrEqual(3);
		// The entries written as one JSON parameter chain as any other (ADR 0043).
		expect((await verifyAuditChain(handle.db)).ok).toBe(true);
		// The file's contents are not kept once the import is over.
		const [kept] = await rows("SELECT count(*) AS n FROM affiliation_import_lines WHERE payload IS NOT NULL");
		expect(Number(kept?.n)).toBe(0);
		// Confirming twice does nothing more.
		await app.request(`${IMPORT}/${importId}/confirmer`, confirm());
		await page(`${IMPORT}/${importId}`);
		expect(await counts()).toEqual(after);
	});

	it("finds every employee of the same file recorded already when it is sent again", async () => {
		const before = await counts();
		const response = await app.request(IMPORT, upload(file()));
		expect(response.status).toBe(303);
		const location = response.headers.get("Location") ?? "";
		expect(location).not.toBe(`${IMPORT}/${importId}`);
		const report = await page(location);
		for (const text of [
			"Ce fichier a déjà été importé le",
			"0 ligne valide",
			"5 lignes déjà enregistrées",
			"Aucune ligne valide",
		])
			expect(report.html, text).toContain(text);
		const again = await app.request(`${location}/confirmer`, confirm());
		expect(again.status).toBe(409);
		expect(await counts()).toEqual(before);
	});

	it("goes in bounded steps, and its page says it refreshes itself while it runs", async () => {
		const account = await demoAccount(handle.db, "employeur1");
		const context = {
			scope: { companyId, accountId: account.id, sessionId: "test" },
			now,
			today: "2026-11-26",
			correlationId: "test",
		};
		const options = { publicUrl: new URL("http://localhost"), randomBytes, validateStep: 2, confirmStep: 1 };
		const content = [
			HEADER,
			line({ nir: nir(1, "7001", 11), naissance: "1970-01-05", email: "e1@exemple.fr" }),
			line({ nir: nir(1, "7002", 12), naissance: "1970-02-05", email: "e2@exemple.fr" }),
			line({ nir: nir(1, "7003", 13), naissance: "1970-03-05", email: "e3@exemple.fr" }),
		].join("\n");
		const started = await startAffiliationImport(handle.db, {
			...context,
			fileName: "pas-a-pas.csv",
			bytes: new TextEncoder().encode(content),
			text: content,
		});
		if (!started.ok) throw new Error(started.reason);
		const summary = () => getAffiliationImport(handle.db, companyId, started.importId);
		await advanceAffiliationImport(handle.db, started.importId, context, options);
		expect(await summary()).toMatchObject({ status: "validating", counts: { pending: 1, valid: 2 } });
		const current = await summary();
		if (!current) throw new Error("the import is missing");
		const running = await renderToString(
			<ImportReportPage summary={current} problems={[]} nextProblemsAfter={null} />,
		);
		expect(running).toContain("se met à jour toute seule");
		await advanceAffiliationImport(handle.db, started.importId, context, options);
		await advanceAffiliationImport(handle.db, started.importId, context, options);
		expect((await summary())?.status).toBe("validated");
		expect((await confirmAffiliationImport(handle.db, started.importId, context)).ok).toBe(true);
		await advanceAffiliationImport(handle.db, started.importId, context, options);
		expect(await summary()).toMatchObject({ status: "confirming", counts: { created: 1, valid: 2 } });
		// Its page writes the rest (a step writes up to 1 000 employees).
		const page2 = await page(`${IMPORT}/${started.importId}`);
		expect(page2.html).toContain("L&#39;import est terminé : 3 salariés sont affiliés");
	});

	it("refuses a file without our columns, an empty file and a missing file as a whole", async () => {
		const cases: [string, string][] = [
			["nom;prenom\nMartin;Léa", "colonne(s) manquante(s) : nir"],
			[`${HEADER};salaire\n`, "colonne(s) inconnue(s) : salaire"],
			[`${HEADER}\n\n`, "Le fichier ne contient aucune ligne de salarié."],
			["", "Choisissez le fichier CSV à envoyer."],
		];
		const [before] = await rows("SELECT count(*) AS n FROM affiliation_imports");
		for (const [content, message] of cases) {
			const response = await app.request(IMPORT, upload(content));
			expect(response.status, message).toBe(400);
			expect(await response.text(), message).toContain(message);
		}
		const [after] = await rows("SELECT count(*) AS n FROM affiliation_imports");
		expect(after?.n).toBe(before?.n);
	});
});
