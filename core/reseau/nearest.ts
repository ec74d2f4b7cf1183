// The nearest professionals of the network to a point (ADR 0021). The R*Tree
// `professional_locations` (migration reseau_custom) answers "who lies in this box" from an
// index; the search asks for the box around a small circle and widens it until the circle holds
// as many members of the network as wanted (nextRadius), then sorts them by exact haversine distance. Since
// every point within the radius lies in its box, the k nearest found inside a circle that holds
// at least k are the k nearest of the whole directory. `scanNearestProfessionals` is the same
// answer from a full scan: the baseline of the benchmark and the oracle of the tests.
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { CareNetwork } from "../../schema/enums.ts";
import { boxAround, type GeoBox, type GeoPoint, haversineKm } from "./geo.ts";

/** The first circle tried, in km, and the largest: beyond it the finder says it found nobody near. */
export const FIRST_RADIUS_KM = 1;
export const MAX_DISTANCE_KM = 400;

/**
 * The next circle when `found` of the `wanted` lie within `radius`: as many professionals as
 * the circle's area holds, so the radius grows with the square root of what is missing (with a
 * margin), and fourfold when the circle was empty. Any sequence would give the same answer;
 * this one asks the index two or three times rather than six.
 */
export function nextRadius(radius: number, found: number, wanted: number): number {
	const factor = found === 0 ? 4 : Math.max(1.5, Math.sqrt(wanted / found) * 1.3);
	return Math.min(MAX_DISTANCE_KM, radius * factor);
}

export interface NearestQuery {
	readonly center: GeoPoint;
	/** Members of any of these networks; every network when empty. */
	readonly networks: readonly CareNetwork[];
	/** How many, nearest first. */
	readonly count: number;
	/** `YYYY-MM-DD` (Paris): memberships and conventions in force that day. */
	readonly today: string;
}

export interface NearProfessional {
	readonly id: number;
	readonly distanceKm: number;
}

interface Row {
	readonly id: number;
	readonly latitude: number;
	readonly longitude: number;
}

function inDirectory(networks: readonly CareNetwork[], today: string) {
	const networkFilter =
		networks.length > 0
			? sql` AND n.network IN (${sql.join(
					networks.map((network) => sql`${network}`),
					sql`, `,
				)})`
			: sql``;
	return sql`(p.convention_ended_on IS NULL OR p.convention_ended_on > ${today})
		AND EXISTS (SELECT 1 FROM professional_networks n WHERE n.professional_id = p.id
			AND n.joined_on <= ${today} AND (n.left_on IS NULL OR n.left_on > ${today})${networkFilter})`;
}

// Overlap rather than containment: R*Tree rounds a point's stored bounds outward to 32-bit
// floats, so a point on the box's edge could fail `min_lat >= …` and be missed.
function rowsInBox(db: Database, box: GeoBox, query: NearestQuery): Promise<Row[]> {
	return db.all<Row>(sql`SELECT p.id AS id, p.latitude AS latitude, p.longitude AS longitude
		FROM professional_locations l JOIN professionals p ON p.id = l.id
		WHERE l.max_lat >= ${box.minLat} AND l.min_lat <= ${box.maxLat}
			AND l.max_lon >= ${box.minLon} AND l.min_lon <= ${box.maxLon}
			AND ${inDirectory(query.networks, query.today)}`);
}

function nearestOf(rows: readonly Row[], center: GeoPoint, maxKm: number): NearProfessional[] {
	return rows
		.map((row) => ({ id: row.id, distanceKm: haversineKm(center, row) }))
		.filter((found) => found.distanceKm <= maxKm)
		.sort((a, b) => a.distanceKm - b.distanceKm || a.id - b.id);
}

/** The `count` nearest members of the directory within MAX_DISTANCE_KM, nearest first. */
export async function findNearestProfessionals(
	db: Database,
	query: NearestQuery,
): Promise<NearProfessional[]> {
	let radius = FIRST_RADIUS_KM;
	for (;;) {
		const box = boxAround(query.center, radius);
		const found = nearestOf(await rowsInBox(db, box, query), query.center, radius);
		if (found.length >= query.count || radius >= MAX_DISTANCE_KM) return found.slice(0, query.count);
		radius = nextRadius(radius, found.length, query.count);
	}
}

/** The same answer without the index: every member of the directory, measured and sorted. */
export async function scanNearestProfessionals(
	db: Database,
	query: NearestQuery,
): Promise<NearProfessional[]> {
	const rows = await db.all<Row>(sql`SELECT p.id AS id, p.latitude AS latitude, p.longitude AS longitude
		FROM professionals p
		WHERE p.latitude IS NOT NULL AND p.longitude IS NOT NULL AND ${inDirectory(query.networks, query.today)}`);
	return nearestOf(rows, query.center, MAX_DISTANCE_KM).slice(0, query.count);
}
