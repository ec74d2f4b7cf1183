// `/reseau` on the seeded demo population, through the real app: searching by postal code,
// commune, position and specialty, the suggestions, the errors, the professional's page, the
// headers (geolocation allowed here only), the rate limit and the signed-in member's offers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.ts";
import { professionalNetworks, professionalPractices, professionals } from "../../../schema/tables/index.ts";
import { createSeededTestDatabase } from "../../../tests/support/demo.ts";
import { createTestApp, signInDemoMember, withCookie } from "../../../tests/support/route-testing.ts";
import type { App } from "../../app.tsx";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
const now = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;
let app: App;

beforeAll(async () => {
	handle = await createSeededTestDatabase({
		scale: 1,
		seed: 42,
		pepper: PEPPER,
		now: new Date("2026-11-20T08:00:00Z"),
	});
	app = createTestApp({ db: handle.db, clock: () => now, pepper: PEPPER });
}, 60_000);
afterAll(() => handle.client.close());

async function page(
	path: string,
	init?: RequestInit,
): Promise<{ status: number; html: string; response: Response }> {
	const response = await app.request(path, init);
	return { status: response.status, html: await response.text(), response };
}

describe("the finder's search page", () => {
	it("shows the form and no listing until a place is given", async () => {
		const { status, html, response } = await page("/reseau");
		expect(status).toBe(200);
		expect(html).toContain("Commune ou code postal");
		expect(html).toContain('href="/reseau/autour-de-moi"');
		expect(html).not.toContain("/reseau/professionnels/");
		expect(response.headers.get("Permissions-Policy")).toContain("geolocation=(self)");
		// Only a specialty is not a search either: still no listing.
		expect((await page("/reseau?specialite=optique")).html).not.toContain("/reseau/professionnels/");
	});

	it("finds the opticians near a postal code, nearest first, with everything a visitor needs, without script", async () => {
		const { status, html } = await page("/reseau?q=44000&specialite=optique");
		expect(status).toBe(200);
		expect(html).toContain("Optique : professionnels près de Nantes (44000)");
		const first = html.indexOf("Optique de l&#39;Erdre");
		expect(first).toBeGreaterThan(0);
		for (const text of [
			"18 rue de Strasbourg",
			"44000 Nantes",
			'href="tel:',
			"100 % Santé",
			"Accès sans marche",
			"Horaires d&#39;ouverture",
			"Lundi",
			"8 h 30 – 18 h 30",
		]) {
			expect(html, text).toContain(text);
		}
		expect(html).toMatch(/à <strong>\d+ m<\/strong>|à <strong>[\d,]+ km<\/strong>/);
		expect(html).not.toContain("<script");
		expect(new TextEncoder().encode(html).length).toBeLessThanOrEqual(30 * 1024);
	});

	it("finds the same place by the commune's name, as typed or as suggested", async () => {
		for (const q of ["nantes", "Nantes (44000)"]) {
			const { status, html } = await page(`/reseau?q=${encodeURIComponent(q)}&specialite=optique`);
			expect(status, q).toBe(200);
			expect(html).toContain("professionnels près de Nantes (44000)");
			expect(html).toContain("Optique de l&#39;Erdre");
		}
	});

	it("offers the communes to choose from as links when a name is shared", async () => {
		const { status, html } = await page("/reseau?q=Saint-Denis&specialite=dentaire");
		expect(status).toBe(200);
		expect(html).toContain("Plusieurs communes correspondent");
		expect(html).toContain('href="/reseau?commune=93066&amp;specialite=dentaire"');
		expect(html).toContain('href="/reseau?commune=97411&amp;specialite=dentaire"');
		const chosen = await page("/reseau?commune=93066&specialite=dentaire");
		expect(chosen.html).toContain("Dentaire : professionnels près de Saint-Denis (93200)");
	});

	it("searches around a position given by « Autour de moi »", async () => {
		const { status, html } = await page("/reseau?lat=47.218&lon=-1.554&specialite=optique");
		expect(status).toBe(200);
		expect(html).toContain("professionnels près de votre position");
		expect(html).toContain("Optique de l&#39;Erdre");
	});

	it("answers a clear French message, never a 500, to a wrong search", async () => {
		const unknown = await page("/reseau?q=Zzyzx");
		expect(unknown.status).toBe(404);
		expect(unknown.html).toContain("Aucune commune ne correspond à « Zzyzx »");
		for (const [query, message] of [
			["q=Nantes&specialite=chirurgie", "Choisissez une spécialité de la liste."],
			["q=Nantes&export=tout", "Cette adresse de recherche n&#39;est pas valide."],
			["lat=91&lon=2", "Votre position n&#39;a pas pu être lue."],
			["lat=47.2", "Votre position n&#39;a pas pu être lue."],
			["q=Nantes&page=6", "Les résultats s&#39;arrêtent à la page 5"],
			["q=", "Saisissez une commune ou un code postal."],
		] as const) {
			const { status, html } = await page(`/reseau?${query}`);
			expect(status, query).toBe(400);
			expect(html, query).toContain(message);
		}
	});
});

