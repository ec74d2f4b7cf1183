// « Mes données » and the state of the service in Chromium without JavaScript: axe-core on every
// new page, the export downloaded through the link, contact data corrected and a request to the
// DPO sent through the forms, choices recorded and revoked, all with the keyboard-reachable
// controls a user would press.
import { strFromU8, unzipSync } from "fflate";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../demo/accounts.ts";
import { axeViolations, describeViolations } from "../support/axe.ts";
import { launchChromium } from "../support/chromium.ts";
import { newestMail, newestSignInCode } from "../support/mailbox.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;
let member: BrowserContext;
/** The same session with JavaScript on: axe-core runs in the page, which a page without JavaScript cannot. */
let audited: BrowserContext;

beforeAll(async () => {
	browser = await launchChromium();
	member = await browser.newContext({ locale: "fr-FR", javaScriptEnabled: false, acceptDownloads: true });
	const page = await member.newPage();
	const account = DEMO_ACCOUNTS.adherent1;
	await page.goto(`${baseUrl}/connexion`);
	await page.getByLabel("Identifiant").fill(account.identifier);
	await page.getByLabel("Mot de passe").fill(account.password);
	await page.getByRole("button", { name: "Se connecter" }).click();
	await page.waitForURL(/\/connexion\/verification/);
	await page.getByLabel("Code de vérification").fill(await newestSignInCode(baseUrl, account.email));
	await page.getByRole("button", { name: "Valider" }).click();
	await page.waitForURL(/\/(adherent|compte\/cgu)/);
	await page.close();
	audited = await browser.newContext({ locale: "fr-FR", storageState: await member.storageState() });
});
afterAll(async () => {
	await browser?.close();
});

async function open(path: string): Promise<Page> {
	const page = await member.newPage();
	const response = await page.goto(`${baseUrl}${path}`);
	expect(response?.status(), path).toBe(200);
	return page;
}

/** axe-core on the page at `page`'s address (or on `path`), in the JavaScript-enabled context. */
async function expectAccessible(at: Page | string): Promise<void> {
	const page = await audited.newPage();
	try {
		const url = typeof at === "string" ? `${baseUrl}${at}` : at.url();
		expect((await page.goto(url))?.status()).toBeLessThan(500);
		expect(await page.locator("script").count()).toBe(0);
		const violations = await axeViolations(page);
		expect(violations, `${url}\n${describeViolations(violations)}`).toEqual([]);
	} finally {
		await page.close();
	}
}

describe("« Mes données » without JavaScript", () => {
	for (const path of [
		"/compte/donnees",
		"/compte/donnees/coordonnees",
		"/compte/donnees/demandes",
		"/compte/donnees/demandes/nouvelle",
		"/compte/donnees/choix",
		"/compte/donnees/archives",
		"/compte/fermeture",
		"/etat-du-service",
	]) {
		// Concurrent (three at a time): these only read, each in a tab of its own.
		it.concurrent(`passes axe-core on ${path}`, async () => {
			await expectAccessible(path);
		}, 120_000);
	}

	it("passes axe-core on the request form showing its errors", async () => {
		const page = await audited.newPage();
		try {
			await page.goto(`${baseUrl}/compte/donnees/demandes/nouvelle`);
			await page.getByRole("button", { name: "Envoyer ma demande" }).click();
			await page.waitForLoadState("load");
			expect(await page.getByRole("alert").textContent()).toContain("Choisissez le droit que vous exercez.");
			const violations = await axeViolations(page);
			expect(violations, describeViolations(violations)).toEqual([]);
		} finally {
			await page.close();
		}
	}, 120_000);

	it("downloads the export through its link, a zip with the README and the member's data", async () => {
		const page = await open("/compte/donnees");
		try {
			const [download] = await Promise.all([
				page.waitForEvent("download"),
				page.getByRole("link", { name: "Télécharger mes données (ZIP)" }).click(),
			]);
			expect(download.suggestedFilename()).toMatch(/^mes-donnees-1000000001-\d{4}-\d{2}-\d{2}\.zip$/);
			const path = await download.path();
			const { readFile } = await import("node:fs/promises");
			const files = unzipSync(new Uint8Array(await readFile(path)));
			expect(Object.keys(files)).toContain("LISEZMOI.txt");
			const json = JSON.parse(strFromU8(files["donnees.json"] as Uint8Array));
			expect(json.compte[0].identifiant).toBe("1000000001");
			expect(json.identite[0].nom).toBe("Mercier");
		} finally {
			await page.close();
		}
	}, 120_000);

	it("corrects the phone number through the form", async () => {
		const page = await open("/compte/donnees/coordonnees");
		try {
			await page.getByLabel("Téléphone (facultatif)").fill("04 78 00 00 00");
			await page.getByRole("button", { name: "Enregistrer mes coordonnées" }).click();
			await page.waitForURL(/enregistre=1/);
			expect(await page.getByRole("status").textContent()).toContain("Vos coordonnées sont à jour.");
			expect(await page.getByLabel("Téléphone (facultatif)").inputValue()).toBe("0478000000");
			await expectAccessible(page);
		} finally {
			await page.close();
		}
	}, 120_000);

	it("sends a request to the DPO, acknowledged by e-mail, and opens it from the list", async () => {
		const page = await open("/compte/donnees/demandes/nouvelle");
		try {
			await page.getByRole("button", { name: "Envoyer ma demande" }).click();
			expect(await page.getByRole("alert").textContent()).toContain("Choisissez le droit que vous exercez.");
			await page.getByLabel("Opposition à un traitement").check();
			await page.getByLabel("Votre demande").fill("Je m'oppose à l'envoi de mes relevés par courrier.");
			await page.getByRole("button", { name: "Envoyer ma demande" }).click();
			await page.waitForURL(/\/compte\/donnees\/demandes\/\d+\?envoyee=1$/);
			const heading = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
			const reference = /D\d{4}-\d{6}/.exec(heading)?.[0] as string;
			expect(reference).toBeTruthy();
			const mail = await newestMail(
				baseUrl,
				DEMO_ACCOUNTS.adherent1.email,
				"data-protection-request-received",
			);
			expect(mail.text).toContain(reference);
			await expectAccessible(page);
			await page.goto(`${baseUrl}/compte/donnees/demandes`);
			await page.getByRole("link", { name: new RegExp(reference) }).click();
			expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain(reference);
		} finally {
			await page.close();
		}
	}, 120_000);

	it("records and revokes choices", async () => {
		const page = await open("/compte/donnees/choix");
		try {
			await page.getByLabel("J'accepte de recevoir des offres").check();
			await page.getByLabel("Je refuse (opposition)").last().check();
			await page.getByRole("button", { name: "Enregistrer mes choix" }).click();
			await page.waitForURL(/enregistre=1/);
			await page.getByRole("textbox", { name: "Mes directives" }).fill("Effacer mes données.");
			await page.getByRole("button", { name: "Enregistrer mes directives" }).click();
			await page.waitForURL(/enregistre=1/);
			expect(await page.content()).toContain("« Effacer mes données. »");
			await expectAccessible(page);
			await page.getByRole("button", { name: "Révoquer mes directives" }).click();
			await page.waitForURL(/enregistre=1/);
			expect(await page.content()).toContain("Vous n'avez pas donné de directives.");
		} finally {
			await page.close();
		}
	}, 120_000);
});
