// The back-office in Chromium without JavaScript, on the shared demo portal: a member gets 403;
// a gestionnaire answers a complaint and the member reads the answer; approves a beneficiary and
// the member's card lists them; suspends an account and its open session ends at once (then
// reopens it, so the other files find the demo as they expect); answers a practice's message and
// the practice reads the answer; imports a file with broken lines and reads the report;
// axe-core on every page.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS, type DemoAccount } from "../../demo/accounts.ts";
import { axeViolations, describeViolations } from "../support/axe.ts";
import { launchChromium } from "../support/chromium.ts";
import { newestSignInCode } from "../support/mailbox.ts";
import { practiceTotpForServer } from "../support/practice.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(async () => {
	for (const context of contexts) await context.close();
	await browser?.close();
});

/** Signed in without JavaScript (the pages need none), or with it for axe-core, which runs in the page. */
async function signedIn(account: DemoAccount, lands: RegExp, javaScriptEnabled = false): Promise<Page> {
	const context = await browser.newContext({ locale: "fr-FR", javaScriptEnabled });
	contexts.push(context);
	const page = await context.newPage();
	await page.goto(`${baseUrl}/connexion`);
	await page.getByLabel("Identifiant").fill(account.identifier);
	await page.getByLabel("Mot de passe").fill(account.password);
	await page.getByRole("button", { name: "Se connecter" }).click();
	await page.waitForURL(/\/connexion\/verification/);
	await page.getByLabel("Code de vérification").fill(await newestSignInCode(baseUrl, account.email));
	await page.getByRole("button", { name: "Valider" }).click();
	await page.waitForURL(lands);
	return page;
}

/** A small but real PDF: the upload checks the signature and the end marker. */
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

/** One good member line and two broken ones (lines 3 and 4), for the import's report. */
const IMPORT_CSV = Buffer.from(
	[
		"numero_adherent;nom;prenom;date_naissance;sexe;adresse_1;code_postal;ville",
		"99000001;Durand;Lucie;1980-04-12;F;3 rue des Lilas;69003;Lyon",
		"abc;Petit;Zoé;1990-01-01;F;1 rue;69003;Lyon",
		"99000003;Roux;Marc;1970-01-01;X;1 rue;69003;Lyon",
	].join("\n"),
);

let staff: Page;
let member: Page;

