// The espace professionnel de santé in Chromium (pages without any script), signed in as the demo
// practice 3000000001 (Pharmacie des Terreaux) with its authenticator app: a member's rights by
// the form, the demo member's QR code link opened from their card, invoices filtered and opened,
// a transfer and its avis de paiement, an API key created, the bank account's change asked and
// cancelled in « Mon cabinet »; axe-core on every page; a member kept out with 403.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../demo/accounts.ts";
import { axeViolations, describeViolations } from "../support/axe.ts";
import { launchChromium } from "../support/chromium.ts";
import { newestSignInCode } from "../support/mailbox.ts";
import { practiceTotpForServer } from "../support/practice.ts";

const baseUrl = inject("baseUrl");
const offsetMs = inject("serverClockOffsetMs");
let browser: Browser;
let practice: BrowserContext;
let page: Page;

async function expectAccessible(path: string): Promise<void> {
	expect(await page.locator("script").count(), path).toBe(0);
	const violations = await axeViolations(page);
	expect(violations, `${path}\n${describeViolations(violations)}`).toEqual([]);
}

beforeAll(async () => {
	browser = await launchChromium();
	practice = await browser.newContext({ locale: "fr-FR", acceptDownloads: true });
	page = await practice.newPage();
	const account = DEMO_ACCOUNTS.professionnel1;
	await page.goto(`${baseUrl}/connexion`);
	await page.getByLabel("Identifiant").fill(account.identifier);
	await page.getByLabel("Mot de passe").fill(account.password);
	await page.getByRole("button", { name: "Se connecter" }).click();
	await page.waitForURL(/\/connexion\/verification/);
	await page
		.getByLabel("Code de vérification")
		.fill(await practiceTotpForServer(inject("databaseUrl"), account.identifier, offsetMs));
	await page.getByRole("button", { name: "Valider" }).click();
	await page.waitForURL(`${baseUrl}/professionnel`);
}, 60_000);
afterAll(async () => {
	await browser?.close();
});

