// A member signs in as on a slow phone (JavaScript off): identifier and password, the code read
// from the mailbox, the space, the security page, signing out; every page passes axe-core. Then
// the day a newer CGU comes into force, the same member meets it first and accepts it.
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parseConfig } from "../../core/config.ts";
import { cryptoRandomBytes } from "../../core/deps.ts";
import { createLogger } from "../../core/logger.ts";
import { createDatabase, type DatabaseHandle } from "../../db/client.ts";
import { DEMO_ACCOUNTS } from "../../demo/accounts.ts";
import { type RunningHost, startNodeHost } from "../../hosts/node.ts";
import { loadSiteAssets } from "../../hosts/site-assets.ts";
import { StaticSite } from "../../hosts/static-site.ts";
import { axeViolations, describeViolations } from "../support/axe.ts";
import { launchChromium } from "../support/chromium.ts";
import { freePort } from "../support/free-port.ts";
import { newestSignInCode } from "../support/mailbox.ts";
import { steadyClock } from "../support/test-clock.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(async () => {
	await browser?.close();
});

async function expectAccessible(page: Page): Promise<void> {
	const violations = await axeViolations(page);
	expect(violations, `${page.url()}\n${describeViolations(violations)}`).toEqual([]);
}

async function signIn(
	page: Page,
	base: string,
	account: { identifier: string; password: string; email: string },
): Promise<void> {
	await page.goto(`${base}/connexion`);
	await page.getByLabel("Identifiant").fill(account.identifier);
	await page.getByLabel("Mot de passe").fill(account.password);
	await page.getByRole("button", { name: "Se connecter" }).click();
	await page.waitForURL(/\/connexion\/verification/);
	await page.getByLabel("Code de vérification").fill(await newestSignInCode(base, account.email));
	await page.getByRole("button", { name: "Valider" }).click();
}

describe("a member signing in without JavaScript", () => {
	it("reaches the space with the code sent by e-mail, manages the account and signs out", async () => {
		const context: BrowserContext = await browser.newContext({ javaScriptEnabled: false, locale: "fr-FR" });
		const page = await context.newPage();
		try {
			await signIn(page, baseUrl, DEMO_ACCOUNTS.adherent2);
			await page.waitForURL(`${baseUrl}/adherent`);
			expect(await page.locator("h1").textContent()).toBe("Espace adhérent");
			await page
				.getByRole("navigation", { name: "Navigation de l'espace" })
				.getByRole("link", { name: "Mon compte" })
				.click();
			expect(await page.locator("h1").textContent()).toBe("Sécurité de mon compte");
			expect(await page.getByText("(cette session)").count()).toBe(1);
			await page.getByRole("button", { name: "Se déconnecter" }).first().click();
			await page.waitForURL(/\/connexion\?message=deconnecte/);
			expect(await page.getByText("Vous êtes déconnecté.").count()).toBe(1);
			const cookies = await context.cookies();
			expect(cookies.filter((cookie) => cookie.name === "__Host-espace_session")).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it("refuses a wrong password with a message announced to screen readers", async () => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		try {
			await page.goto(`${baseUrl}/connexion`);
			await page.getByLabel("Identifiant").fill(DEMO_ACCOUNTS.adherent2.identifier);
			await page.getByLabel("Mot de passe").fill("ce n'est pas le bon");
			await page.getByRole("button", { name: "Se connecter" }).click();
			expect(await page.getByRole("alert").textContent()).toContain("Identifiant ou mot de passe incorrect.");
			expect(await page.getByLabel("Identifiant").inputValue()).toBe(DEMO_ACCOUNTS.adherent2.identifier);
		} finally {
			await context.close();
		}
	});
});

describe("the private pages", () => {
	it("pass axe-core", async () => {
		const context = await browser.newContext({ locale: "fr-FR" });
		const page = await context.newPage();
		try {
			await page.goto(`${baseUrl}/connexion`);
			await expectAccessible(page);
			await page.getByLabel("Identifiant").fill(DEMO_ACCOUNTS.adherent2.identifier);
			await page.getByLabel("Mot de passe").fill(DEMO_ACCOUNTS.adherent2.password);
			await page.getByRole("button", { name: "Se connecter" }).click();
			await page.waitForURL(/\/connexion\/verification/);
			await expectAccessible(page);
			await page
				.getByLabel("Code de vérification")
				.fill(await newestSignInCode(baseUrl, DEMO_ACCOUNTS.adherent2.email));
			await page.getByRole("button", { name: "Valider" }).click();
			await page.waitForURL(`${baseUrl}/adherent`);
			for (const path of [
				"/adherent",
				"/compte/securite",
				"/compte/securite/application",
				"/compte/fermeture",
			]) {
				await page.goto(`${baseUrl}${path}`);
				await expectAccessible(page);
			}
		} finally {
			await context.close();
		}
	});
});

describe("the day a newer version of the CGU comes into force", () => {
	let host: RunningHost;
	let handle: DatabaseHandle;
	let laterUrl: string;

	beforeAll(async () => {
		const siteDir = inject("siteDir");
		const port = await freePort();
		const config = parseConfig({
			ESPACE_ENV: "test",
			PORT: String(port),
			PUBLIC_URL: `http://127.0.0.1:${port}`,
			DATABASE_URL: inject("databaseUrl"),
			SESSION_PEPPER: inject("sessionPepper"),
			LOG_LEVEL: "warn",
		});
		handle = createDatabase(config.database);
		await handle.ready;
		const assets = await loadSiteAssets(siteDir);
		host = await startNodeHost({
			deps: {
				config,
				db: handle.db,
				logger: createLogger("warn"),
				clock: steadyClock(new Date("2026-12-02T09:00:00Z")),
				randomBytes: cryptoRandomBytes,
				assets: async () => assets,
			},
			site: await StaticSite.load(join(siteDir)),
			host: "127.0.0.1",
			port,
		});
		laterUrl = config.publicUrl.origin;
	});

	afterAll(async () => {
		await host?.close();
		handle?.client.close();
	});

	it("is shown before anything else, and accepted", async () => {
		const context = await browser.newContext({ javaScriptEnabled: false, locale: "fr-FR" });
		const page = await context.newPage();
		try {
			await signIn(page, laterUrl, DEMO_ACCOUNTS.adherent1);
			await page.waitForURL(/\/compte\/cgu/);
			expect(await page.locator("h1").textContent()).toBe("Nouvelles conditions d'utilisation");
			expect(await page.getByRole("link", { name: /Voir les changements/ }).count()).toBe(1);
			await page.getByRole("button", { name: "Accepter et continuer" }).click();
			expect(await page.getByRole("alert").textContent()).toContain("Cochez la case");
			await page.getByLabel("J'ai la capacité juridique de donner mon consentement.").check();
			await page.getByLabel("J'accepte les présentes CGU").check();
			await page.getByRole("button", { name: "Accepter et continuer" }).click();
			await page.waitForURL(`${laterUrl}/adherent`);
			expect(await page.locator("h1").textContent()).toBe("Espace adhérent");
		} finally {
			await context.close();
		}
		const withScript = await browser.newContext();
		const check = await withScript.newPage();
		try {
			await signIn(check, laterUrl, DEMO_ACCOUNTS.adherent2);
			await check.waitForURL(/\/compte\/cgu/);
			await expectAccessible(check);
		} finally {
			await withScript.close();
		}
	});
});
