import { describe, expect, it } from "vitest";
import type { DirectoryResult } from "./directory.ts";
import { mapFeaturesOf } from "./map-features.ts";

function result(id: number, latitude: number, longitude: number, distanceKm: number): DirectoryResult {
	return {
		id,
		name: `Cabinet ${id}`,
		personName: null,
		profession: "opticien",
		addressLine1: "1 rue de la Paix",
		addressLine2: null,
		postalCode: "44000",
		city: "Nantes",
		phone: null,
		latitude,
		longitude,
		networks: ["kalixia_optique"],
		openingHours: null,
		hundredPercentSante: false,
		stepFreeAccess: false,
		distanceKm,
	};
}

describe("the map's features of a page of results", () => {
	it("puts the longitude first and numbers each marker as the list does", () => {
		const data = mapFeaturesOf({
			page: 2,
			hasNextPage: false,
			results: [result(7, 47.2184, -1.5536, 0.42), result(3, 47.25, -1.5, 5.1)],
		});
		expect(data).toEqual({
			type: "FeatureCollection",
			features: [
				{
					type: "Feature",
					id: 7,
					geometry: { type: "Point", coordinates: [-1.5536, 47.2184] },
					properties: { id: 7, rank: 21, name: "Cabinet 7", distance: "420 m" },
				},
				{
					type: "Feature",
					id: 3,
					geometry: { type: "Point", coordinates: [-1.5, 47.25] },
					properties: { id: 3, rank: 22, name: "Cabinet 3", distance: "5,1 km" },
				},
			],
		});
	});

	it("gives an empty collection for a search that found nobody", () => {
		expect(mapFeaturesOf({ page: 1, hasNextPage: false, results: [] })).toEqual({
			type: "FeatureCollection",
			features: [],
		});
	});
});
