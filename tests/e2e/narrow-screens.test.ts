// No sideways scrolling anywhere on a phone (issue 11): every page, public or private, at 320 and
// 360 px. The public pages are read from the site's build; the dynamic ones from the edge app's
// own routes (a new page that this test does not know fails it), the private ones signed in as
// the demo member. A page fails when it is wider than the screen, when a box scrolls sideways
// (a table hiding « Part mutuelle » off-screen is no better than a page doing it), or when
// visible content is cut at the screen's edge.
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../demo/accounts.ts";
import { createApp } from "../../edge/app.tsx";
import { launchChromium } from "../support/chromium.ts";
import { signInEmployerInBrowser } from "../support/employer-testing.ts";
import { newestSignInCode } from "../support/mailbox.ts";
import { practiceTotpForServer } from "../support/practice.ts";
import { createTestDeps } from "../support/test-deps.ts";

const baseUrl = inject("baseUrl");
const siteDir = inject("siteDir");
const WIDTHS = [320, 360] as const;

/** Every HTML page of the build, as the path a visitor types. */
function publicPaths(): string[] {
	return readdirSync(siteDir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
		.map((entry) => `/${relative(siteDir, join(entry.parentPath, entry.name)).split(sep).join("/")}`)
		.map((path) => (path === "/index.html" ? "/" : path.replace(/\.html$/, "")))
		.filter((path) => path !== "/404")
		.sort();
}

/**
 * GET routes that are not pages: probes, the developer's mailbox, files to download, the API, and
 * the identity federations' start and return (redirects to and from the provider, ADR 0039; their
 * pages are checked in franceconnect.test.ts).
 */
const NOT_PAGES =
	/^\/(healthz|readyz|dev\/|api\/)|\.(pdf|csv|json)|\.pdf\}$|\*|\.js$|\.css$|\.geojson$|^\/compte\/donnees\/export$|^\/employeur\/dispenses\/:id\/demande$|^\/compte\/donnees\/archives\/:archive$|^\/connexion\/:fournisseur/;
/** Pages seen without an account: signing in and up, links from e-mails. */
const ANONYMOUS =
	/^\/(connexion|inscription|mot-de-passe-oublie|signalement|compte\/activer|compte\/email\/confirm)/;

/** Every GET page of the edge app, as its route pattern. */
function dynamicPages(): string[] {
	const app = createApp(createTestDeps());
	const pages = new Set<string>();
	for (const route of app.routes)
		if (route.method === "GET" && !NOT_PAGES.test(route.path)) pages.add(route.path);
	return [...pages].sort();
}

