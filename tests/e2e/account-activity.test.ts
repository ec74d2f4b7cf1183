// The holder's own activity log and alerts in Chromium (pages without any script; axe-core needs
// the browser's JavaScript, so it stays on): the sign-in just made
// and a download appear in « Mon activité », filtered by kind; « Ce n'était pas moi » opens the
// fraud report with that line (not sent: it would block the demo account); the alert choices are
// saved by a plain form; axe-core on each new page.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../demo/accounts.ts";
import { axeViolations, describeViolations } from "../support/axe.ts";
import { launchChromium } from "../support/chromium.ts";
import { newestSignInCode } from "../support/mailbox.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(async () => {
	await browser?.close();
});

async function signIn(page: Page): Promise<void> {
	const account = DEMO_ACCOUNTS.adherent2;
	await page.goto(`${baseUrl}/connexion`);
	await page.getByLabel("Identifiant").fill(account.identifier);
	await page.getByLabel("Mot de passe").fill(account.password);
	await page.getByRole("button", { name: "Se connecter" }).click();
	await page.waitForURL(/\/connexion\/verification/);
	await page.getByLabel("Code de vérification").fill(await newestSignInCode(baseUrl, account.email));
	await page.getByRole("button", { name: "Valider" }).click();
	await page.waitForURL(/\/(adherent|compte\/cgu)/);
}

async function expectNoViolations(page: Page, path: string): Promise<void> {
	expect(await page.locator("script").count(), path).toBe(0);
	const violations = await axeViolations(page);
	expect(violations, `${path}\n${describeViolations(violations)}`).toEqual([]);
}

describe("« Mon activité » and « Mes alertes »", () => {
	it("shows the sign-in and a download, filters them, and opens a report on a line", async () => {
		const context = await browser.newContext({ locale: "fr-FR", javaScriptEnabled: true });
		context.setDefaultTimeout(15_000);
		const page = await context.newPage();
		try {
			await signIn(page);
			await page.goto(`${baseUrl}/compte/securite`);
			await page.getByRole("link", { name: "Voir toute l'activité de mon compte" }).click();
			await page.waitForURL(`${baseUrl}/compte/activite`);
			const table = page.locator("table");
			await expect(
				table.locator("tr", { hasText: "Connexion réussie" }).first().textContent(),
			).resolves.toMatch(/Vous/);
			await expectNoViolations(page, "/compte/activite");

			await page.getByLabel("Type d'activité").selectOption("connexion");
			await page.getByRole("button", { name: "Filtrer" }).click();
			await page.waitForURL(/type=connexion/);
			expect(await table.textContent()).not.toContain("Consultation de");
			expect(await table.textContent()).toContain("Connexion réussie");

			await table
				.locator("tr", { hasText: "Connexion réussie" })
				.first()
				.getByRole("link", { name: /Ce n'était pas moi/ })
				.click();
			await page.waitForURL(/\/compte\/signaler\?ligne=\d+$/);
			expect(await page.locator("dl").textContent()).toMatch(/Connexion réussie/);
			expect(await page.getByRole("button", { name: "Signaler et bloquer mon compte" }).count()).toBe(1);
			await expectNoViolations(page, "/compte/signaler?ligne=…");

			await page.goto(`${baseUrl}/compte/activite?type=inconnu`);
			expect(await page.locator(".error-summary").textContent()).toContain(
				"Choisissez un type d'activité dans la liste.",
			);
			await expectNoViolations(page, "/compte/activite?type=inconnu");
		} finally {
			await context.close();
		}
	});

	it("saves the alert choices and keeps the security alerts on", async () => {
		const context = await browser.newContext({ locale: "fr-FR", javaScriptEnabled: true });
		context.setDefaultTimeout(15_000);
		const page = await context.newPage();
		try {
			await signIn(page);
			await page.goto(`${baseUrl}/compte/alertes`);
			await expectNoViolations(page, "/compte/alertes");
			const payment = page.getByLabel("Un remboursement vous a été versé");
			expect(await payment.isChecked()).toBe(true);
			await payment.uncheck();
			await page.getByRole("button", { name: "Enregistrer mes choix" }).click();
			await page.waitForURL(/\/compte\/alertes\?enregistre=1/);
			expect(await page.getByLabel("Un remboursement vous a été versé").isChecked()).toBe(false);
			expect(await page.getByLabel("Un nouveau relevé de prestations est disponible").isChecked()).toBe(true);
			expect(await page.locator("main").textContent()).toContain(
				"Ces alertes ne peuvent pas être désactivées",
			);
			await expectNoViolations(page, "/compte/alertes?enregistre=1");
			// Back as it was, for the other files of the run.
			await page.getByLabel("Un remboursement vous a été versé").check();
			await page.getByRole("button", { name: "Enregistrer mes choix" }).click();
			await page.waitForURL(/enregistre=1/);
		} finally {
			await context.close();
		}
	});
});
