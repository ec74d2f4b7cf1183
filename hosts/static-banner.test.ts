// CGU art. 4: the maintenance banner on the pre-rendered public pages, served by the Node host in
// production mode (ADR 0038). The pages stay the static files of the build while there is
// nothing to say; during a maintenance, or before an announced one, the host puts the banner at
// the top of <main>, without any script, with an ETag of its own (a browser never keeps the page
// of another state), compressed for the client; files other than pages are untouched; a state
// that cannot be read leaves the pages as built.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
	announceMaintenance,
	endMaintenance,
	forgetServiceState,
	startMaintenance,
} from "../core/maintenance.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { createTestDeps, productionTestEnv, type TestDeps } from "../tests/support/test-deps.ts";
import { createNodeFetch } from "./node.ts";
import { injectBanner } from "./static-banner.ts";
import { StaticSite } from "./static-site.ts";

// Long enough for the host to compress it (1 KB at least).
const PAGE = `<!doctype html><html lang="fr"><head><title>Cookies</title></head><body><header>En-tête</header><main id="contenu" class="container" tabindex="-1"><h1>Cookies</h1><p>${"Texte de la page. ".repeat(80)}</p></main></body></html>`;

let now = new Date("2026-11-26T09:00:00Z");
let deps: TestDeps;
let dir: string;
let fetch: ReturnType<typeof createNodeFetch>;

beforeAll(async () => {
	deps = createTestDeps({ clock: () => now }, productionTestEnv());
	expect(deps.config.env).toBe("production");
	await migrateDatabase(deps.db);
	dir = await mkdtemp(join(tmpdir(), "espace-static-banner-"));
	await mkdir(join(dir, "_astro"), { recursive: true });
	await writeFile(join(dir, "cookies.html"), PAGE);
	await writeFile(join(dir, "_astro", "site.abc123.css"), "body{color:black}");
	await writeFile(
		join(dir, "404.html"),
		'<!doctype html><title>Introuvable</title><main id="contenu"><h1>Page introuvable</h1></main>',
	);
	fetch = createNodeFetch(deps, await StaticSite.load(dir));
});
afterAll(async () => {
	deps.close();
	await rm(dir, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) =>
	fetch(new Request(`https://espace.example.org${path}`, { headers }));

describe("static pages and the maintenance banner (Node host, production mode)", () => {
	let plainEtag: string;

	it("serves the page exactly as built while there is nothing to announce", async () => {
		const response = await get("/cookies");
		expect(response.status).toBe(200);
		expect(await response.text()).toBe(await readFile(join(dir, "cookies.html"), "utf8"));
		plainEtag = response.headers.get("ETag") ?? "";
		expect(plainEtag).not.toBe("");
	});

	it("puts the banner at the top of <main> during a maintenance, with no script", async () => {
		await startMaintenance(deps.db, { endsAt: new Date("2026-11-26T11:00:00Z") }, now);
		const response = await get("/cookies");
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain(
			'<main id="contenu" class="container" tabindex="-1"><div class="alert alert-warning service-banner" role="status"><strong>Maintenance en cours.</strong>',
		);
		expect(html).toContain("Fin prévue le 26/11/2026 à 12:00.");
		expect(html).toContain('<a href="/etat-du-service">État du service</a>');
		expect(html).not.toContain("<script");
		expect(html).toContain("<h1>Cookies</h1>");
		expect(response.headers.get("Content-Security-Policy")).toContain("default-src 'self'");
		const etag = response.headers.get("ETag") ?? "";
		expect(etag).not.toBe(plainEtag);
		// The browser's copy without the banner is not kept; the one with it is.
		expect((await get("/cookies", { "If-None-Match": plainEtag })).status).toBe(200);
		expect((await get("/cookies", { "If-None-Match": etag })).status).toBe(304);
	});

	it("compresses the page with the banner for the clients that accept it", async () => {
		const response = await get("/cookies", { "Accept-Encoding": "gzip" });
		expect(response.headers.get("Content-Encoding")).toBe("gzip");
		const html = gunzipSync(new Uint8Array(await response.arrayBuffer())).toString("utf8");
		expect(html).toContain("Maintenance en cours.");
	});

	it("leaves other files untouched and shows the banner on the site's 404 page", async () => {
		const css = await get("/_astro/site.abc123.css");
		expect(await css.text()).toBe("body{color:black}");
		const missing = await get("/nulle-part");
		expect(missing.status).toBe(404);
		expect(await missing.text()).toContain("Maintenance en cours.");
	});

	it("announces a scheduled maintenance, and drops the banner once it is over", async () => {
		now = new Date("2026-11-26T09:01:00Z");
		await endMaintenance(deps.db, now);
		await announceMaintenance(
			deps.db,
			{
				message: "Mise à jour des serveurs.",
				startsAt: new Date("2026-12-01T20:00:00Z"),
				endsAt: new Date("2026-12-01T22:00:00Z"),
			},
			now,
		);
		forgetServiceState(deps.db);
		const announced = await (await get("/cookies")).text();
		expect(announced).toContain("Maintenance prévue le 01/12/2026 à 21:00.");
		expect(announced).toContain("Mise à jour des serveurs.");
		now = new Date("2026-12-02T09:00:00Z");
		forgetServiceState(deps.db);
		expect(await (await get("/cookies")).text()).toBe(PAGE);
	});

	it("serves the pages as built when the state cannot be read", async () => {
		const broken = createTestDeps({ clock: () => now }, productionTestEnv());
		try {
			const fetchBroken = createNodeFetch(broken, await StaticSite.load(dir));
			const response = await fetchBroken(new Request("https://espace.example.org/cookies"));
			expect(response.status).toBe(200);
			expect(await response.text()).toBe(PAGE);
		} finally {
			broken.close();
		}
	});

	it("leaves a page without <main> as it is", () => {
		expect(injectBanner("<p>rien</p>", "<div>x</div>")).toBe("<p>rien</p>");
	});
});