/** Route patterns with a parameter: the first matching link of the listed page gives a real one. */
const SAMPLES: Readonly<Record<string, { from: string; link: RegExp; text?: string; append?: string }>> = {
	"/adherent/remboursements/:id": {
		from: "/adherent/remboursements",
		link: /^\/adherent\/remboursements\/\d+$/,
	},
	"/adherent/releves/:statement{[0-9]+}": { from: "/adherent/releves", link: /^\/adherent\/releves\/\d+$/ },
	"/adherent/beneficiaires/:id/retrait": {
		from: "/adherent/beneficiaires",
		link: /^\/adherent\/beneficiaires\/\d+\/retrait$/,
	},
	"/adherent/reclamations/:id": { from: "/adherent/reclamations", link: /^\/adherent\/reclamations\/\d+$/ },
	"/reseau/professionnels/:id{[0-9]{1,9}}": {
		from: "/reseau?q=44000",
		link: /^\/reseau\/professionnels\/\d+$/,
	},
	"/professionnel/factures/:id": {
		from: "/professionnel/factures",
		link: /^\/professionnel\/factures\/\d+$/,
	},
	"/professionnel/paiements/:id": {
		from: "/professionnel/paiements",
		link: /^\/professionnel\/paiements\/\d+$/,
	},
	"/professionnel/contact/:id": {
		from: "/professionnel/contact",
		link: /^\/professionnel\/contact\/\d+$/,
	},
	// The QR code's link is printed as text on the member's card, not as a link.
	"/professionnel/carte/:token": {
		from: "/adherent/carte",
		link: /\/professionnel\/carte\/[A-Za-z0-9_-]{60}$/,
		text: "figure.qr code",
	},
	"/employeur/salaries/:id": { from: "/employeur/salaries", link: /^\/employeur\/salaries\/\d+$/ },
	"/employeur/salaries/:id/fin": {
		from: "/employeur/salaries?statut=couvert",
		link: /^\/employeur\/salaries\/\d+$/,
		append: "/fin",
	},
	"/employeur/salaries/:id/dispense": {
		from: "/employeur/salaries?statut=couvert",
		link: /^\/employeur\/salaries\/\d+$/,
		append: "/dispense",
	},
	"/employeur/salaries/affilier/import/:id": {
		from: "/employeur/salaries/affilier/import",
		link: /^\/employeur\/salaries\/affilier\/import\/\d+$/,
	},
	"/employeur/bordereaux/:id{[0-9]+}": {
		from: "/employeur/bordereaux",
		link: /^\/employeur\/bordereaux\/\d+$/,
	},
	"/compte/donnees/demandes/:id": {
		from: "/compte/donnees/demandes",
		link: /^\/compte\/donnees\/demandes\/\d+$/,
	},
	"/gestion/comptes/:identifier": {
		from: "/gestion/comptes?q=1000000001",
		link: /^\/gestion\/comptes\/\d{10}$/,
	},
	"/gestion/demandes/:id": { from: "/gestion/demandes", link: /^\/gestion\/demandes\/\d+$/ },
	"/gestion/preuve/:identifier": { from: "/gestion/comptes/1000000001", link: /^\/gestion\/preuve\/\d{10}$/ },
	"/gestion/demandes/messages/:id": {
		from: "/gestion/demandes?type=practice_message",
		link: /^\/gestion\/demandes\/messages\/\d+$/,
	},
	"/gestion/demandes/changements-bancaires/:id": {
		from: "/gestion/demandes?type=employer_bank_change",
		link: /^\/gestion\/demandes\/changements-bancaires\/\d+$/,
	},
};

let browser: Browser;
let member: BrowserContext;
/** The demo practice 3000000002 (3000000001 signs in in professionnel.test.ts: a TOTP code works once). */
let practice: BrowserContext;

const PRACTICE_PAGES = /^\/professionnel(\/|$)/;

/** The espace employeur's pages, signed in as the second demo company (the first is employeur.test.ts's). */
let employer: BrowserContext;

/** The back-office's pages are seen as the demo gestionnaire (admin: every area). */
let staff: BrowserContext;

beforeAll(async () => {
	browser = await launchChromium();
	member = await browser.newContext({ locale: "fr-FR", javaScriptEnabled: false });
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
	practice = await browser.newContext({ locale: "fr-FR", javaScriptEnabled: false });
	const desk = await practice.newPage();
	const pro = DEMO_ACCOUNTS.professionnel2;
	await desk.goto(`${baseUrl}/connexion`);
	await desk.getByLabel("Identifiant").fill(pro.identifier);
	await desk.getByLabel("Mot de passe").fill(pro.password);
	await desk.getByRole("button", { name: "Se connecter" }).click();
	await desk.waitForURL(/\/connexion\/verification/);
	await desk
		.getByLabel("Code de vérification")
		.fill(await practiceTotpForServer(inject("databaseUrl"), pro.identifier, inject("serverClockOffsetMs")));
	await desk.getByRole("button", { name: "Valider" }).click();
	await desk.waitForURL(`${baseUrl}/professionnel`);
	await desk.close();
	employer = await browser.newContext({ locale: "fr-FR", javaScriptEnabled: false });
	const employerPage = await employer.newPage();
	await signInEmployerInBrowser(employerPage, baseUrl, inject("databaseUrl"), "employeur2");
	await employerPage.close();
	staff = await browser.newContext({ locale: "fr-FR", javaScriptEnabled: false });
	const staffPage = await staff.newPage();
	const gestionnaire = DEMO_ACCOUNTS.gestionnaire1;
	await staffPage.goto(`${baseUrl}/connexion`);
	await staffPage.getByLabel("Identifiant").fill(gestionnaire.identifier);
	await staffPage.getByLabel("Mot de passe").fill(gestionnaire.password);
	await staffPage.getByRole("button", { name: "Se connecter" }).click();
	await staffPage.waitForURL(/\/connexion\/verification/);
	await staffPage
		.getByLabel("Code de vérification")
		.fill(await newestSignInCode(baseUrl, gestionnaire.email));
	await staffPage.getByRole("button", { name: "Valider" }).click();
	await staffPage.waitForURL(/\/(gestion|compte\/cgu)/);
	await staffPage.close();
});
afterAll(async () => {
	await browser?.close();
});

