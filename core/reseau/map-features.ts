// The map of a search (« Afficher la carte »): the very results of the list's page, as a GeoJSON
// FeatureCollection (RFC 7946: longitude first), so that the list and the map show the same
// professionals in the same order. Only what a marker needs: the rest is on the list beside it.
import { type DirectoryPage, PAGE_SIZE } from "./directory.ts";
import { formatDistance } from "./geo.ts";

export interface MapFeature {
	readonly type: "Feature";
	/** The professional's id: MapLibre's `promoteId` and the list entry's anchor. */
	readonly id: number;
	readonly geometry: { readonly type: "Point"; readonly coordinates: readonly [number, number] };
	readonly properties: {
		readonly id: number;
		/** 1-based rank in the whole search, as numbered in the list. */
		readonly rank: number;
		readonly name: string;
		readonly distance: string;
	};
}

export interface MapFeatureCollection {
	readonly type: "FeatureCollection";
	readonly features: readonly MapFeature[];
}

export function mapFeaturesOf(page: DirectoryPage): MapFeatureCollection {
	return {
		type: "FeatureCollection",
		features: page.results.map((result, index) => ({
			type: "Feature",
			id: result.id,
			geometry: { type: "Point", coordinates: [result.longitude, result.latitude] },
			properties: {
				id: result.id,
				rank: (page.page - 1) * PAGE_SIZE + index + 1,
				name: result.name,
				distance: formatDistance(result.distanceKm),
			},
		})),
	};
}