describe("the back-office", () => {
	it("refuses a member with 403", async () => {
		const other = await signedIn(DEMO_ACCOUNTS.adherent1, /\/adherent$/);
		const response = await other.goto(`${baseUrl}/gestion`);
		expect(response?.status()).toBe(403);
		expect(await other.locator("h1").textContent()).toBe("Accès refusé");
	});

	it("answers a complaint, and the member reads the answer in their space", async () => {
		member = await signedIn(DEMO_ACCOUNTS.adherent2, /\/adherent$/);
		await member.goto(`${baseUrl}/adherent/reclamations/nouvelle`);
		await member.getByLabel("Un remboursement").check();
		await member
			.getByLabel("Votre réclamation")
			.fill("Ma consultation du 3 novembre n'a pas été remboursée <b>du tout</b>.");
		await member.getByRole("button", { name: "Envoyer ma réclamation" }).click();
		await member.waitForURL(/\/adherent\/reclamations\/\d+\?envoyee=1/);
		const reference = (await member.locator("h1").textContent())?.replace("Réclamation ", "") ?? "";
		const complaintUrl = member.url().replace(/\?.*$/, "");

		staff = await signedIn(DEMO_ACCOUNTS.gestionnaire1, /\/gestion$/);
		await staff.goto(`${baseUrl}/gestion/demandes?type=complaint`);
		await staff.getByRole("link", { name: reference }).click();
		expect(await staff.locator(".mail-text").first().textContent()).toContain("<b>du tout</b>");
		await staff
			.getByLabel("Réponse à l'adhérent")
			.fill("Le remboursement de 26,50 € a été versé le 27 novembre.");
		await staff.getByRole("button", { name: "Envoyer la réponse" }).click();
		await staff.waitForURL(/fait=repondre/);
		expect(await staff.getByRole("status").textContent()).toContain("Réponse enregistrée");

		await member.goto(complaintUrl);
		expect(await member.locator("main").textContent()).toContain(
			"Le remboursement de 26,50 € a été versé le 27 novembre.",
		);
	});

	it("approves a beneficiary, and the member's card lists them", async () => {
		await member.goto(`${baseUrl}/adherent/beneficiaires/ajout`);
		await member.getByLabel("Conjoint, partenaire de PACS ou concubin").check();
		await member.getByLabel("Nom", { exact: true }).fill("Garnier");
		await member.getByLabel("Prénom").fill("Inès");
		await member.locator('input[name="dateNaissance-jour"]').fill("12");
		await member.locator('input[name="dateNaissance-mois"]').fill("10");
		await member.locator('input[name="dateNaissance-annee"]').fill("1995");
		await member.getByLabel("Féminin").check();
		await member.getByLabel(/Numéro de sécurité sociale du bénéficiaire/).fill("295109912611193");
		await member.locator('input[name="justificatif"]').setInputFiles({
			name: "pacs.pdf",
			mimeType: "application/pdf",
			buffer: PDF,
		});
		await member.getByRole("button", { name: "Envoyer la demande" }).click();
		await member.waitForURL(/\/adherent\/beneficiaires\?demande=B\d{4}-\d{6}/);
		const reference = decodeURIComponent(new URL(member.url()).searchParams.get("demande") ?? "");

		await staff.goto(`${baseUrl}/gestion/demandes?type=beneficiary_add`);
		await staff.getByRole("link", { name: reference }).click();
		await staff.getByRole("button", { name: "Accepter la demande" }).click();
		await staff.waitForURL(/fait=accepter/);

		await member.goto(`${baseUrl}/adherent/carte`);
		expect(await member.locator("main").textContent()).toContain("GARNIER");
	});

	it("suspends an account: its session ends at once; then reopens it", async () => {
		expect((await member.goto(`${baseUrl}/adherent`))?.url()).toMatch(/\/adherent$/);
		await staff.goto(`${baseUrl}/gestion/comptes`);
		await staff.getByLabel("Rechercher un compte").fill(DEMO_ACCOUNTS.adherent2.identifier);
		await staff.getByRole("button", { name: "Rechercher" }).click();
		await staff.getByRole("link", { name: DEMO_ACCOUNTS.adherent2.identifier }).click();
		await staff.getByLabel("Motif").fill("Vérification d'opérations inhabituelles");
		await staff.getByRole("button", { name: "Suspendre le compte" }).click();
		await staff.waitForURL(/fait=suspendre/);

		await member.goto(`${baseUrl}/adherent`);
		expect(member.url()).toMatch(/\/connexion/);

		await staff.getByLabel("Motif").fill("Vérification faite");
		await staff.getByRole("button", { name: "Rouvrir le compte" }).click();
		await staff.waitForURL(/fait=rouvrir/);
		expect(await staff.locator("main").textContent()).toContain("Actif");
	});

	// Before the axe-core pass: professionnel.test.ts signs this practice in with an authenticator
	// code too, and a code is accepted once per 30-second step.
	it("answers a practice's message, and the practice reads the answer in its space", async () => {
		const account = DEMO_ACCOUNTS.professionnel1;
		await staff.goto(`${baseUrl}/gestion/demandes?type=practice_message`);
		const link = staff
			.locator("tr", { hasText: account.identifier })
			.locator('a[href^="/gestion/demandes/messages/"]')
			.first();
		const reference = (await link.textContent()) ?? "";
		await link.click();
		await staff.getByLabel("Réponse au professionnel").fill("La convention est reconduite à l'identique.");
		await staff.getByRole("button", { name: "Envoyer la réponse" }).click();
		await staff.waitForURL(/fait=repondre/);
		expect(await staff.getByRole("status").textContent()).toContain("Réponse enregistrée");

		const context = await browser.newContext({ locale: "fr-FR", javaScriptEnabled: false });
		contexts.push(context);
		const practice = await context.newPage();
		await practice.goto(`${baseUrl}/connexion`);
		await practice.getByLabel("Identifiant").fill(account.identifier);
		await practice.getByLabel("Mot de passe").fill(account.password);
		await practice.getByRole("button", { name: "Se connecter" }).click();
		await practice.waitForURL(/\/connexion\/verification/);
		await practice
			.getByLabel("Code de vérification")
			.fill(
				await practiceTotpForServer(inject("databaseUrl"), account.identifier, inject("serverClockOffsetMs")),
			);
		await practice.getByRole("button", { name: "Valider" }).click();
		await practice.waitForURL(`${baseUrl}/professionnel`);
		await practice.goto(`${baseUrl}/professionnel/contact`);
		await practice
			.getByRole("link", { name: new RegExp(reference) })
			.first()
			.click();
		expect(await practice.locator("main").textContent()).toContain(
			"La convention est reconduite à l'identique.",
		);
	});

	it("imports a core-system file with broken lines, and shows the report with each reason", async () => {
		const admin = await signedIn(DEMO_ACCOUNTS.gestionnaire1, /\/gestion$/);
		await admin.getByRole("link", { name: "Ouvrir : Imports" }).click();
		await admin.getByLabel("Type de données").selectOption({ label: "Adhérents" });
		await admin
			.getByLabel("Fichier", { exact: true })
			.setInputFiles({ name: "adherents.csv", mimeType: "text/csv", buffer: IMPORT_CSV });
		await admin.getByRole("button", { name: "Importer le fichier" }).click();
		await admin.waitForURL(/\/gestion\/imports$/);
		expect(await admin.locator("h1").textContent()).toBe("Compte rendu de l'import");
		const main = await admin.locator("main").textContent();
		expect(main).toContain("1 ligne enregistrée");
		expect(main).toContain("2 lignes refusées");
		const rows = await admin.locator("table tbody tr").allTextContents();
		expect(rows).toEqual(["3numero_adherent : des chiffres seulement.", "4sexe : « F » ou « M »."]);
	});

	it("passes axe-core on every page", async () => {
		const staff = await signedIn(DEMO_ACCOUNTS.gestionnaire1, /\/gestion$/, true);
		await staff.goto(`${baseUrl}/gestion/demandes`);
		const request = await staff.locator('a[href^="/gestion/demandes/"]').first().getAttribute("href");
		for (const path of [
			"/gestion",
			"/gestion/demandes",
			request ?? "/gestion/demandes",
			"/gestion/comptes",
			"/gestion/comptes?q=Mercier",
			"/gestion/comptes/1000000001",
			"/gestion/preuve/1000000001",
			"/gestion/exploitation",
			"/gestion/exploitation/audience",
			"/gestion/roles",
			"/gestion/imports",
			"/gestion/demandes?type=practice_message",
			"/gestion/demandes/messages/1",
			"/gestion/demandes/changements-bancaires/1",
		]) {
			const response = await staff.goto(`${baseUrl}${path}`);
			expect(response?.status(), path).toBe(200);
			expect(await staff.locator("script").count(), path).toBe(0);
			const violations = await axeViolations(staff);
			expect(violations, `${path}\n${describeViolations(violations)}`).toEqual([]);
		}
		// The import's report, which only a POST shows.
		await staff.goto(`${baseUrl}/gestion/imports`);
		await staff.getByLabel("Type de données").selectOption({ label: "Adhérents" });
		await staff
			.getByLabel("Fichier", { exact: true })
			.setInputFiles({ name: "a.csv", mimeType: "text/csv", buffer: IMPORT_CSV });
		await staff.getByRole("button", { name: "Importer le fichier" }).click();
		await staff.locator("table").waitFor();
		const violations = await axeViolations(staff);
		expect(violations, `report\n${describeViolations(violations)}`).toEqual([]);
	}, 300_000);
});
