// Where a search starts: the commune or postal code a person types, found in the gazetteer
// `reseau_communes` (name, postal code, coordinates of the town centre). A postal code shared by
// several communes, or a name several communes bear, gives a list to choose from, as links: the
// suggestions work without JavaScript.
import { and, asc, eq, like, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { reseauCommunes } from "../../schema/tables/index.ts";
import type { GeoPoint } from "./geo.ts";

export interface CommunePlace extends GeoPoint {
	readonly insee: string;
	readonly postalCode: string;
	readonly name: string;
	readonly department: string;
}

export type PlaceResolution =
	| { readonly kind: "found"; readonly place: CommunePlace }
	| { readonly kind: "choices"; readonly places: readonly CommunePlace[] }
	| { readonly kind: "none" };

/** Suggestions shown at most; a longer list asks for a more precise name. */
export const MAX_CHOICES = 12;

/** Lower case, no accents, words separated by one space; « St » and « Ste » spelled out. */
export function normalizeSearchName(text: string): string {
	return text
		.normalize("NFD")
		.replace(/\p{M}/gu, "")
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, " ")
		.trim()
		.replace(/\bste\b/g, "sainte")
		.replace(/\bst\b/g, "saint");
}

const PLACE_COLUMNS = {
	insee: reseauCommunes.insee,
	postalCode: reseauCommunes.postalCode,
	name: reseauCommunes.name,
	department: reseauCommunes.department,
	latitude: reseauCommunes.latitude,
	longitude: reseauCommunes.longitude,
};

/** One entry per commune: a commune with several postal codes is offered once. */
function oneByCommune(places: readonly CommunePlace[]): CommunePlace[] {
	const seen = new Map<string, CommunePlace>();
	for (const place of places) if (!seen.has(place.insee)) seen.set(place.insee, place);
	return [...seen.values()];
}

function resolution(places: readonly CommunePlace[]): PlaceResolution {
	const communes = oneByCommune(places);
	const [first] = communes;
	if (!first) return { kind: "none" };
	if (communes.length === 1) return { kind: "found", place: first };
	return { kind: "choices", places: communes.slice(0, MAX_CHOICES) };
}

/**
 * The place a typed text names: a postal code (`44000`), a name (`Nantes`, `saint etienne`), or
 * the suggestion format `Nantes (44000)`. An exact name wins over names that merely start so.
 */
export async function resolvePlace(db: Database, text: string): Promise<PlaceResolution> {
	const suggestion = /^(.*?)\s*\((\d{5})\)\s*$/.exec(text);
	if (suggestion) {
		const rows = await db
			.select(PLACE_COLUMNS)
			.from(reseauCommunes)
			.where(
				and(
					eq(reseauCommunes.postalCode, suggestion[2] ?? ""),
					eq(reseauCommunes.searchName, normalizeSearchName(suggestion[1] ?? "")),
				),
			);
		if (rows.length > 0) return resolution(rows);
		return resolvePlace(db, suggestion[2] ?? "");
	}
	if (/^\d{5}$/.test(text.trim())) {
		const rows = await db
			.select(PLACE_COLUMNS)
			.from(reseauCommunes)
			.where(eq(reseauCommunes.postalCode, text.trim()))
			.orderBy(asc(reseauCommunes.name));
		return resolution(rows);
	}
	const name = normalizeSearchName(text);
	if (name.length < 2) return { kind: "none" };
	const exact = await db
		.select(PLACE_COLUMNS)
		.from(reseauCommunes)
		.where(eq(reseauCommunes.searchName, name))
		.orderBy(asc(reseauCommunes.department), asc(reseauCommunes.postalCode));
	if (exact.length > 0) return resolution(exact);
	const starting = await db
		.select(PLACE_COLUMNS)
		.from(reseauCommunes)
		// `%` and `_` cannot reach the pattern: normalizeSearchName keeps letters, digits, spaces.
		.where(like(reseauCommunes.searchName, `${name}%`))
		.orderBy(asc(reseauCommunes.searchName), asc(reseauCommunes.postalCode))
		.limit(MAX_CHOICES * 4);
	return resolution(starting);
}

/** A commune by its INSEE code (the links of the suggestions), or null. */
export async function getCommunePlace(db: Database, insee: string): Promise<CommunePlace | null> {
	const [row] = await db
		.select(PLACE_COLUMNS)
		.from(reseauCommunes)
		.where(eq(reseauCommunes.insee, insee))
		.orderBy(asc(reseauCommunes.postalCode))
		.limit(1);
	return row ?? null;
}

export interface CommuneRow extends GeoPoint {
	readonly insee: string;
	readonly postalCode: string;
	readonly name: string;
	readonly department: string;
}

/** Loads communes into the gazetteer (the seed, an import): a row already there is replaced. */
export async function importCommunes(db: Database, rows: readonly CommuneRow[]): Promise<number> {
	for (let start = 0; start < rows.length; start += 500) {
		const batch = rows.slice(start, start + 500).map((row) => ({
			...row,
			searchName: normalizeSearchName(row.name),
		}));
		await db
			.insert(reseauCommunes)
			.values(batch)
			.onConflictDoUpdate({
				target: [reseauCommunes.insee, reseauCommunes.postalCode],
				set: {
					name: sqlExcluded("name"),
					searchName: sqlExcluded("search_name"),
					department: sqlExcluded("department"),
					latitude: sqlExcluded("latitude"),
					longitude: sqlExcluded("longitude"),
				},
			});
	}
	return rows.length;
}

function sqlExcluded(column: string): SQL {
	return sql.raw(`excluded.${column}`);
}
