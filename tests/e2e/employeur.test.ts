// The espace employeur in Chromium, signed in as both demo companies' administrators with their
// authenticator code: without JavaScript, from the dashboard to an employee found by the search,
// the end of their affiliation with its portabilité and the attestation (read with poppler), a
// statement and the contract as PDF and CSV; another company's employee answering 404, a member
// refused; the demo « lecture » administrator reading the space and refused an action;
// and axe-core on every page of the space.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDatabase } from "../../db/client.ts";
import { DEMO_ACCOUNTS } from "../../demo/accounts.ts";
import { axeViolations, describeViolations } from "../support/axe.ts";
import { launchChromium } from "../support/chromium.ts";
import { signInEmployerInBrowser } from "../support/employer-testing.ts";
import { newestMail, newestSignInCode } from "../support/mailbox.ts";
import { pdfText } from "../support/pdf.ts";

const baseUrl = inject("baseUrl");
const databaseUrl = inject("databaseUrl");
let browser: Browser;
let employer: BrowserContext;

async function query(sql: string, args: Record<string, string | number> = {}) {
	const handle = createDatabase({ url: databaseUrl });
	try {
		await handle.ready;
		return (await handle.client.execute({ sql, args })).rows;
	} finally {
		handle.client.close();
	}
}

async function downloadBytes(page: Page, link: string | RegExp): Promise<Uint8Array> {
	const download = page.waitForEvent("download");
	await page.getByRole("link", { name: link }).first().click();
	const file = await (await download).createReadStream();
	const chunks: Buffer[] = [];
	for await (const chunk of file) chunks.push(chunk as Buffer);
	return new Uint8Array(Buffer.concat(chunks));
}

beforeAll(async () => {
	browser = await launchChromium();
	employer = await browser.newContext({ locale: "fr-FR", javaScriptEnabled: false, acceptDownloads: true });
	const page = await employer.newPage();
	await signInEmployerInBrowser(page, baseUrl, databaseUrl, "employeur1");
	await page.close();
});
afterAll(async () => {
	await browser?.close();
});

