// The demo member (a family of four, ten years of history) follows their reimbursements as on a
// slow phone, JavaScript off: the dashboard, the list, a filter, a line's detail with its
// computation, and the CSV export, downloaded and read back. Every page passes axe-core (which
// needs JavaScript, hence a second context that opens the same pages with the same session).
import { readFile } from "node:fs/promises";
import Papa from "papaparse";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../demo/accounts.ts";
import { CSV_HEADER } from "../../edge/views/adherent/remboursements-csv.ts";
import { axeViolations, describeViolations } from "../support/axe.ts";
import { launchChromium } from "../support/chromium.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(async () => {
	await browser?.close();
});

interface Mail {
	readonly to: string;
	readonly template: string;
	readonly text: string;
}

async function signInCodeMails(email: string): Promise<string[]> {
	const mails = (await (await fetch(`${baseUrl}/dev/mails.json`)).json()) as Mail[];
	return mails
		.filter((mail) => mail.to === email && mail.template === "sign-in-code")
		.map((mail) => mail.text);
}

/**
 * The code of the mail this sign-in sent. Not simply the newest one: another test file signs the
 * same demo member in on a host whose clock is days ahead, and its mail sorts first.
 */
async function newSignInCode(email: string, before: readonly string[]): Promise<string> {
	for (let attempt = 0; attempt < 50; attempt++) {
		const fresh = (await signInCodeMails(email)).find((text) => !before.includes(text));
		const code = fresh ? /\b(\d{6})\b/.exec(fresh)?.[1] : undefined;
		if (code) return code;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error("no new sign-in code in the mailbox");
}

async function signIn(page: Page): Promise<void> {
	const { identifier, password, email } = DEMO_ACCOUNTS.adherent1;
	const before = await signInCodeMails(email);
	await page.goto(`${baseUrl}/connexion`);
	await page.getByLabel("Identifiant").fill(identifier);
	await page.getByLabel("Mot de passe").fill(password);
	await page.getByRole("button", { name: "Se connecter" }).click();
	await page.waitForURL(/\/connexion\/verification/);
	await page.getByLabel("Code de vérification").fill(await newSignInCode(email, before));
	await page.getByRole("button", { name: "Valider" }).click();
	await page.waitForURL(`${baseUrl}/adherent`);
}

/** Opens each page in a context where JavaScript runs, with the same session, and runs axe-core. */
async function expectAccessible(from: BrowserContext, urls: readonly string[]): Promise<void> {
	const context = await browser.newContext({ locale: "fr-FR", storageState: await from.storageState() });
	const page = await context.newPage();
	try {
		for (const url of urls) {
			await page.goto(url);
			expect(await page.locator("script").count(), `${url} ships a script`).toBe(0);
			const violations = await axeViolations(page);
			expect(violations, `${url}\n${describeViolations(violations)}`).toEqual([]);
		}
	} finally {
		await context.close();
	}
}

/** "419 remboursements, page 1 sur 17." → 419. */
async function shownCount(page: Page): Promise<number> {
	const text = (await page.getByText(/\d+ remboursements?(, page|\.)/).textContent()) ?? "";
	return Number(/(\d+) remboursement/.exec(text)?.[1]);
}

describe("a member following their reimbursements without JavaScript", () => {
	it("reads the dashboard and the list, filters, opens a line and downloads the CSV", async () => {
		const context = await browser.newContext({
			javaScriptEnabled: false,
			locale: "fr-FR",
			acceptDownloads: true,
		});
		const page = await context.newPage();
		page.setDefaultTimeout(10_000);
		const visited: string[] = [];
		try {
			await signIn(page);
			expect(await page.locator("h1").textContent()).toBe("Espace adhérent");
			expect(
				await page
					.getByRole("table", { name: /derniers remboursements/ })
					.locator("tbody tr")
					.count(),
			).toBe(5);
			expect(await page.getByRole("heading", { name: "Ma carte de tiers payant" }).count()).toBe(1);
			visited.push(page.url());

			await page.getByRole("link", { name: "Voir tous mes remboursements" }).click();
			await page.waitForURL(`${baseUrl}/adherent/remboursements`);
			expect(await page.locator("h1").textContent()).toBe("Mes remboursements");
			const total = await shownCount(page);
			expect(await page.locator("table tbody tr").count()).toBe(Math.min(25, total));
			const pages = page.getByRole("navigation", { name: "Pages des remboursements" });
			expect(await pages.locator('[aria-current="page"]').textContent()).toBe("Page 1");
			visited.push(page.url());

			await page.getByLabel("Bénéficiaire").selectOption({ label: "Léa Mercier" });
			// A date is typed as day, month and year (GOV.UK date input).
			const from = page.getByRole("group", { name: /Soins à partir du/ });
			await from.getByLabel("Jour").fill("1");
			await from.getByLabel("Mois").fill("1");
			await from.getByLabel("Année").fill("2020");
			await page.getByRole("button", { name: "Filtrer" }).click();
			await page.waitForURL(/beneficiaire=\d+&du-jour=1&du-mois=1&du-annee=2020/);
			const filtered = await shownCount(page);
			expect(filtered).toBeGreaterThan(0);
			expect(filtered).toBeLessThan(total);
			const beneficiaries = await page.locator("table tbody tr td:nth-child(3)").allTextContents();
			expect(new Set(beneficiaries)).toEqual(new Set(["Léa Mercier"]));
			visited.push(page.url());
			const listUrl = page.url();

			const first = page.locator("table tbody tr").first().getByRole("link");
			const act = (await first.textContent()) ?? "";
			await first.click();
			await page.waitForURL(/\/adherent\/remboursements\/\d+$/);
			expect(await page.locator("h1").textContent()).toBe(act);
			expect(await page.getByRole("table", { name: "Calcul du remboursement" }).count()).toBe(1);
			expect(await page.getByRole("button", { name: "Signaler ce remboursement" }).count()).toBe(1);
			visited.push(page.url());

			await page.goto(listUrl);
			const [download] = await Promise.all([
				page.waitForEvent("download"),
				page.getByRole("link", { name: "Télécharger la liste (CSV)" }).click(),
			]);
			expect(download.suggestedFilename()).toMatch(/^remboursements-\d{4}-\d{2}-\d{2}\.csv$/);
			const bytes = await readFile((await download.path()) ?? "");
			expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
			const parsed = Papa.parse<string[]>(bytes.subarray(3).toString("utf8"), {
				delimiter: ";",
				skipEmptyLines: true,
			});
			expect(parsed.errors).toEqual([]);
			const [header, ...rows] = parsed.data;
			expect(header).toEqual([...CSV_HEADER]);
			expect(rows).toHaveLength(filtered);
			expect(new Set(rows.map((row) => row[1]))).toEqual(new Set(["Léa Mercier"]));
			const amount = CSV_HEADER.indexOf("Part mutuelle (€)");
			expect(rows.every((row) => /^\d+,\d{2}$/.test(row[amount] ?? ""))).toBe(true);

			// A wrong criterion: the form comes back with the message, announced and linked to its field.
			await page.goto(`${baseUrl}/adherent/remboursements?du=2026-02-30`);
			expect(await page.getByRole("alert").textContent()).toContain(
				"La date de début n'est pas une date valide.",
			);
			visited.push(page.url());

			await expectAccessible(context, visited);
		} finally {
			await context.close();
		}
	});
});