describe("a full list", () => {
	it("pages 20 at a time, five pages at most, each page under 30 KB", async () => {
		const at = new Date("2025-01-01T00:00:00Z");
		for (let i = 0; i < 110; i++) {
			const id = 900_000 + i;
			await handle.db.insert(professionals).values({
				id,
				practiceName: `Optique du Quai numéro ${i}`,
				firstName: "Claire",
				lastName: "Lefèvre-Dubois",
				profession: "opticien",
				addressLine1: `${i + 1} quai de la Fosse`,
				postalCode: "44000",
				city: "Nantes",
				phone: "02 40 12 34 56",
				latitude: 47.21 + (i % 10) * 0.004,
				longitude: -1.57 + Math.floor(i / 10) * 0.004,
				createdAt: at,
				updatedAt: at,
			});
			await handle.db
				.insert(professionalNetworks)
				.values({ professionalId: id, network: "kalixia_optique", joinedOn: "2024-01-01" });
			await handle.db.insert(professionalPractices).values({
				professionalId: id,
				openingHours: [
					[
						["09:00", "12:30"],
						["14:00", "19:00"],
					],
					[
						["09:00", "12:30"],
						["14:00", "19:00"],
					],
					[
						["09:00", "12:30"],
						["14:00", "19:00"],
					],
					[
						["09:00", "12:30"],
						["14:00", "19:00"],
					],
					[
						["09:00", "12:30"],
						["14:00", "19:00"],
					],
					[["09:00", "12:30"]],
					[],
				],
				hundredPercentSante: true,
				stepFreeAccess: true,
			});
		}
		const first = await page("/reseau?commune=44109&specialite=optique");
		expect(first.html.match(/class="card"/g)).toHaveLength(20);
		expect(first.html).toContain('href="/reseau?commune=44109&amp;specialite=optique&amp;page=2" rel="next"');
		expect(new TextEncoder().encode(first.html).length).toBeLessThanOrEqual(30 * 1024);
		const last = await page("/reseau?commune=44109&specialite=optique&page=5");
		expect(last.status).toBe(200);
		expect(last.html.match(/class="card"/g)).toHaveLength(20);
		expect(last.html).toContain('<ol class="grid" start="81">');
		expect(last.html).not.toContain('rel="next"');
	});
});

describe("a professional's page", () => {
	it("gives the details and the directions, as a geo: link and on the web", async () => {
		const { status, html } = await page("/reseau/professionnels/2");
		expect(status).toBe(200);
		expect(html).toContain("<h1>Optique de l&#39;Erdre</h1>");
		expect(html).toMatch(
			/href="geo:47\.\d{5},-1\.\d{5}\?q=47\.\d{5},-1\.\d{5}\(Optique%20de%20l(&#39;|')Erdre\)"/,
		);
		expect(html).toContain('href="https://www.openstreetmap.org/directions?to=47.');
		expect(html).toContain("Lunettes 100 % Santé (classe A), sans reste à charge");
		expect(html).toContain("Accès sans marche (fauteuil roulant, poussette).");
	});

	it("answers 404 for a professional outside the network and for an unknown one", async () => {
		expect((await page("/reseau/professionnels/1")).status).toBe(404);
		expect((await page("/reseau/professionnels/999999")).status).toBe(404);
		expect((await page("/reseau/professionnels/abc")).status).toBe(404);
	});
});

describe("« Autour de moi »", () => {
	it("is the only page with a script, which asks for the position on the button's press", async () => {
		const { html, response } = await page("/reseau/autour-de-moi?specialite=audioprothese");
		expect(html).toContain('<script src="/reseau/autour-de-moi.js" defer');
		expect(html).toContain('<option value="audioprothese" selected');
		expect(response.headers.get("Permissions-Policy")).toContain("geolocation=(self)");
		const script = await app.request("/reseau/autour-de-moi.js");
		expect(script.headers.get("Content-Type")).toContain("text/javascript");
		const code = await script.text();
		expect(code).toContain('form.addEventListener("submit"');
		expect(code.indexOf("getCurrentPosition")).toBeGreaterThan(code.indexOf('addEventListener("submit"'));
	});

	it("leaves geolocation blocked everywhere else", async () => {
		const response = await app.request("/connexion");
		expect(response.headers.get("Permissions-Policy")).toContain("geolocation=()");
	});
});

describe("a signed-in member", () => {
	it("sees their own offers highlighted", async () => {
		const cookie = await signInDemoMember(app, handle.db, "adherent1");
		const { status, html } = await page("/reseau?q=44000&specialite=optique", withCookie(cookie));
		expect(status).toBe(200);
		expect(html).toContain("Vos avantages dans le réseau");
		expect(html).toContain("le panier 100 % Santé sans reste à charge");
		expect(html).toContain("Votre contrat : sans reste à charge en 100 % Santé");
		const visitor = await page("/reseau?q=44000&specialite=optique");
		expect(visitor.html).not.toContain("Vos avantages dans le réseau");
	});
});

describe("the finder's limits", () => {
	it("refuses a harvest: after 60 searches in 10 minutes, 429 with Retry-After", async () => {
		const later = createTestApp({
			db: handle.db,
			clock: () => new Date("2026-11-27T09:00:00Z"),
			pepper: PEPPER,
		});
		for (let i = 0; i < 60; i++) {
			const response = await later.request(i % 2 ? "/reseau?q=44000" : "/reseau/professionnels/2");
			expect(response.status, `request ${i + 1}`).toBe(200);
		}
		const refused = await later.request("/reseau?q=44000");
		expect(refused.status).toBe(429);
		expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
		expect(await refused.text()).toContain("Vous avez fait beaucoup de recherches en peu de temps.");
		expect((await later.request("/reseau/professionnels/2")).status).toBe(429);
		// The form alone is no search: still served.
		expect((await later.request("/reseau")).status).toBe(200);
	});
});
