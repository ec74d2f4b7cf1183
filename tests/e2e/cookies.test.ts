// « Only the session cookie, ever » (article 8 of the CGU, the /cookies page): a real browser
// crawls the portal signed out and signed in in every space, following every same-origin link
// (one URL per shape: /adherent/remboursements/1 and /2 are the same page), and fails on any
// cookie other than the session cookie, on a session cookie that would outlive the browser
// (Expires or Max-Age), and on any request to another origin (fonts, analytics, maps, CDNs).
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../demo/accounts.ts";
import { launchChromium } from "../support/chromium.ts";
import { newestSignInCode } from "../support/mailbox.ts";
import { unusedTotpCode } from "../support/unused-totp.ts";

const baseUrl = inject("baseUrl");
const SESSION_COOKIE = "__Host-espace_session";
/** Downloads and state changes are not pages to crawl. */
const SKIP = /\.(pdf|csv|zip|json|xml|txt|svg|png|jpe?g|webp|ico)$|^\/(deconnexion|dev\/|api\/)|\/export$/;
const MAX_PAGES = 120;
let browser: Browser;

beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(async () => {
	await browser?.close();
});

interface CrawlReport {
	readonly visited: string[];
	readonly problems: string[];
}

/** "/adherent/remboursements/123?page=2" and "/adherent/remboursements/9" have one shape. */
function shapeOf(path: string): string {
	return path.replace(/\?.*$/, "").replace(/\/\d+(?=\/|$)/g, "/:n");
}

async function cookieProblems(context: BrowserContext, where: string): Promise<string[]> {
	const problems: string[] = [];
	for (const cookie of await context.cookies()) {
		if (cookie.name !== SESSION_COOKIE) problems.push(`${where}: cookie « ${cookie.name} » set`);
		else if (cookie.expires !== -1)
			problems.push(`${where}: the session cookie is persistent (expires ${cookie.expires})`);
		else if (!cookie.httpOnly || !cookie.secure || cookie.sameSite !== "Lax")
			problems.push(`${where}: the session cookie lacks HttpOnly, Secure or SameSite=Lax`);
	}
	return problems;
}

/** Breadth-first over same-origin links from `starts`, one URL per shape. */
async function crawl(context: BrowserContext, starts: readonly string[]): Promise<CrawlReport> {
	const problems: string[] = [];
	const page = await context.newPage();
	let current = "";
	page.on("request", (request) => {
		const url = new URL(request.url());
		if (url.protocol === "data:" || url.protocol === "blob:") return;
		if (url.origin !== baseUrl) problems.push(`${current}: request to ${url.origin}`);
	});
	const queue = [...starts];
	const seen = new Set(queue.map(shapeOf));
	const visited: string[] = [];
	try {
		while (queue.length > 0 && visited.length < MAX_PAGES) {
			const path = queue.shift() as string;
			current = path;
			const response = await page.goto(`${baseUrl}${path}`, { waitUntil: "load" });
			visited.push(path);
			if ((response?.status() ?? 500) >= 500) problems.push(`${path}: ${response?.status()}`);
			problems.push(...(await cookieProblems(context, path)));
			const hrefs = await page.$$eval("a[href]", (links) =>
				links.map((link) => (link as HTMLAnchorElement).href),
			);
			for (const href of hrefs) {
				const url = new URL(href);
				if (url.origin !== baseUrl) continue;
				const next = url.pathname + url.search;
				if (SKIP.test(url.pathname) || (url.hash && url.pathname === new URL(page.url()).pathname)) continue;
				const shape = shapeOf(next);
				if (seen.has(shape)) continue;
				seen.add(shape);
				queue.push(next);
			}
		}
	} finally {
		await page.close();
	}
	return { visited, problems };
}

async function signIn(
	context: BrowserContext,
	account: (typeof DEMO_ACCOUNTS)[keyof typeof DEMO_ACCOUNTS],
): Promise<string> {
	const page: Page = await context.newPage();
	try {
		await page.goto(`${baseUrl}/connexion`);
		await page.getByLabel("Identifiant").fill(account.identifier);
		await page.getByLabel("Mot de passe").fill(account.password);
		await page.getByRole("button", { name: "Se connecter" }).click();
		await page.waitForURL(/\/connexion\/verification/);
		const code = account.totpSecret
			? await unusedTotpCode({
					databaseUrl: inject("databaseUrl"),
					identifier: account.identifier,
					secret: account.totpSecret,
					serverClockOffsetMs: inject("serverClockOffsetMs"),
				})
			: await newestSignInCode(baseUrl, account.email);
		await page.getByLabel("Code de vérification").fill(code);
		await page.getByRole("button", { name: "Valider" }).click();
		await page.waitForURL((url) => !url.pathname.startsWith("/connexion"));
		return new URL(page.url()).pathname;
	} finally {
		await page.close();
	}
}

describe("only the session cookie, and no third-party request", () => {
	// CGU art. 8
	it("signed out: the public site and the sign-in pages set no cookie at all", async () => {
		const context = await browser.newContext({ locale: "fr-FR" });
		try {
			const report = await crawl(context, [
				"/",
				"/connexion",
				"/inscription",
				"/mot-de-passe-oublie",
				"/cookies",
			]);
			expect(report.visited.length).toBeGreaterThan(10);
			expect(report.problems).toEqual([]);
			expect(await context.cookies()).toEqual([]);
		} finally {
			await context.close();
		}
	});

	for (const key of ["adherent1", "employeur1", "professionnel1"] as const) {
		it(`signed in as ${key}: every page of the space sets the session cookie only, for the session only`, async () => {
			const context = await browser.newContext({ locale: "fr-FR" });
			try {
				const landing = await signIn(context, DEMO_ACCOUNTS[key]);
				const report = await crawl(context, [landing, "/compte/donnees", "/compte/securite"]);
				expect(report.visited.length).toBeGreaterThan(key === "adherent1" ? 20 : 5);
				expect(report.problems).toEqual([]);
				const names = (await context.cookies()).map((cookie) => cookie.name);
				expect(names).toEqual([SESSION_COOKIE]);
			} finally {
				await context.close();
			}
		});
	}
});
