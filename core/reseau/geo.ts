// Distances on the Earth for the network finder: the haversine formula on a sphere of the mean
// Earth radius (IUGG, 6 371.0088 km), accurate to about 0.5 % against the ellipsoid, which is
// far below what a person walking or driving to a shop notices. And the box of latitudes and
// longitudes that holds every point within a distance, which the R*Tree index is asked for.

export interface GeoPoint {
	readonly latitude: number;
	readonly longitude: number;
}

export interface GeoBox {
	readonly minLat: number;
	readonly maxLat: number;
	readonly minLon: number;
	readonly maxLon: number;
}

const EARTH_RADIUS_KM = 6371.0088;
const RADIANS = Math.PI / 180;
/** Length of one degree of latitude (and of longitude at the equator) on that sphere. */
const KM_PER_DEGREE = EARTH_RADIUS_KM * RADIANS;

/** Great-circle distance between two points, in kilometres. */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
	const dLat = (b.latitude - a.latitude) * RADIANS;
	const dLon = (b.longitude - a.longitude) * RADIANS;
	const h =
		Math.sin(dLat / 2) ** 2 +
		Math.cos(a.latitude * RADIANS) * Math.cos(b.latitude * RADIANS) * Math.sin(dLon / 2) ** 2;
	return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The smallest latitude/longitude box holding every point within `radiusKm` of `center`. The
 * longitude span is widened by the parallel closest to a pole inside the box, where a degree of
 * longitude is shortest. (No place the finder serves is near the antimeridian: the box is
 * clamped to ±180° rather than split.)
 */
export function boxAround(center: GeoPoint, radiusKm: number): GeoBox {
	const dLat = radiusKm / KM_PER_DEGREE;
	const minLat = Math.max(-90, center.latitude - dLat);
	const maxLat = Math.min(90, center.latitude + dLat);
	const widest = Math.max(Math.abs(minLat), Math.abs(maxLat));
	const cos = Math.cos(widest * RADIANS);
	const dLon = cos < 1e-9 ? 180 : Math.min(180, radiusKm / (KM_PER_DEGREE * cos));
	return {
		minLat,
		maxLat,
		minLon: Math.max(-180, center.longitude - dLon),
		maxLon: Math.min(180, center.longitude + dLon),
	};
}

/** A distance as people read it: « 350 m », « 1,2 km », « 18 km ». */
export function formatDistance(km: number): string {
	if (km < 1) return `${Math.max(10, Math.round((km * 1000) / 10) * 10)} m`;
	if (km < 10) return `${(Math.round(km * 10) / 10).toLocaleString("fr-FR")} km`;
	return `${Math.round(km).toLocaleString("fr-FR")} km`;
}
