import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StaticSite } from "./static-site.ts";

let dir: string;
let site: StaticSite;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), "espace-static-"));
	await mkdir(join(dir, "_astro"), { recursive: true });
	await mkdir(join(dir, "cgu"), { recursive: true });
	await writeFile(join(dir, "index.html"), "<h1>Accueil</h1>");
	await writeFile(join(dir, "index.html.gz"), gzipSync("<h1>Accueil</h1>"));
	await writeFile(join(dir, "cgu.html"), "<h1>CGU</h1>");
	await writeFile(join(dir, "cgu", "1.0.html"), "<h1>CGU 1.0</h1>");
	await writeFile(join(dir, "404.html"), "<h1>Page introuvable</h1>");
	await writeFile(join(dir, "_astro", "espace.abc123.css"), "body{color:#111}");
	await writeFile(join(dir, "_headers"), "/*\n  X-Test: 1");
	site = await StaticSite.load(dir);
});

afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) =>
	site.serve(new Request(`http://localhost${path}`, { headers }));

describe("StaticSite", () => {
	it("serves pages by their path without extension, as Astro's file format builds them", async () => {
		expect(await get("/")?.text()).toBe("<h1>Accueil</h1>");
		expect(await get("/cgu")?.text()).toBe("<h1>CGU</h1>");
		expect(await get("/cgu/1.0")?.text()).toBe("<h1>CGU 1.0</h1>");
		expect(get("/cgu")?.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
	});

	it("sends the precompressed variant the browser accepts", async () => {
		const response = get("/", { "Accept-Encoding": "gzip, deflate, br" });
		expect(response?.headers.get("Content-Encoding")).toBe("gzip");
		expect(response?.headers.get("Vary")).toBe("Accept-Encoding");
		expect(get("/")?.headers.get("Content-Encoding")).toBeNull();
	});

	it("answers 304 when the browser already has the same version", () => {
		const etag = get("/cgu")?.headers.get("ETag") ?? "";
		expect(etag).toMatch(/^".+"$/);
		expect(get("/cgu", { "If-None-Match": etag })?.status).toBe(304);
		expect(get("/cgu", { "If-None-Match": '"autre"' })?.status).toBe(200);
	});

	it("marks hashed assets immutable and pages to revalidate", () => {
		expect(get("/_astro/espace.abc123.css")?.headers.get("Cache-Control")).toContain("immutable");
		expect(get("/cgu")?.headers.get("Cache-Control")).toBe("public, no-cache");
	});

	it("sets the security headers on static files too", () => {
		const headers = get("/cgu")?.headers;
		expect(headers?.get("Content-Security-Policy")).toContain("script-src 'self'");
		expect(headers?.get("X-Content-Type-Options")).toBe("nosniff");
	});

	it("redirects a trailing slash to the canonical path", () => {
		const response = get("/cgu/");
		expect(response?.status).toBe(301);
		expect(response?.headers.get("Location")).toBe("/cgu");
	});

	it("leaves unknown paths, build files and other methods to the caller", async () => {
		expect(get("/inconnu")).toBeUndefined();
		expect(get("/_headers")).toBeUndefined();
		expect(get("/%E0%A4%A")).toBeUndefined();
		expect(site.serve(new Request("http://localhost/cgu", { method: "POST" }))).toBeUndefined();
		const notFound = site.notFound(new Request("http://localhost/inconnu"));
		expect(notFound.status).toBe(404);
		expect(await notFound.text()).toContain("Page introuvable");
	});

	it("answers HEAD without a body", async () => {
		const response = site.serve(new Request("http://localhost/cgu", { method: "HEAD" }));
		expect(response?.status).toBe(200);
		expect(await response?.text()).toBe("");
	});
});
