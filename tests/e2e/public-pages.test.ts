// Every pre-rendered public page, loaded in Chromium as a visitor on a phone would: its weight
// budget, no JavaScript, no accessibility violation, usable at 320 px and from the keyboard.
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { Browser, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations, describeViolations } from "../support/axe.ts";
import { launchChromium } from "../support/chromium.ts";

const baseUrl = inject("baseUrl");
const siteDir = inject("siteDir");

/** Every HTML page of the build, as the path a visitor types (`/cgu`, `/cgu/1.0`, `/`). */
function publicPaths(): string[] {
	return readdirSync(siteDir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith(".html") && entry.name !== "404.html")
		.map((entry) => `/${relative(siteDir, join(entry.parentPath, entry.name)).split(sep).join("/")}`)
		.map((path) => (path === "/index.html" ? "/" : path.replace(/\.html$/, "")))
		.sort();
}

const KB = 1024;
let browser: Browser;

beforeAll(async () => {
	browser = await launchChromium();
});

afterAll(async () => {
	await browser?.close();
});

async function load(path: string, width = 390): Promise<{ page: Page; requests: Request[] }> {
	const context = await browser.newContext({ viewport: { width, height: 800 }, locale: "fr-FR" });
	const page = await context.newPage();
	const requests: Request[] = [];
	page.on("requestfinished", (request) => requests.push(request));
	const response = await page.goto(`${baseUrl}${path}`, { waitUntil: "load" });
	expect(response?.status(), path).toBe(200);
	return { page, requests };
}

// Concurrent: each test has its own browser context, and a page load mostly waits on the server
// or on the browser's other processes (the e2e project runs at most 3 at a time).
describe.concurrent("public pages", () => {
	const paths = publicPaths();

	it("include the pages every visitor needs", () => {
		for (const path of [
			"/",
			"/cgu",
			"/cgu/versions",
			"/informations",
			"/donnees-personnelles",
			"/cookies",
			"/accessibilite",
			"/mentions-legales",
		]) {
			expect(paths).toContain(path);
		}
	});

	it.each(paths)("%s meets its weight budget and ships no JavaScript", async (path) => {
		const { page, requests } = await load(path);
		try {
			expect(await page.locator("script").count()).toBe(0);
			expect(requests.length, requests.map((r) => r.url()).join("\n")).toBeLessThanOrEqual(3);
			let transferred = 0;
			let javascript = 0;
			for (const request of requests) {
				const sizes = await request.sizes();
				transferred += sizes.responseBodySize + sizes.responseHeadersSize;
				if (request.resourceType() === "script") javascript += sizes.responseBodySize;
				if (request.resourceType() === "document") {
					expect(sizes.responseBodySize, `${path}: compressed HTML`).toBeLessThanOrEqual(14 * KB);
					expect((await request.response())?.headers()["content-encoding"]).toMatch(/^(br|gzip)$/);
				}
			}
			expect(javascript).toBe(0);
			expect(transferred, `${path}: bytes transferred`).toBeLessThanOrEqual(40 * KB);
		} finally {
			await page.context().close();
		}
	});

	it.each(paths)("%s passes axe-core and fits a 320 px screen", async (path) => {
		const { page } = await load(path, 320);
		try {
			const violations = await axeViolations(page);
			expect(violations, describeViolations(violations)).toEqual([]);
			const overflow = await page.evaluate(
				() => document.documentElement.scrollWidth - document.documentElement.clientWidth,
			);
			expect(overflow, `${path} scrolls sideways at 320 px`).toBeLessThanOrEqual(0);
			expect(await page.locator("h1").count()).toBe(1);
			expect(await page.getAttribute("html", "lang")).toBe("fr");
		} finally {
			await page.context().close();
		}
	});
});

describe("a keyboard user", () => {
	it("reaches the skip link first and lands on the main content", async () => {
		const { page } = await load("/");
		try {
			await page.keyboard.press("Tab");
			const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
			expect(focused).toBe("Aller au contenu");
			await page.keyboard.press("Enter");
			expect(page.url()).toMatch(/#contenu$/);
		} finally {
			await page.context().close();
		}
	});
});

describe("the terms of use", () => {
	// CGU art. 9
	it("link each article by a stable anchor", async () => {
		const { page } = await load("/cgu#article-8");
		try {
			for (let article = 1; article <= 9; article++) {
				expect(await page.locator(`#article-${article}`).count(), `article ${article}`).toBe(1);
			}
			expect(await page.locator("#article-8").textContent()).toMatch(/données personnelles/i);
		} finally {
			await page.context().close();
		}
	});
});

describe("an unknown address", () => {
	it("answers 404 with a page in French", async () => {
		const context = await browser.newContext();
		const page = await context.newPage();
		try {
			const response = await page.goto(`${baseUrl}/cette-page-n-existe-pas`);
			expect(response?.status()).toBe(404);
			expect(await page.locator("h1").textContent()).toMatch(/introuvable/i);
			const violations = await axeViolations(page);
			expect(violations, describeViolations(violations)).toEqual([]);
		} finally {
			await context.close();
		}
	});
});
