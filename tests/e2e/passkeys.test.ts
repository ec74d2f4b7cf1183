// Passkeys in Chromium with a virtual authenticator (the DevTools protocol's WebAuthn domain):
// enrolment from the account, a passwordless sign-in, a passkey as the second factor, a revoked
// passkey refused, and a cloned authenticator (its signature counter going back) refused.
// WebAuthn refuses an IP address as the relying party, so this file starts its own portal on
// http://localhost (the shared one answers on 127.0.0.1), on the site built by the global setup.
import type { Browser, BrowserContext, CDPSession, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../demo/accounts.ts";
import { axeViolations, describeViolations } from "../support/axe.ts";
import { launchChromium } from "../support/chromium.ts";
import { newestSignInCode } from "../support/mailbox.ts";
import { startTestPortal } from "../support/test-portal.ts";

const account = DEMO_ACCOUNTS.adherent1;
let baseUrl = "";
let close: () => Promise<void> = async () => {};
let browser: Browser;
let context: BrowserContext;
let page: Page;
let cdp: CDPSession;
let authenticatorId = "";

beforeAll(async () => {
	const portal = await startTestPortal({ siteDir: inject("siteDir"), publicHost: "localhost", scale: 0.2 });
	baseUrl = portal.config.publicUrl.origin;
	close = portal.close;
	browser = await launchChromium();
	context = await browser.newContext({ locale: "fr-FR" });
	context.setDefaultTimeout(15_000);
	page = await context.newPage();
	cdp = await context.newCDPSession(page);
	await cdp.send("WebAuthn.enable");
	({ authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
		options: {
			protocol: "ctap2",
			transport: "internal",
			hasResidentKey: true,
			hasUserVerification: true,
			isUserVerified: true,
			automaticPresenceSimulation: true,
		},
	}));
});

afterAll(async () => {
	await browser?.close();
	await close();
});

async function signInWithPassword(): Promise<void> {
	await page.goto(`${baseUrl}/connexion`);
	await page.getByLabel("Identifiant").fill(account.identifier);
	await page.getByLabel("Mot de passe").fill(account.password);
	await page.getByRole("button", { name: "Se connecter" }).click();
	await page.waitForURL(/\/connexion\/verification/);
}

async function signInFully(): Promise<void> {
	await signInWithPassword();
	await page.getByLabel("Code de vérification").fill(await newestSignInCode(baseUrl, account.email));
	await page.getByRole("button", { name: "Valider" }).click();
	await page.waitForURL(/\/(adherent|compte\/cgu)/);
}

async function signOut(): Promise<void> {
	await page.getByRole("button", { name: "Se déconnecter" }).click();
	await page.waitForURL(/\/connexion/);
}

async function enrol(name: string): Promise<void> {
	await page.goto(`${baseUrl}/compte/securite`);
	await page.getByRole("link", { name: "Gérer mes clés d'accès" }).click();
	await page.waitForURL(`${baseUrl}/compte/cles-d-acces`);
	await page.getByLabel("Nom de la clé").fill(name);
	await page.getByRole("button", { name: "Ajouter une clé d'accès" }).click();
	await page.waitForURL(/message=ajoutee/);
}

async function passwordlessAttempt(): Promise<void> {
	await page.goto(`${baseUrl}/connexion`);
	await page.getByRole("link", { name: "Se connecter avec une clé d'accès" }).click();
	await page.waitForURL(/\/connexion\/cle-d-acces/);
	await page.getByRole("button", { name: "Utiliser ma clé d'accès" }).click();
	await page.waitForLoadState("load");
}

async function errorText(): Promise<string> {
	return (await page.locator(".error-summary").textContent()) ?? "";
}

describe("passkeys in Chromium with a virtual authenticator", () => {
	it("enrols a passkey, signs in with it alone, and refuses it once revoked", async () => {
		await page.goto(`${baseUrl}/connexion/cle-d-acces`);
		const signInViolations = await axeViolations(page);
		expect(signInViolations, describeViolations(signInViolations)).toEqual([]);
		await signInFully();
		await enrol("Mon ordinateur");
		const row = page.locator("tr", { hasText: "Mon ordinateur" });
		expect(await row.textContent()).toContain("Jamais");
		const violations = await axeViolations(page);
		expect(violations, describeViolations(violations)).toEqual([]);
		await signOut();

		await passwordlessAttempt();
		await page.waitForURL(/\/(adherent|compte\/cgu)/);
		await page.goto(`${baseUrl}/compte/cles-d-acces`);
		expect(await page.locator("tr", { hasText: "Mon ordinateur" }).textContent()).not.toContain("Jamais");

		await page
			.locator("tr", { hasText: "Mon ordinateur" })
			.getByRole("button", { name: /Supprimer/ })
			.click();
		await page.waitForURL(/message=supprimee/);
		await signOut();
		await passwordlessAttempt();
		expect(page.url()).toContain("/connexion/cle-d-acces");
		expect(await errorText()).toContain("Cette clé d'accès a été supprimée");
		await cdp.send("WebAuthn.clearCredentials", { authenticatorId });
	});

	it("uses a passkey as the second factor, and refuses a cloned authenticator whose counter goes back", async () => {
		await context.clearCookies();
		await signInFully();
		await enrol("Ma clé");
		await signOut();

		await signInWithPassword();
		await page.getByRole("link", { name: "Utiliser plutôt une clé d'accès" }).click();
		await page.waitForURL(/\/connexion\/verification\/cle-d-acces/);
		const violations = await axeViolations(page);
		expect(violations, describeViolations(violations)).toEqual([]);
		await page.getByRole("button", { name: "Utiliser ma clé d'accès" }).click();
		await page.waitForURL(/\/(adherent|compte\/cgu)/);
		await signOut();

		// The clone: the credential as it is now, copied aside; the original signs in once more.
		const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
		const [copy] = credentials;
		if (!copy) throw new Error("no credential in the virtual authenticator");
		await passwordlessAttempt();
		await page.waitForURL(/\/(adherent|compte\/cgu)/);
		await signOut();
		// The copy, with its older counter, is then used.
		await cdp.send("WebAuthn.clearCredentials", { authenticatorId });
		await cdp.send("WebAuthn.addCredential", { authenticatorId, credential: copy });
		await passwordlessAttempt();
		expect(page.url()).toContain("/connexion/cle-d-acces");
		expect(await errorText()).toContain("semble avoir été copiée");
		// And the passkey stays refused afterwards, whatever its counter.
		await signInFully();
		await page.goto(`${baseUrl}/compte/cles-d-acces`);
		expect(await page.locator("tr", { hasText: "Ma clé" }).textContent()).toContain("Supprimée le");
	});

	it("says that the ceremony needs JavaScript when it is off, and changes nothing", async () => {
		const noScript = await browser.newContext({ locale: "fr-FR", javaScriptEnabled: false });
		noScript.setDefaultTimeout(15_000);
		try {
			const other = await noScript.newPage();
			await other.goto(`${baseUrl}/connexion/cle-d-acces`);
			expect(await other.locator("main").textContent()).toContain("Cette étape utilise JavaScript.");
			await other.getByRole("button", { name: "Utiliser ma clé d'accès" }).click();
			await other.waitForLoadState("load");
			expect(await other.locator(".error-summary").textContent()).toContain("Cette étape demande JavaScript");
		} finally {
			await noScript.close();
		}
	});
});
