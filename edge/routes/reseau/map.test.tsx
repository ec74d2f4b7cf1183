// « Afficher la carte » through the real app on the seeded demo population: the list links the
// map and carries no map code, the map page answers the same search with its scripts and the
// list, its GeoJSON holds the same professionals in the same order, and a wrong query gets a
// French refusal, never a listing without a place.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.ts";
import { createSeededTestDatabase } from "../../../tests/support/demo.ts";
import { createTestApp } from "../../../tests/support/route-testing.ts";
import type { App } from "../../app.tsx";
import { CONTENT_SECURITY_POLICY } from "../../lib/security-headers.ts";

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

interface GeoJson {
	type: string;
	features: {
		id: number;
		geometry: { type: string; coordinates: [number, number] };
		properties: { id: number; rank: number; name: string; distance: string };
	}[];
}

function idsInOrder(html: string): number[] {
	return [...html.matchAll(/href="\/reseau\/professionnels\/(\d+)"/g)].map((match) => Number(match[1]));
}

describe("the list page", () => {
	it("links the map of the same search and carries no script nor any map code", async () => {
		const response = await app.request("/reseau?q=44000&specialite=optique");
		const html = await response.text();
		expect(response.status).toBe(200);
		expect(html).toContain(
			'<a href="/reseau/carte?commune=44109&amp;specialite=optique">Afficher la carte</a>',
		);
		expect(html).not.toContain("<script");
		expect(html.toLowerCase()).not.toContain("maplibre");
		expect(html).not.toContain("/_espace/carte");
		expect(response.headers.get("Content-Security-Policy")).toBe(CONTENT_SECURITY_POLICY);
	});
});

describe("the map page", () => {
	it("answers the same search with the list, the map's box and its scripts", async () => {
		const list = await (await app.request("/reseau?commune=44109&specialite=optique")).text();
		const response = await app.request("/reseau/carte?commune=44109&specialite=optique");
		const html = await response.text();
		expect(response.status).toBe(200);
		expect(html).toContain("Optique : professionnels près de Nantes (44000)");
		expect(idsInOrder(html)).toEqual(idsInOrder(list));
		expect(idsInOrder(html).length).toBeGreaterThan(0);
		expect(html).toContain(
			'data-resultats="/reseau/carte/resultats.geojson?commune=44109&amp;specialite=optique"',
		);
		expect(html).toContain('<script src="/_espace/carte/maplibre-gl-csp.js" defer=""></script>');
		expect(html).toContain('<script src="/reseau/carte/carte.js" defer=""></script>');
		expect(html).toContain('href="/_espace/carte/maplibre-gl.css"');
		expect(html).toContain("Natural Earth (domaine public)");
		expect(html).toContain('<a href="/reseau?commune=44109&amp;specialite=optique">Revenir à la liste</a>');
		// The default style needs nothing beyond the portal's own origin.
		expect(response.headers.get("Content-Security-Policy")).toBe(CONTENT_SECURITY_POLICY);
		expect(response.headers.get("Content-Security-Policy")).not.toContain("unsafe-eval");
	});

	it("uses a configured vector-tile style, and widens connect-src to its origin on this page only", async () => {
		const styled = createTestApp({
			db: handle.db,
			clock: () => now,
			pepper: PEPPER,
			env: { MAP_STYLE_URL: "https://tuiles.example.fr/styles/espace.json" },
		});
		const response = await styled.request("/reseau/carte?q=44000");
		const html = await response.text();
		expect(html).toContain('data-style="https://tuiles.example.fr/styles/espace.json"');
		expect(response.headers.get("Content-Security-Policy")).toContain(
			"connect-src 'self' https://tuiles.example.fr;",
		);
		const list = await styled.request("/reseau?q=44000");
		expect(list.headers.get("Content-Security-Policy")).toBe(CONTENT_SECURITY_POLICY);
	});

	it("serves its own script and stylesheet", async () => {
		const script = await app.request("/reseau/carte/carte.js");
		expect(script.headers.get("Content-Type")).toContain("text/javascript");
		expect(await script.text()).toContain("maplibregl.setWorkerUrl");
		const css = await app.request("/reseau/carte/carte.css");
		expect(css.headers.get("Content-Type")).toContain("text/css");
	});

	it("answers a wrong search as the list does, in French", async () => {
		const wrong = await app.request("/reseau/carte?q=Nantes&specialite=chirurgie");
		expect(wrong.status).toBe(400);
		expect(await wrong.text()).toContain("Choisissez une spécialité de la liste.");
		const unknown = await app.request("/reseau/carte?q=Zzyzx");
		expect(unknown.status).toBe(404);
		expect(await unknown.text()).toContain("Aucune commune ne correspond à « Zzyzx »");
	});
});

describe("the search's GeoJSON", () => {
	it("holds the list's professionals, in its order, longitude first", async () => {
		const list = await (await app.request("/reseau?commune=44109&specialite=optique")).text();
		const response = await app.request("/reseau/carte/resultats.geojson?commune=44109&specialite=optique");
		expect(response.status).toBe(200);
		expect(response.headers.get("Content-Type")).toContain("application/geo+json");
		const data = (await response.json()) as GeoJson;
		expect(data.type).toBe("FeatureCollection");
		expect(data.features.map((feature) => feature.id)).toEqual(idsInOrder(list));
		const first = data.features[0];
		expect(first?.properties.name).toBe("Optique de l'Erdre");
		expect(first?.properties.rank).toBe(1);
		expect(first?.geometry.type).toBe("Point");
		// Nantes: longitude about -1.55, latitude about 47.2.
		const [lon, lat] = first?.geometry.coordinates ?? [0, 0];
		expect(lon).toBeGreaterThan(-1.7);
		expect(lon).toBeLessThan(-1.4);
		expect(lat).toBeGreaterThan(47.1);
		expect(lat).toBeLessThan(47.3);
		expect(data.features.map((feature) => feature.properties.rank)).toEqual(
			data.features.map((_, i) => i + 1),
		);
	});

	it("refuses a wrong query in French and never lists without a place", async () => {
		for (const [query, status, message] of [
			["", 400, "Indiquez une commune, un code postal ou une position."],
			["specialite=optique", 400, "Indiquez une commune, un code postal ou une position."],
			["q=Nantes&specialite=chirurgie", 400, "Choisissez une spécialité de la liste."],
			["q=Nantes&export=tout", 400, "Cette adresse de recherche n'est pas valide."],
			["lat=91&lon=2", 400, "Votre position n'a pas pu être lue."],
			["q=Saint-Denis", 400, "Plusieurs communes correspondent : choisissez-en une dans la liste."],
			["q=Zzyzx", 404, "Aucune commune ne correspond à « Zzyzx »."],
		] as const) {
			const response = await app.request(`/reseau/carte/resultats.geojson?${query}`);
			expect(response.status, query).toBe(status);
			const body = (await response.json()) as { erreur: string; features?: unknown };
			expect(body.erreur, query).toContain(message);
			expect(body.features, query).toBeUndefined();
		}
	});
});