describe("the espace professionnel in Chromium", () => {
	it("shows the practice's home page", async () => {
		expect(await page.locator("h1").textContent()).toBe("Espace professionnel de santé");
		expect(await page.locator("main").textContent()).toContain("Pharmacie des Terreaux");
		await expectAccessible("/professionnel");
	});

	it("checks a member's rights with the form, today being the date of care", async () => {
		await page.goto(`${baseUrl}/professionnel/droits`);
		await expectAccessible("/professionnel/droits");
		await page.getByLabel("Numéro d'adhérent").fill("400000001");
		const birth = page.getByRole("group", { name: /Date de naissance/ });
		await birth.getByLabel("Jour").fill("12");
		await birth.getByLabel("Mois").fill("3");
		await birth.getByLabel("Année").fill("1984");
		await page.getByRole("button", { name: "Vérifier les droits" }).click();
		await page.waitForLoadState();
		const text = (await page.locator("main").textContent()) ?? "";
		expect(text).toContain("Droits au 26/11/2026");
		expect(text).toContain("MERCIER");
		expect(text).not.toContain("Camille");
		await expectAccessible("/professionnel/droits (résultat)");
	});

	it("opens the demo member's QR code link from their card", async () => {
		const member = await browser.newContext({ locale: "fr-FR", javaScriptEnabled: false });
		let link = "";
		try {
			const memberPage = await member.newPage();
			const account = DEMO_ACCOUNTS.adherent1;
			await memberPage.goto(`${baseUrl}/connexion`);
			await memberPage.getByLabel("Identifiant").fill(account.identifier);
			await memberPage.getByLabel("Mot de passe").fill(account.password);
			await memberPage.getByRole("button", { name: "Se connecter" }).click();
			await memberPage.waitForURL(/\/connexion\/verification/);
			await memberPage
				.getByLabel("Code de vérification")
				.fill(await newestSignInCode(baseUrl, account.email));
			await memberPage.getByRole("button", { name: "Valider" }).click();
			await memberPage.waitForURL(/\/(adherent|compte\/cgu)/);
			await memberPage.goto(`${baseUrl}/adherent/carte`);
			link = (await memberPage.locator("figure.qr code").last().textContent()) ?? "";
			expect(link).toMatch(/\/professionnel\/carte\/[A-Za-z0-9_-]{60}$/);
			// A member cannot open the professional's page.
			expect((await memberPage.goto(link))?.status()).toBe(403);
		} finally {
			await member.close();
		}
		const response = await page.goto(link);
		expect(response?.status()).toBe(200);
		const text = (await page.locator("main").textContent()) ?? "";
		for (const name of ["MERCIER", "Julien", "Camille", "Léa", "Hugo"]) expect(text).toContain(name);
		await expectAccessible("/professionnel/carte/<jeton>");
		const tampered = await page.goto(`${link.slice(0, -1)}${link.endsWith("A") ? "B" : "A"}`);
		expect(tampered?.status()).toBe(400);
		expect(await page.locator("main").textContent()).toContain("Ce QR code n'est pas valide");
		await expectAccessible("/professionnel/carte/<jeton modifié>");
	});

	it("filters the invoices, opens one and downloads the list", async () => {
		await page.goto(`${baseUrl}/professionnel/factures`);
		await expectAccessible("/professionnel/factures");
		await page.getByLabel("Statut").selectOption("rejetee");
		await page.getByRole("button", { name: "Filtrer" }).click();
		await page.waitForURL(/statut=rejetee/);
		expect(await page.locator("tbody td[data-label='Statut']").first().textContent()).toMatch(
			/^Rejetée \(R0\d : /,
		);
		const download = page.waitForEvent("download");
		await page.getByRole("link", { name: "Télécharger la liste (CSV)" }).click();
		expect((await download).suggestedFilename()).toBe("factures-2026-11-26.csv");
		await page.locator("tbody a").first().click();
		await page.waitForURL(/\/professionnel\/factures\/\d+$/);
		expect(await page.locator("h1").textContent()).toMatch(/^Facture /);
		await expectAccessible("/professionnel/factures/<id>");
	});

	it("opens a transfer with the invoices it settles, and its avis de paiement", async () => {
		await page.goto(`${baseUrl}/professionnel/paiements`);
		await expectAccessible("/professionnel/paiements");
		await page.locator("tbody a[href^='/professionnel/paiements/']").first().click();
		await page.waitForURL(/\/professionnel\/paiements\/\d+$/);
		expect(await page.locator("td[data-label='Situation']").first().textContent()).toBe("Réglée");
		await expectAccessible("/professionnel/paiements/<id>");
		const download = page.waitForEvent("download");
		await page.getByRole("link", { name: /avis de paiement/ }).click();
		expect((await download).suggestedFilename()).toMatch(/^avis-de-paiement-vir-1-\d{8}\.pdf$/);
	});

	it("creates an API key, shown once", async () => {
		await page.goto(`${baseUrl}/professionnel/cles-api`);
		await expectAccessible("/professionnel/cles-api");
		await page.getByLabel("Nom de la clé").fill("Logiciel de la pharmacie");
		await page.getByRole("button", { name: "Créer la clé" }).click();
		await page.waitForLoadState();
		expect(await page.locator(".alert-success code").textContent()).toMatch(
			/^espk_[a-z2-7]{24}_[a-z2-7]{24}$/,
		);
		await expectAccessible("/professionnel/cles-api (clé créée)");
	});

	it("writes to the insurer from « Contact » and reads the message with its reference", async () => {
		await page.goto(`${baseUrl}/professionnel/contact`);
		await expectAccessible("/professionnel/contact");
		await page.getByRole("button", { name: "Envoyer mon message" }).click();
		await page.waitForLoadState();
		expect(await page.locator(".error-summary").textContent()).toContain(
			"Choisissez le sujet de votre message.",
		);
		await expectAccessible("/professionnel/contact (erreurs)");
		await page.getByLabel("Une facture de tiers payant").check();
		await page
			.getByLabel("Votre message")
			.fill("La facture 2026-0042 est rejetée alors que les droits étaient ouverts.");
		await page.getByRole("button", { name: "Envoyer mon message" }).click();
		await page.waitForURL(/\/professionnel\/contact\/\d+\?envoye=1$/);
		expect(await page.locator("h1").textContent()).toMatch(/^Message P\d{4}-\d{6}$/);
		await expectAccessible("/professionnel/contact/:id");
	});

	it("asks for a change of the bank account in « Mon cabinet », with the password again, then cancels it", async () => {
		await page.goto(`${baseUrl}/professionnel/cabinet`);
		expect(await page.locator("#compte-bancaire").textContent()).toMatch(/se terminant par [0-9A-Z]{4}/);
		await expectAccessible("/professionnel/cabinet");
		await page.getByLabel("IBAN").fill("FR76 3000 4008 2800 0123 4567 800");
		await page.getByRole("button", { name: "Demander le changement" }).click();
		await page.waitForLoadState();
		expect(await page.locator(".error-summary").textContent()).toContain("L'IBAN n'est pas valide.");
		await expectAccessible("/professionnel/cabinet (erreurs)");
		await page.getByLabel("IBAN").fill("FR76 3000 4008 2800 0123 4567 841");
		await page.getByLabel("BIC").fill("BNPAFRPP");
		await page.getByLabel("Titulaire du compte").fill("PHARMACIE DES TERREAUX");
		await page.getByLabel(/Votre mot de passe/).fill(DEMO_ACCOUNTS.professionnel1.password);
		await page.getByRole("button", { name: "Demander le changement" }).click();
		await page.waitForURL(/\/professionnel\/cabinet\?demande=1/);
		expect(await page.locator("#compte-bancaire").textContent()).toContain("IBAN se terminant par 7841");
		await expectAccessible("/professionnel/cabinet (changement en attente)");
		await page.getByRole("button", { name: "Annuler ce changement" }).click();
		await page.waitForURL(/\/professionnel\/cabinet\?annulation=1/);
		expect(await page.locator("#compte-bancaire").textContent()).toContain("est annulé");
	});
});
