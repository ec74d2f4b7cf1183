// The rest of the espace adhérent in Chromium: the tiers-payant card (page and PDF), the
// beneficiaries and their request form, a complaint filed without JavaScript through to its
// acknowledgement e-mail, another member's complaint answering 404, and axe-core on each page.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../demo/accounts.ts";
import { axeViolations, describeViolations } from "../support/axe.ts";
import { launchChromium } from "../support/chromium.ts";
import { newestMail, newestSignInCode } from "../support/mailbox.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(async () => {
	await browser?.close();
});

async function signIn(
	page: Page,
	account: { identifier: string; password: string; email: string },
): Promise<void> {
	await page.goto(`${baseUrl}/connexion`);
	await page.getByLabel("Identifiant").fill(account.identifier);
	await page.getByLabel("Mot de passe").fill(account.password);
	await page.getByRole("button", { name: "Se connecter" }).click();
	await page.waitForURL(/\/connexion\/verification/);
	await page.getByLabel("Code de vérification").fill(await newestSignInCode(baseUrl, account.email));
	await page.getByRole("button", { name: "Valider" }).click();
	await page.waitForURL(`${baseUrl}/adherent`);
}

describe("the espace adhérent without JavaScript", () => {
	it("files a complaint through to its acknowledgement, and hides it from another member", async () => {
		const theirs = await browser.newContext({ javaScriptEnabled: false });
		const other = await theirs.newPage();
		let complaintUrl = "";
		try {
			await signIn(other, DEMO_ACCOUNTS.adherent2);
			await other.goto(`${baseUrl}/adherent/reclamations/nouvelle`);
			await other.getByLabel("L'espace en ligne").check();
			await other
				.getByLabel("Votre réclamation")
				.fill("Je n'arrive pas à télécharger mon relevé d'octobre depuis mon téléphone.");
			await other.getByRole("button", { name: "Envoyer ma réclamation" }).click();
			await other.waitForURL(/\/adherent\/reclamations\/\d+\?envoyee=1/);
			expect(await other.locator("h1").textContent()).toMatch(/^Réclamation R\d{4}-\d{6}$/);
			complaintUrl = other.url().replace(/\?.*$/, "");
			const mail = await newestMail(baseUrl, DEMO_ACCOUNTS.adherent2.email, "complaint-acknowledged");
			expect(mail.text).toMatch(/R\d{4}-\d{6}/);
			expect(mail.text).not.toContain("relevé d'octobre");
		} finally {
			await theirs.close();
		}
		const mine = await browser.newContext({ javaScriptEnabled: false });
		const page = await mine.newPage();
		try {
			await signIn(page, DEMO_ACCOUNTS.adherent1);
			const response = await page.goto(complaintUrl);
			expect(response?.status()).toBe(404);
			await page.goto(`${baseUrl}/adherent/carte`);
			expect(await page.locator("h1").textContent()).toMatch(/carte/i);
			const download = page.waitForEvent("download");
			await page.getByRole("link", { name: /PDF/ }).first().click();
			const pdf = await download;
			expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
			await page.goto(`${baseUrl}/adherent/beneficiaires`);
			expect(await page.locator("h1").textContent()).toMatch(/Bénéficiaires/);
		} finally {
			await mine.close();
		}
	});
});

describe("the pages of the espace adhérent", () => {
	it("pass axe-core", async () => {
		const context = await browser.newContext({ locale: "fr-FR" });
		const page = await context.newPage();
		try {
			await signIn(page, DEMO_ACCOUNTS.adherent1);
			for (const path of [
				"/adherent",
				"/adherent/carte",
				"/adherent/beneficiaires",
				"/adherent/beneficiaires/ajout",
				"/adherent/reclamations",
				"/adherent/reclamations/nouvelle",
				"/adherent/informations",
			]) {
				const response = await page.goto(`${baseUrl}${path}`);
				expect(response?.status(), path).toBe(200);
				expect(await page.locator("script").count(), path).toBe(0);
				const violations = await axeViolations(page);
				expect(violations, `${path}\n${describeViolations(violations)}`).toEqual([]);
			}
		} finally {
			await context.close();
		}
	});
});
