// FranceConnect in Chromium (ADR 0039), against a real OpenID Connect provider on 127.0.0.1
// configured like FranceConnect: the button, the provider's redirects, the linking page and its
// second factor (axe-core on both), the member's space, sign-out at the provider, and a later
// sign-in that goes straight in. This file starts its own portal: the provider must know the
// portal's address before either starts.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../demo/accounts.ts";
import { axeViolations, describeViolations } from "../support/axe.ts";
import { launchChromium } from "../support/chromium.ts";
import { freePort } from "../support/free-port.ts";
import { newestSignInCode } from "../support/mailbox.ts";
import { startTestOidcProvider, type TestOidcProvider } from "../support/oidc-provider.ts";
import { startTestPortal } from "../support/test-portal.ts";

const account = DEMO_ACCOUNTS.adherent1;
let baseUrl = "";
let closePortal: () => Promise<void> = async () => {};
let provider: TestOidcProvider;
let browser: Browser;
let page: Page;

beforeAll(async () => {
	const port = await freePort();
	// The portal on "localhost", the provider on 127.0.0.1: two hosts, so each keeps its own cookies.
	baseUrl = `http://localhost:${port}`;
	provider = await startTestOidcProvider({ kind: "franceconnect", clientOrigin: baseUrl });
	provider.person("fc-e2e", { given_name: "Camille", family_name: "Bernard", birthdate: "1982-03-04" });
	const portal = await startTestPortal({
		siteDir: inject("siteDir"),
		publicHost: "localhost",
		scale: 0.2,
		port,
		env: provider.env,
	});
	closePortal = portal.close;
	browser = await launchChromium();
	const context = await browser.newContext({ locale: "fr-FR" });
	context.setDefaultTimeout(15_000);
	page = await context.newPage();
});

afterAll(async () => {
	await browser?.close();
	await closePortal();
	await provider?.close();
});

/** axe-core on the page, and no sideways scrolling on a 320 px phone (the crawl cannot reach these pages). */
async function expectAccessible(): Promise<void> {
	const violations = await axeViolations(page);
	expect(violations, describeViolations(violations)).toEqual([]);
	const viewport = page.viewportSize();
	await page.setViewportSize({ width: 320, height: 740 });
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width, `${page.url()} at 320 px`).toBeLessThanOrEqual(320);
	if (viewport) await page.setViewportSize(viewport);
}

async function continueWithFranceConnect(): Promise<void> {
	provider.next({ sub: "fc-e2e", acr: "eidas1" });
	await page.goto(`${baseUrl}/connexion`);
	await page.getByRole("link", { name: "Se connecter avec FranceConnect" }).click();
}

describe("FranceConnect in a browser", () => {
	it("links the identity once with the password and the code, then signs in straight away", async () => {
		await continueWithFranceConnect();
		await page.waitForURL(`${baseUrl}/connexion/federation/liaison`);
		await page.getByText("FranceConnect vous a identifié : Camille Bernard.").waitFor();
		await expectAccessible();
		await page.getByLabel("Identifiant").fill(account.identifier);
		await page.getByLabel("Mot de passe").fill(account.password);
		await page.getByRole("button", { name: "Me connecter et relier" }).click();
		await page.waitForURL(`${baseUrl}/connexion/federation/liaison/verification`);
		await expectAccessible();
		await page.getByLabel("Code de vérification").fill(await newestSignInCode(baseUrl, account.email));
		await page.getByRole("button", { name: "Valider et relier" }).click();
		await page.waitForURL(/\/(adherent|compte\/cgu)/);

		await page.goto(`${baseUrl}/compte/securite`);
		await page.getByText(/FranceConnect, reliée le/).waitFor();
		await expectAccessible();

		// Signing out goes through the provider's own logout, then back to the sign-in page.
		await page.getByRole("button", { name: "Se déconnecter" }).first().click();
		await page.waitForURL(new RegExp(`^${provider.issuer}/session/end`));
		await page.locator("button[name=logout]").click();
		await page.waitForURL(`${baseUrl}/connexion?message=deconnecte`);

		await continueWithFranceConnect();
		await page.waitForURL(/\/(adherent|compte\/cgu)/);
		const cookies = await page.context().cookies(baseUrl);
		expect(cookies.map((cookie) => cookie.name)).toEqual(["__Host-espace_session"]);
	});
});
