// France's outline for the map's default style (ADR 0030), from Natural Earth's public-domain
// countries as world-atlas packages them: one MultiPolygon that holds French towns and not
// their neighbours', light enough for a phone.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Topology } from "topojson-specification";
import { describe, expect, it } from "vitest";
import { franceOutline } from "./map-assets.mjs";

const require = createRequire(import.meta.url);
const topology = JSON.parse(
	readFileSync(require.resolve("world-atlas/countries-50m.json"), "utf8"),
) as Topology;

type Ring = readonly (readonly [number, number])[];

/** Even-odd ray casting: enough for a test on lon/lat rings far from the poles. */
function inRing(ring: Ring, [x, y]: readonly [number, number]): boolean {
	let inside = false;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const [xi, yi] = ring[i] as [number, number];
		const [xj, yj] = ring[j] as [number, number];
		if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}

function inMultiPolygon(polygons: readonly (readonly Ring[])[], point: readonly [number, number]): boolean {
	return polygons.some(
		([outer, ...holes]) =>
			outer !== undefined && inRing(outer, point) && !holes.some((hole) => inRing(hole, point)),
	);
}

describe("France's outline", () => {
	const outline = franceOutline(topology);
	const geometry = outline.features[0]?.geometry as { type: string; coordinates: Ring[][] };

	it("is one MultiPolygon holding French towns and not the neighbours'", () => {
		expect(outline.type).toBe("FeatureCollection");
		expect(outline.features).toHaveLength(1);
		expect(geometry.type).toBe("MultiPolygon");
		for (const [name, point] of [
			["Paris", [2.3522, 48.8566]],
			["Nantes", [-1.5536, 47.2184]],
			["Strasbourg", [7.7521, 48.5734]],
			["Corte", [9.149, 42.3063]],
			["Lille", [3.0573, 50.6292]],
		] as const) {
			expect(inMultiPolygon(geometry.coordinates, point), name).toBe(true);
		}
		for (const [name, point] of [
			["Bruxelles", [4.3517, 50.8503]],
			["Genève", [6.1432, 46.2044]],
			["Madrid", [-3.7038, 40.4168]],
			["Londres", [-0.1276, 51.5072]],
		] as const) {
			expect(inMultiPolygon(geometry.coordinates, point), name).toBe(false);
		}
	});

	it("weighs little: under 20 KB of JSON", () => {
		expect(JSON.stringify(outline).length).toBeLessThan(20 * 1024);
	});
});