/** The signed-in context a private page is seen with: the employer's or the practice's for their space. */
function contextFor(path: string): BrowserContext {
	if (path.startsWith("/employeur")) return employer;
	if (path.startsWith("/gestion")) return staff;
	return path.startsWith("/professionnel") ? practice : member;
}

async function resolvePattern(pattern: string, lane: number): Promise<string> {
	if (!pattern.includes(":")) return pattern;
	const sample = SAMPLES[pattern];
	if (!sample) throw new Error(`no sample for the page ${pattern}: add one to SAMPLES`);
	const page = await tab(contextFor(sample.from), lane);
	await page.goto(`${baseUrl}${sample.from}`);
	const hrefs = sample.text
		? await page.$$eval(sample.text, (nodes) => nodes.map((node) => node.textContent ?? ""))
		: await page.$$eval("a[href]", (links) => links.map((link) => link.getAttribute("href") ?? ""));
	const href = hrefs.find((candidate) => sample.link.test(candidate));
	if (!href) throw new Error(`no link like ${sample.link} on ${sample.from}`);
	return (href.startsWith("http") ? new URL(href).pathname : href) + (sample.append ?? "");
}

/** What is wider than the screen on the page shown, in words a developer can act on. */
function overflowProblems(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const name = (element: Element) =>
			`${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}${element.className && typeof element.className === "string" ? `.${element.className.trim().split(/\s+/).join(".")}` : ""} « ${(element.textContent ?? "").trim().slice(0, 40)} »`;
		// Visually hidden content (a clipped table head, `.sr-only`) is not cut: nobody sees it.
		const clipped = (element: Element) => {
			for (let node: Element | null = element; node; node = node.parentElement) {
				const style = getComputedStyle(node);
				if (style.clip !== "auto" && style.clip !== "") return true;
				if (style.clipPath !== "none" && style.clipPath !== "") return true;
			}
			return false;
		};
		const problems: string[] = [];
		if (document.documentElement.scrollWidth > width)
			problems.push(`the page is ${document.documentElement.scrollWidth} px wide`);
		for (const element of document.body.querySelectorAll("*")) {
			const style = getComputedStyle(element);
			if (style.display === "none" || style.visibility === "hidden") continue;
			if (
				(style.overflowX === "auto" || style.overflowX === "scroll") &&
				element.scrollWidth > element.clientWidth + 1
			)
				problems.push(
					`${name(element)} scrolls sideways (${element.scrollWidth} px in ${element.clientWidth})`,
				);
			const box = element.getBoundingClientRect();
			if (box.width > 1 && box.right > width + 1 && !clipped(element))
				problems.push(`${name(element)} ends at ${Math.round(box.right)} px`);
		}
		return problems.slice(0, 10);
	});
}

/** Tabs kept open per context and lane: a new tab starts a renderer, about as long as a page load. */
const tabs = new Map<BrowserContext, Page[]>();

async function tab(context: BrowserContext, lane: number): Promise<Page> {
	const open = tabs.get(context) ?? [];
	tabs.set(context, open);
	open[lane] ??= await context.newPage();
	return open[lane];
}

/**
 * The page at each width: loaded once at the narrowest, then the same document resized (a reflow
 * answers the question as a reload would, for half the page loads of the crawl).
 */
async function check(context: BrowserContext, path: string, lane = 0): Promise<string[]> {
	const page = await tab(context, lane);
	await page.setViewportSize({ width: WIDTHS[0], height: 740 });
	const response = await page.goto(`${baseUrl}${path}`, { waitUntil: "load" });
	expect(response?.status(), `${path} answered`).toBeLessThan(500);
	const problems: string[] = [];
	for (const width of WIDTHS) {
		if (width !== WIDTHS[0]) await page.setViewportSize({ width, height: 740 });
		problems.push(...(await overflowProblems(page)).map((problem) => `${path} at ${width} px: ${problem}`));
	}
	return problems;
}

