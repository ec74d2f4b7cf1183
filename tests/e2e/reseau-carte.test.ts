// « Afficher la carte » in Chromium (ADR 0030): the list page requests no map code at all; the
// link opens the map page, which loads MapLibre's CSP build and its worker from the portal, draws
// every professional of the list (clustered or not) on France's packaged outline, keeps the list
// and the map in step, passes axe-core and fits a 360 px phone. WebGL needs a GPU or SwiftShader:
// this file's own browser runs with SwiftShader instead of the shared launcher's --disable-gpu.
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations, describeViolations } from "../support/axe.ts";
import { CHROMIUM_PATH } from "../support/chromium.ts";

const baseUrl = inject("baseUrl");
const MAP_CODE = /maplibre|\/_espace\/carte\/|\/reseau\/carte/;
let browser: Browser;

beforeAll(async () => {
	browser = await chromium.launch({
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: [
			"--headless",
			"--no-sandbox",
			"--use-angle=swiftshader",
			"--enable-unsafe-swiftshader",
			"--ignore-gpu-blocklist",
			"--disable-background-networking",
			"--disable-component-update",
			"--no-first-run",
			"--disable-quic",
			"--disable-sync",
		],
	});
});
afterAll(async () => {
	await browser?.close();
});

interface Loaded {
	readonly url: string;
}

async function openMap(
	width: number,
): Promise<{ page: Page; loaded: Loaded[]; csp: string[]; close: () => Promise<void> }> {
	const context = await browser.newContext({ locale: "fr-FR", viewport: { width, height: 740 } });
	const page = await context.newPage();
	const loaded: Loaded[] = [];
	const csp: string[] = [];
	page.on("request", (request) => {
		loaded.push({ url: request.url() });
	});
	page.on("console", (message) => {
		if (/Content Security Policy/i.test(message.text())) csp.push(message.text());
	});
	await page.goto(`${baseUrl}/reseau?q=44000&specialite=optique`, { waitUntil: "load" });
	return { page, loaded, csp, close: () => context.close() };
}

describe("the map of a search", () => {
	it("loads no map code before « Afficher la carte », then draws every professional of the list", async () => {
		const { page, loaded, csp, close } = await openMap(1280);
		try {
			expect(await page.locator("script").count()).toBe(0);
			expect(loaded.filter((item) => MAP_CODE.test(item.url))).toEqual([]);
			const listed = await page.locator("main ol > li").count();
			expect(listed).toBeGreaterThan(1);

			await page.getByRole("link", { name: "Afficher la carte" }).click();
			await page.waitForURL(/\/reseau\/carte\?commune=44109&specialite=optique$/);
			const map = page.locator("#carte");
			await page.waitForSelector("#carte[data-affiches]", { timeout: 60_000 });
			// What MapLibre actually rendered (single markers plus the members of each group).
			expect(Number(await map.getAttribute("data-affiches"))).toBe(listed);
			expect(await page.locator("#carte-etat").textContent()).toContain(
				`${listed} professionnels sur la carte`,
			);
			expect(await page.locator("#carte canvas").count()).toBe(1);
			const paths = loaded.map((item) => new URL(item.url).pathname);
			for (const path of [
				"/_espace/carte/maplibre-gl-csp.js",
				"/_espace/carte/maplibre-gl-csp-worker.js",
				"/_espace/carte/maplibre-gl.css",
				"/_espace/carte/france.json",
				"/reseau/carte/carte.js",
				"/reseau/carte/resultats.geojson",
			])
				expect(paths, path).toContain(path);
			expect(csp).toEqual([]);
			expect(await page.locator(".maplibregl-ctrl-attrib").textContent()).toContain("Natural Earth");
		} finally {
			await close();
		}
	}, 120_000);

	it("keeps the list and the map in step, from the list and from the map", async () => {
		const { page, close } = await openMap(1280);
		try {
			await page.getByRole("link", { name: "Afficher la carte" }).click();
			await page.waitForSelector("#carte[data-affiches]", { timeout: 60_000 });
			const first = page.locator("#carte-liste > li").first();
			const id = (await first.getAttribute("id"))?.replace("pro-", "");
			await first.getByRole("button", { name: /Situer sur la carte/ }).click();
			await expect.poll(() => first.getAttribute("class")).toContain("carte-choisi");
			expect(await page.locator("#carte-etat").textContent()).toMatch(/^1\. Optique de l'Erdre, à /);
			// Once the map has flown there, the chosen marker sits at its centre: choosing it on the
			// map brings its entry of the list into focus.
			await page.waitForSelector(`#carte[data-centre="${id}"]`, { timeout: 30_000 });
			await page.getByRole("link", { name: "Revenir à la liste" }).focus();
			await page.locator("#carte").scrollIntoViewIfNeeded();
			const box = await page.locator("#carte canvas").boundingBox();
			if (!box) throw new Error("the map's canvas has no box");
			await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
			await expect
				.poll(() =>
					page.evaluate(
						() =>
							`${document.activeElement?.closest("li")?.className ?? document.activeElement?.tagName} | ${document.getElementById("carte-etat")?.textContent}`,
					),
				)
				.toMatch(/^card carte-choisi \| \d+\. /);
			// The map itself takes the keyboard: its canvas is focusable and named.
			const canvas = page.locator("#carte canvas");
			expect(await canvas.getAttribute("tabindex")).toBe("0");
			expect(await canvas.getAttribute("aria-label")).toContain("Carte des résultats");
		} finally {
			await close();
		}
	}, 120_000);

	it("passes axe-core and fits a 360 px phone once the map is drawn", async () => {
		const { page, close } = await openMap(360);
		try {
			await page.getByRole("link", { name: "Afficher la carte" }).click();
			await page.waitForSelector("#carte[data-affiches]", { timeout: 60_000 });
			const violations = await axeViolations(page);
			expect(violations, describeViolations(violations)).toEqual([]);
			const widths = await page.evaluate(() => ({
				page: document.documentElement.scrollWidth,
				map: document.getElementById("carte")?.getBoundingClientRect().right ?? 0,
			}));
			expect(widths.page).toBeLessThanOrEqual(360);
			expect(widths.map).toBeLessThanOrEqual(360);
		} finally {
			await close();
		}
	}, 120_000);
});