describe("the espace employeur without JavaScript", () => {
	it("finds an employee, ends their affiliation with a portabilité and hands out the attestation", async () => {
		const [employee] = await query(
			`SELECT a.id, p.last_name, p.first_name FROM affiliations a JOIN persons p ON p.id = a.person_id
			JOIN accounts ac ON ac.company_id = a.company_id
			WHERE ac.identifier = :identifier AND a.end_date IS NULL AND a.dispense_reason IS NULL
			ORDER BY a.id DESC LIMIT 1`,
			{ identifier: DEMO_ACCOUNTS.employeur1.identifier },
		);
		const page = await employer.newPage();
		await page.goto(`${baseUrl}/employeur`);
		expect(await page.locator("h1").textContent()).toBe("Tableau de bord");
		await expect(page.getByText("Les Ateliers du Rhône SAS").count()).resolves.toBeGreaterThan(0);
		await page
			.getByRole("navigation", { name: /espace/ })
			.getByRole("link", { name: "Salariés" })
			.click();
		await page.getByLabel(/Nom, 4 derniers chiffres/).fill(`${employee?.first_name} ${employee?.last_name}`);
		await page.getByRole("button", { name: "Rechercher" }).click();
		await page.waitForURL(/\/employeur\/salaries\?q=/);
		await page.locator(`a[href="/employeur/salaries/${employee?.id}"]`).click();
		await page.getByRole("link", { name: "Déclarer la fin d'affiliation" }).click();
		await page.locator("#champ-dateFin").fill("30");
		await page.locator("#champ-dateFin-mois").fill("11");
		await page.locator("#champ-dateFin-annee").fill("2026");
		await page.getByLabel("Licenciement", { exact: true }).check();
		await page.getByRole("button", { name: "Enregistrer la fin d'affiliation" }).click();
		await page.waitForURL(/\?fin=enregistree$/);
		await expect(page.getByRole("status").textContent()).resolves.toContain("portabilité");
		const attestation = await pdfText(await downloadBytes(page, /attestation de portabilité/));
		expect(attestation).toContain("Attestation de portabilité des garanties");
		expect(attestation).toContain(String(employee?.last_name).toUpperCase());
		expect(attestation).toContain("01/12/2026");
		await page.close();
	});

	it("shows a statement and hands it out as PDF and CSV, and the contract as PDF", async () => {
		const page = await employer.newPage();
		await page.goto(`${baseUrl}/employeur/bordereaux`);
		await page.locator('a[href^="/employeur/bordereaux/"]').first().click();
		expect(await page.locator("h1").textContent()).toMatch(/^Bordereau de /);
		const pdf = await pdfText(await downloadBytes(page, "Télécharger le bordereau (PDF)"));
		expect(pdf).toContain("Cotisations par catégorie et option");
		const csv = new TextDecoder().decode(await downloadBytes(page, "Télécharger les lignes (CSV)"));
		expect(csv).toContain("Catégorie;Option;Effectif");
		await page.goto(`${baseUrl}/employeur/contrat`);
		const contract = await pdfText(await downloadBytes(page, "Télécharger le contrat (PDF)"));
		expect(contract).toContain("Contrat collectif");
		expect(contract).toContain("Non-cadres");
		await page.close();
	});

	it("affiliates an employee through the form, who receives an invitation to their espace adhérent", async () => {
		const page = await employer.newPage();
		await page.goto(`${baseUrl}/employeur/salaries`);
		await page.getByRole("link", { name: "Affilier un salarié" }).click();
		await page.getByLabel("Numéro de sécurité sociale").fill("2 95 10 99 126 111 93");
		await page.getByLabel("Nom", { exact: true }).fill("Garnier");
		await page.getByLabel("Prénom").fill("Inès");
		await page.locator("#champ-dateNaissance").fill("12");
		await page.locator("#champ-dateNaissance-mois").fill("10");
		await page.locator("#champ-dateNaissance-annee").fill("1995");
		await page.getByLabel("Adresse e-mail du salarié").fill("ines.garnier@exemple.fr");
		await page.getByLabel("Adresse", { exact: true }).fill("3 rue des Tanneurs");
		await page.getByLabel("Code postal").fill("69007");
		await page.getByLabel("Ville").fill("Lyon");
		await page.locator("#champ-dateDebut").fill("1");
		await page.locator("#champ-dateDebut-mois").fill("12");
		await page.locator("#champ-dateDebut-annee").fill("2026");
		await page.getByLabel("Catégorie").selectOption({ label: "Non-cadres" });
		await page.getByLabel("Famille").check();
		await page.getByRole("button", { name: "Affilier le salarié" }).click();
		await page.waitForURL(/\/employeur\/salaries\/\d+\?affiliation=enregistree$/);
		expect(await page.locator("h1").textContent()).toBe("GARNIER Inès");
		const mail = await newestMail(baseUrl, "ines.garnier@exemple.fr", "account-activation");
		expect(mail.links.some((link) => link.includes("/compte/activer?jeton="))).toBe(true);
		await page.close();
	});

	it("affiliates employees from a CSV file once its valid lines are confirmed", async () => {
		const page = await employer.newPage();
		await page.goto(`${baseUrl}/employeur/salaries/affilier`);
		await page.getByRole("link", { name: "Envoyez un fichier CSV" }).click();
		const csv = [
			"nir;nom;prenom;date_naissance;email;adresse;code_postal;ville;matricule;date_affiliation;categorie;option",
			"184127511300119;Lambert;Paul;1984-12-02;paul.lambert@exemple.fr;1 quai Perrache;69002;Lyon;;01/12/2026;non_cadres;duo",
			"184127511300120;Clé;Fausse;1984-12-02;cle.fausse@exemple.fr;1 quai Perrache;69002;Lyon;;01/12/2026;non_cadres;duo",
		].join("\n");
		await page
			.getByLabel("Fichier CSV des salariés")
			.setInputFiles({ name: "salaries.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
		await page.getByRole("button", { name: "Vérifier le fichier" }).click();
		await page.waitForURL(/\/employeur\/salaries\/affilier\/import\/\d+$/);
		await expect(page.locator("main").textContent()).resolves.toContain("1 ligne refusée");
		await page.getByRole("button", { name: "Affilier 1 salarié" }).click();
		await expect(page.getByRole("status").first().textContent()).resolves.toContain("1 salarié est affilié");
		const mail = await newestMail(baseUrl, "paul.lambert@exemple.fr", "account-activation");
		expect(mail.links.some((link) => link.includes("/compte/activer?jeton="))).toBe(true);
		await page.close();
	});

	it("cancels the waiting bank change and asks for another with the password again", async () => {
		const page = await employer.newPage();
		await page.goto(`${baseUrl}/employeur/coordonnees-bancaires`);
		await page.getByRole("button", { name: "Annuler ce changement" }).click();
		await page.waitForURL(/annulation=1$/);
		await page.getByLabel("IBAN").fill("FR76 3000 4008 2800 0123 4567 841");
		await page.getByLabel("BIC").fill("BNPAFRPP");
		await page.getByLabel("Titulaire du compte").fill("LES ATELIERS DU RHONE SAS");
		await page.getByLabel("Votre mot de passe").fill(DEMO_ACCOUNTS.employeur1.password);
		await page.getByRole("button", { name: "Demander le changement" }).click();
		await page.waitForURL(/demande=1$/);
		expect(await page.locator("main").textContent()).toContain("IBAN se terminant par 7841");
		const mandate = await pdfText(await downloadBytes(page, /mandat de prélèvement SEPA/));
		expect(mandate).toContain("FR76 3000 4008 2800 0123 4567 841");
		const mail = await newestMail(baseUrl, DEMO_ACCOUNTS.employeur1.email, "bank-details-change-pending");
		expect(mail.text).not.toContain("3000 4008");
		await page.close();
	});

	it("answers 404 for the other company's employee, which its own administrator sees", async () => {
		const [foreign] = await query(
			`SELECT a.id FROM affiliations a JOIN accounts ac ON ac.company_id = a.company_id
			WHERE ac.identifier = :identifier LIMIT 1`,
			{ identifier: DEMO_ACCOUNTS.employeur2.identifier },
		);
		const page = await employer.newPage();
		expect((await page.goto(`${baseUrl}/employeur/salaries/${foreign?.id}`))?.status()).toBe(404);
		await page.close();
		const theirs = await browser.newContext({ locale: "fr-FR", javaScriptEnabled: false });
		try {
			const other = await theirs.newPage();
			await signInEmployerInBrowser(other, baseUrl, databaseUrl, "employeur2");
			expect(await other.locator("main").textContent()).toContain("Boulangerie Lefèvre");
			expect((await other.goto(`${baseUrl}/employeur/salaries/${foreign?.id}`))?.status()).toBe(200);
		} finally {
			await theirs.close();
		}
	});

	it("lists the « lecture » administrator, who reads the space and is refused an action (403)", async () => {
		const main = await employer.newPage();
		await main.goto(`${baseUrl}/employeur`);
		await main
			.getByRole("navigation", { name: /espace/ })
			.getByRole("link", { name: "Administrateurs" })
			.click();
		await expect(
			main.getByRole("cell", { name: DEMO_ACCOUNTS.employeurLecture.identifier }).count(),
		).resolves.toBe(1);
		await main.close();
		const context = await browser.newContext({ locale: "fr-FR", javaScriptEnabled: false });
		const page = await context.newPage();
		await signInEmployerInBrowser(page, baseUrl, databaseUrl, "employeurLecture");
		await page.goto(`${baseUrl}/employeur/administrateurs`);
		await expect(page.locator("main").textContent()).resolves.toContain("Votre rôle : Lecture");
		const response = await page.goto(`${baseUrl}/employeur/salaries/affilier`);
		expect(response?.status()).toBe(403);
		await expect(page.locator("main").textContent()).resolves.toContain("ne permet pas cette action");
		await context.close();
	});

	it("refuses a member with 403", async () => {
		const context = await browser.newContext({ locale: "fr-FR" });
		try {
			const page = await context.newPage();
			const account = DEMO_ACCOUNTS.adherent2;
			await page.goto(`${baseUrl}/connexion`);
			await page.getByLabel("Identifiant").fill(account.identifier);
			await page.getByLabel("Mot de passe").fill(account.password);
			await page.getByRole("button", { name: "Se connecter" }).click();
			await page.waitForURL(/\/connexion\/verification/);
			await page.getByLabel("Code de vérification").fill(await newestSignInCode(baseUrl, account.email));
			await page.getByRole("button", { name: "Valider" }).click();
			await page.waitForURL(/\/adherent/);
			expect((await page.goto(`${baseUrl}/employeur/salaries`))?.status()).toBe(403);
		} finally {
			await context.close();
		}
	});
});

describe("the pages of the espace employeur", () => {
	it("pass axe-core", async () => {
		const [employee] = await query(
			`SELECT a.id FROM affiliations a JOIN accounts ac ON ac.company_id = a.company_id
			WHERE ac.identifier = :identifier AND a.end_date IS NULL ORDER BY a.id LIMIT 1`,
			{ identifier: DEMO_ACCOUNTS.employeur1.identifier },
		);
		const [statement] = await query(
			`SELECT s.id FROM contribution_statements s JOIN accounts ac ON ac.company_id = s.company_id
			WHERE ac.identifier = :identifier ORDER BY s.period_start DESC LIMIT 1`,
			{ identifier: DEMO_ACCOUNTS.employeur1.identifier },
		);
		const [{ id: importId } = { id: null }] = await query(
			`SELECT i.id FROM affiliation_imports i JOIN accounts ac ON ac.company_id = i.company_id
			WHERE ac.identifier = :identifier ORDER BY i.id DESC LIMIT 1`,
			{ identifier: DEMO_ACCOUNTS.employeur1.identifier },
		);
		const paths = [
			"/employeur",
			"/employeur/salaries",
			"/employeur/salaries?statut=portabilite&tri=entree&ordre=desc",
			"/employeur/salaries?statut=vip",
			`/employeur/salaries/${employee?.id}`,
			`/employeur/salaries/${employee?.id}/fin`,
			"/employeur/bordereaux",
			`/employeur/bordereaux/${statement?.id}`,
			"/employeur/contrat",
			"/employeur/salaries/affilier",
			"/employeur/salaries/affilier/import",
			...(importId ? [`/employeur/salaries/affilier/import/${importId}`] : []),
			"/employeur/dispenses",
			"/employeur/coordonnees-bancaires",
			"/employeur/administrateurs",
			"/coordonnees-bancaires/annulation?jeton=1.invalide",
		];
		const problems: string[] = [];
		// axe-core runs in the page: this context has JavaScript, the other one none.
		const context = await browser.newContext({ locale: "fr-FR" });
		const page = await context.newPage();
		await signInEmployerInBrowser(page, baseUrl, databaseUrl, "employeur1");
		for (const path of paths) {
			await page.goto(`${baseUrl}${path}`);
			const violations = await axeViolations(page);
			if (violations.length > 0) problems.push(`${path}: ${describeViolations(violations)}`);
		}
		// The end-of-affiliation form coming back with its errors.
		await page.goto(`${baseUrl}/employeur/salaries/${employee?.id}/fin`);
		await page.getByRole("button", { name: "Enregistrer la fin d'affiliation" }).click();
		expect(await page.locator(".field-error").count()).toBeGreaterThan(0);
		const violations = await axeViolations(page);
		if (violations.length > 0) problems.push(`fin (erreurs): ${describeViolations(violations)}`);
		await context.close();
		expect(problems).toEqual([]);
	}, 180_000);
});
