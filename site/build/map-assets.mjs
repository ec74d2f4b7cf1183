// Astro integration: the map of the network finder (« Afficher la carte », ADR 0030), served by
// the portal's own origin like every other static file (no third-party host, CSP 'self'):
// - MapLibre GL JS's CSP build, its worker as a file (no `blob:` worker, no `unsafe-eval`) and
//   its stylesheet, copied from the pinned package;
// - France's outline, from Natural Earth's public-domain countries (world-atlas, 1:50m), turned
//   from TopoJSON into a small GeoJSON: the default map style needs no tile server.
// Listed before espace-assets so that these files are precompressed with the rest.
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { feature } from "topojson-client";

/** Where the files land in the build; edge/views/reseau/map-page.tsx links the same paths. */
export const MAP_ASSETS_DIR = "_espace/carte";
const MAPLIBRE_FILES = ["maplibre-gl-csp.js", "maplibre-gl-csp-worker.js", "maplibre-gl.css", "LICENSE.txt"];
/** ISO 3166-1 numeric code of France, the id world-atlas gives each country. */
const FRANCE = "250";

/** Rounds to about 10 m: more digits only weigh on the phone that downloads the outline. */
function round(value) {
	return Math.round(value * 1e4) / 1e4;
}

function roundCoordinates(coordinates) {
	return typeof coordinates[0] === "number" ? coordinates.map(round) : coordinates.map(roundCoordinates);
}

/**
 * France's outline (metropolitan France, Corsica and the overseas départements that Natural
 * Earth counts in the country) as a GeoJSON FeatureCollection of one feature.
 * @param {import("topojson-specification").Topology} topology world-atlas's countries-50m.json
 */
export function franceOutline(topology) {
	const countries = feature(topology, topology.objects.countries);
	const france = countries.features.find((country) => String(country.id) === FRANCE);
	if (!france) throw new Error("world-atlas: France (250) is missing from the countries");
	return {
		type: "FeatureCollection",
		features: [
			{
				type: "Feature",
				properties: { name: "France" },
				geometry: { type: france.geometry.type, coordinates: roundCoordinates(france.geometry.coordinates) },
			},
		],
	};
}

export default function mapAssets() {
	return {
		name: "espace-map-assets",
		hooks: {
			"astro:build:done": async ({ dir, logger }) => {
				const require = createRequire(import.meta.url);
				const target = join(fileURLToPath(dir), MAP_ASSETS_DIR);
				await mkdir(target, { recursive: true });
				const maplibre = dirname(require.resolve("maplibre-gl/dist/maplibre-gl-csp.js"));
				for (const name of MAPLIBRE_FILES) await copyFile(join(maplibre, name), join(target, name));
				const topology = JSON.parse(
					await readFile(require.resolve("world-atlas/countries-50m.json"), "utf8"),
				);
				await writeFile(join(target, "france.json"), JSON.stringify(franceOutline(topology)));
				logger.info(`map assets written to /${MAP_ASSETS_DIR}`);
			},
		},
	};
}
