// The network finder in Chromium: searching by postal code without JavaScript (no script at all,
// under 30 KB transferred), by a commune's name through the suggestions, by specialty, and around
// a mocked position (asked only on the button's press), the professional's page, and axe-core on
// each page.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations, describeViolations } from "../support/axe.ts";
import { launchChromium } from "../support/chromium.ts";

const baseUrl = inject("baseUrl");
const NANTES = { latitude: 47.218, longitude: -1.554 };
let browser: Browser;

beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(async () => {
	await browser?.close();
});

async function withPage<T>(
	options: Parameters<Browser["newContext"]>[0],
	run: (page: Page, context: BrowserContext) => Promise<T>,
): Promise<T> {
	const context = await browser.newContext({ locale: "fr-FR", ...options });
	try {
		return await run(await context.newPage(), context);
	} finally {
		await context.close();
	}
}

async function expectNoAxeViolation(page: Page, what: string): Promise<void> {
	const violations = await axeViolations(page);
	expect(violations, `${what}\n${describeViolations(violations)}`).toEqual([]);
}

describe("the finder without JavaScript", () => {
	it("lists the opticians near a postal code, nearest first, under 30 KB and without any script", async () => {
		await withPage({ javaScriptEnabled: false }, async (page) => {
			const loaded: { url: string; type: string; bytes: number }[] = [];
			page.on("requestfinished", async (request) => {
				const sizes = await request.sizes();
				loaded.push({
					url: request.url(),
					type: request.resourceType(),
					bytes: sizes.responseBodySize + sizes.responseHeadersSize,
				});
			});
			await page.goto(`${baseUrl}/reseau`);
			await page.getByLabel("Commune ou code postal").fill("44000");
			await page.getByLabel("Spécialité").selectOption("optique");
			loaded.length = 0;
			await page.getByRole("button", { name: "Rechercher" }).click();
			await page.waitForURL(/\/reseau\?q=44000&specialite=optique$/);
			await page.waitForLoadState("load");
			expect(await page.locator("h2#resultats-titre").textContent()).toBe(
				"Optique : professionnels près de Nantes (44000)",
			);
			const results = page.locator("main ol > li");
			expect(await results.count()).toBeGreaterThan(0);
			expect(await results.first().locator("h3").textContent()).toBe("Optique de l'Erdre");
			const distances = await results.evaluateAll((items) =>
				items.map((item) => {
					const text = item.querySelector("p strong")?.textContent ?? "";
					const value = Number.parseFloat(text.replace(",", ".").replace(/\s/g, ""));
					return text.endsWith(" km") ? value : value / 1000;
				}),
			);
			expect(distances).toEqual([...distances].sort((a, b) => a - b));
			expect(await page.locator("script").count()).toBe(0);
			expect(loaded.filter((item) => item.type === "script")).toEqual([]);
			const total = loaded.reduce((sum, item) => sum + item.bytes, 0);
			expect(total, JSON.stringify(loaded)).toBeLessThanOrEqual(30 * 1024);
			await results.first().getByRole("link", { name: "Optique de l'Erdre" }).click();
			await page.waitForURL(/\/reseau\/professionnels\/\d+$/);
			expect(
				await page
					.getByRole("link", { name: "Itinéraire dans votre application de cartes" })
					.getAttribute("href"),
			).toMatch(/^geo:47\.\d+,-1\.\d+\?q=/);
		});
	});

	it("finds a commune by its name through the suggestions", async () => {
		await withPage({ javaScriptEnabled: false }, async (page) => {
			await page.goto(`${baseUrl}/reseau`);
			await page.getByLabel("Commune ou code postal").fill("saint denis");
			await page.getByRole("button", { name: "Rechercher" }).click();
			await page.getByRole("link", { name: "Saint-Denis (93200)" }).click();
			await page.waitForURL(/commune=93066/);
			expect(await page.locator("h2#resultats-titre").textContent()).toBe(
				"professionnels près de Saint-Denis (93200)",
			);
		});
	});

	it("keeps to the chosen specialty", async () => {
		await withPage({ javaScriptEnabled: false }, async (page) => {
			await page.goto(`${baseUrl}/reseau?q=Nantes&specialite=audioprothese`);
			expect(await page.locator("h2#resultats-titre").textContent()).toBe(
				"Audioprothèse : professionnels près de Nantes (44000)",
			);
			const kinds = await page.locator("main ol > li > p:nth-of-type(1)").allTextContents();
			expect(kinds.length).toBeGreaterThan(0);
			for (const kind of kinds) expect(kind).toMatch(/^Audioprothésiste · à /);
		});
	});
});

describe("« Autour de moi »", () => {
	it("asks for the position only on the button's press, then lists what is around it", async () => {
		await withPage({ geolocation: NANTES, permissions: ["geolocation"] }, async (page) => {
			// Counts the page's calls to the geolocation API (the init script runs through the
			// DevTools protocol, not as an inline script, so the CSP stays as in production).
			await page.addInitScript(() => {
				const geolocation = navigator.geolocation;
				const original = geolocation.getCurrentPosition.bind(geolocation);
				(window as unknown as { positionAsked: number }).positionAsked = 0;
				geolocation.getCurrentPosition = (...args: Parameters<Geolocation["getCurrentPosition"]>) => {
					(window as unknown as { positionAsked: number }).positionAsked++;
					original(...args);
				};
			});
			await page.goto(`${baseUrl}/reseau`);
			await page.getByRole("link", { name: "Autour de moi" }).click();
			await page.waitForURL(/\/reseau\/autour-de-moi/);
			await page.waitForLoadState("load");
			expect(await page.evaluate(() => (window as unknown as { positionAsked: number }).positionAsked)).toBe(
				0,
			);
			await page.getByLabel("Spécialité").selectOption("optique");
			await page.getByRole("button", { name: "Utiliser ma position" }).click();
			await page.waitForURL(/\/reseau\?specialite=optique&lat=47\.218&lon=-1\.554$/);
			expect(await page.locator("h2#resultats-titre").textContent()).toBe(
				"Optique : professionnels près de votre position",
			);
			expect(await page.locator("main ol > li h3").first().textContent()).toBe("Optique de l'Erdre");
		});
	});

	it("says so when the position is refused", async () => {
		await withPage({ permissions: [] }, async (page) => {
			await page.goto(`${baseUrl}/reseau/autour-de-moi`);
			await page.getByRole("button", { name: "Utiliser ma position" }).click();
			await expect
				.poll(() => page.locator("#autour-de-moi-etat").textContent())
				.toMatch(
					/Vous n'avez pas autorisé le partage de votre position|Votre position n'a pas pu être déterminée/,
				);
			expect(page.url()).toMatch(/\/reseau\/autour-de-moi$/);
		});
	});
});

describe("the finder's pages", () => {
	it("pass axe-core", async () => {
		await withPage({}, async (page) => {
			for (const path of [
				"/reseau",
				"/reseau?q=44000",
				"/reseau?q=Saint-Denis",
				"/reseau?q=Zzyzx",
				"/reseau/autour-de-moi",
			]) {
				await page.goto(`${baseUrl}${path}`);
				await expectNoAxeViolation(page, path);
			}
			await page.goto(`${baseUrl}/reseau?q=44000`);
			await page.locator("main ol > li h3 a").first().click();
			await page.waitForURL(/\/reseau\/professionnels\/\d+$/);
			await expectNoAxeViolation(page, page.url());
		});
	});
});