/**
 * `task` over every item, a few at a time, each lane with its own tabs (results in the items'
 * order): a page load mostly waits on the server or on the browser's other processes, so three
 * lanes keep both cores busy.
 */
async function inPool<T, R>(
	items: readonly T[],
	task: (item: T, lane: number) => Promise<R>,
	width = 3,
): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	const run = async (lane: number) => {
		for (let index = next++; index < items.length; index = next++)
			results[index] = await task(items[index] as T, lane);
	};
	await Promise.all(Array.from({ length: Math.min(width, items.length) }, (_, lane) => run(lane)));
	return results;
}

/** Every page checked at each width, their problems in the pages' order. */
async function checkAll(pages: readonly (readonly [BrowserContext, string])[]): Promise<string[]> {
	return (await inPool(pages, ([context, path], lane) => check(context, path, lane))).flat();
}

describe("the capacity statement on a narrow phone", () => {
	it("shows every radio button of the same size, however long its label", async () => {
		const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 360, height: 740 } });
		try {
			const page = await context.newPage();
			await page.goto(`${baseUrl}/inscription?espace=adherent`);
			const sizes = await page.$$eval('input[type="radio"], input[type="checkbox"]', (inputs) =>
				inputs.map((input) => {
					const box = input.getBoundingClientRect();
					return `${Math.round(box.width)}×${Math.round(box.height)}`;
				}),
			);
			expect(sizes.length).toBeGreaterThan(2);
			expect(new Set(sizes)).toEqual(new Set(["24×24"]));
		} finally {
			await context.close();
		}
	});
});

describe("every page on a narrow phone", () => {
	it("knows every page of the edge app", () => {
		const unknown = dynamicPages().filter((pattern) => pattern.includes(":") && !SAMPLES[pattern]);
		expect(unknown).toEqual([]);
	});

	it("public pages of the site's build fit 320 and 360 px", async () => {
		const paths = publicPaths();
		expect(paths.length).toBeGreaterThan(10);
		const anonymous = await browser.newContext({ locale: "fr-FR" });
		try {
			expect(await checkAll(paths.map((path) => [anonymous, path]))).toEqual([]);
		} finally {
			await anonymous.close();
		}
	}, 300_000);

	it("dynamic pages fit 320 and 360 px, signed in for the private ones", async () => {
		const anonymous = await browser.newContext({ locale: "fr-FR" });
		try {
			// The espace professionnel's pages are checked by the test below, in a time of their own.
			const patterns = dynamicPages().filter((page) => !PRACTICE_PAGES.test(page));
			expect(patterns.length).toBeGreaterThan(30);
			const pages = await inPool(patterns, async (pattern, lane): Promise<[BrowserContext, string]> => {
				if (ANONYMOUS.test(pattern)) return [anonymous, pattern];
				const path = await resolvePattern(pattern, lane);
				return [contextFor(path), path];
			});
			expect(await checkAll(pages)).toEqual([]);
		} finally {
			await anonymous.close();
		}
		// Every space adds pages; on a loaded 2-core machine 300 s was no longer enough.
	}, 600_000);

	it("the network finder's results and suggestions fit 320 and 360 px", async () => {
		const anonymous = await browser.newContext({ locale: "fr-FR" });
		try {
			const paths = ["/reseau?q=44000", "/reseau?q=Saint-Denis", "/reseau?q=Zzyzx", "/reseau/carte?q=44000"];
			expect(await checkAll(paths.map((path) => [anonymous, path]))).toEqual([]);
		} finally {
			await anonymous.close();
		}
	}, 120_000);

	it("the espace professionnel's pages fit 320 and 360 px, signed in as a practice", async () => {
		const patterns = dynamicPages().filter((page) => PRACTICE_PAGES.test(page));
		expect(patterns.length).toBeGreaterThan(5);
		const pages = await inPool(patterns, async (pattern, lane): Promise<[BrowserContext, string]> => {
			const path = await resolvePattern(pattern, lane);
			return [contextFor(path), path];
		});
		expect(await checkAll(pages)).toEqual([]);
	}, 300_000);
});
