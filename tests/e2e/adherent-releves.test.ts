// The demo adhérent, on a slow phone (JavaScript off), reads their guarantees and downloads the
// guarantee table, opens their relevés de prestations, downloads one, and asks for paper copies;
// every PDF says what it should. Then the same pages pass axe-core (which needs JavaScript in the
// page, so it runs in a second browser context).
import { readFile } from "node:fs/promises";
import type { Browser, Download, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../demo/accounts.ts";
import { axeViolations, describeViolations } from "../support/axe.ts";
import { launchChromium } from "../support/chromium.ts";
import { newestSignInCode } from "../support/mailbox.ts";
import { ensurePdftotext, pdfText } from "../support/pdf.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
	ensurePdftotext();
	browser = await launchChromium();
});
afterAll(async () => {
	await browser?.close();
});

async function expectAccessible(page: Page): Promise<void> {
	const violations = await axeViolations(page);
	expect(violations, `${page.url()}\n${describeViolations(violations)}`).toEqual([]);
}

async function signIn(page: Page): Promise<void> {
	const account = DEMO_ACCOUNTS.adherent1;
	await page.goto(`${baseUrl}/connexion`);
	await page.getByLabel("Identifiant").fill(account.identifier);
	await page.getByLabel("Mot de passe").fill(account.password);
	await page.getByRole("button", { name: "Se connecter" }).click();
	await page.waitForURL(/\/connexion\/verification/);
	await page.getByLabel("Code de vérification").fill(await newestSignInCode(baseUrl, account.email));
	await page.getByRole("button", { name: "Valider" }).click();
	await page.waitForURL(`${baseUrl}/adherent`);
}

/** Clicks a link that downloads, and returns the file's name and text. */
async function download(page: Page, link: string): Promise<{ name: string; text: string }> {
	const [file] = await Promise.all([
		page.waitForEvent("download") as Promise<Download>,
		page.getByRole("link", { name: link }).click(),
	]);
	const path = await file.path();
	return { name: file.suggestedFilename(), text: await pdfText(new Uint8Array(await readFile(path))) };
}

const spaceNav = (page: Page) => page.getByRole("navigation", { name: "Navigation de l'espace" });

describe("the demo adhérent's guarantees and statements", () => {
	it("are read and downloaded without JavaScript", async () => {
		const context = await browser.newContext({
			javaScriptEnabled: false,
			acceptDownloads: true,
			locale: "fr-FR",
		});
		const page = await context.newPage();
		try {
			await signIn(page);

			await spaceNav(page).getByRole("link", { name: "Garanties" }).click();
			await page.waitForURL(`${baseUrl}/adherent/garanties`);
			expect(await page.locator("h1").textContent()).toBe("Mes garanties");
			expect(await page.getByRole("table", { name: /Tableau de garanties Confort/ }).count()).toBe(1);
			const guarantees = await download(page, "Télécharger le tableau de garanties (PDF)");
			expect(guarantees.name).toBe("garanties-confort.pdf");
			expect(guarantees.text).toContain("Tableau de garanties – Confort");
			expect(guarantees.text).toContain("Julien Mercier");
			expect(guarantees.text).toContain("150 % de la BR (RO inclus)");
			expect(guarantees.text).toMatch(/Page 1 sur \d/);

			await spaceNav(page).getByRole("link", { name: "Relevés" }).click();
			await page.waitForURL(`${baseUrl}/adherent/releves`);
			expect(await page.locator("h1").textContent()).toBe("Mes relevés de prestations");
			const fromList = await download(page, "Télécharger le relevé d'octobre 2026");
			expect(fromList.name).toBe("releve-2026-10.pdf");

			await page.getByRole("link", { name: "octobre 2026", exact: true }).click();
			await page.waitForURL(/\/adherent\/releves\/\d+$/);
			expect(await page.locator("h1").textContent()).toBe("Relevé de prestations – octobre 2026");
			const statement = await download(page, "Télécharger le relevé (PDF)");
			expect(statement.name).toBe("releve-2026-10.pdf");
			expect(statement.text).toContain("Relevé de prestations – octobre 2026");
			expect(statement.text).toContain("Julien Mercier");
			expect(statement.text).toContain("Total du relevé");
			expect(statement.text).toMatch(/Page 1 sur \d/);

			await page.getByRole("link", { name: "Tous mes relevés de 2026" }).click();
			await page.getByLabel("En ligne et par courrier").check();
			await page.getByRole("button", { name: "Enregistrer mon choix" }).click();
			await page.waitForURL(/message=courrier-oui/);
			expect(await page.getByRole("status").textContent()).toContain("en ligne et par courrier");
			// Back to online only, as the demo account was.
			await page.getByLabel("En ligne uniquement").check();
			await page.getByRole("button", { name: "Enregistrer mon choix" }).click();
			await page.waitForURL(/message=courrier-non/);
		} finally {
			await context.close();
		}
	});

	it("are on pages that pass axe-core", async () => {
		const context = await browser.newContext({ locale: "fr-FR" });
		const page = await context.newPage();
		try {
			await signIn(page);
			await page.goto(`${baseUrl}/adherent/releves`);
			const detail = await page.getByRole("link", { name: "octobre 2026", exact: true }).getAttribute("href");
			for (const path of [
				"/adherent/garanties",
				"/adherent/releves",
				"/adherent/releves?annee=2019",
				`${detail}`,
				"/adherent/releves?message=courrier-non",
			]) {
				await page.goto(`${baseUrl}${path}`);
				await expectAccessible(page);
			}
		} finally {
			await context.close();
		}
	});
});
