// One search of the finder, from the parsed query to what the page shows: the form alone (no
// listing without a place: article 6 of the CGU forbids harvesting), communes to choose from,
// an unknown place, or a page of results around the place. Every search counts against the
// client's allowance (SEARCH_LIMIT), as does every professional's page.
import type { Database } from "../../db/client.ts";
import { consumeRateLimit, type RateLimitResult } from "../rate-limit.ts";
import { type CommunePlace, getCommunePlace, resolvePlace } from "./communes.ts";
import { type DirectoryPage, searchDirectory } from "./directory.ts";
import type { SearchInput } from "./search-input.ts";

/** Searches and professional pages per client address: a person never needs more. */
export const SEARCH_LIMIT = { limit: 60, windowMs: 10 * 60_000 } as const;

export type SearchOutcome =
	| { readonly kind: "form" }
	| { readonly kind: "choices"; readonly places: readonly CommunePlace[] }
	| { readonly kind: "unknown-place" }
	| {
			readonly kind: "results";
			readonly label: string;
			readonly query: string;
			readonly page: DirectoryPage;
	  };

export function consumeSearchAllowance(db: Database, ipKey: string, now: Date): Promise<RateLimitResult> {
	return consumeRateLimit(db, { key: `reseau_search:ip:${ipKey}`, ...SEARCH_LIMIT, now });
}

function label(place: CommunePlace): string {
	return `${place.name} (${place.postalCode})`;
}

export async function runSearch(db: Database, input: SearchInput, today: string): Promise<SearchOutcome> {
	const { origin, specialty, page } = input;
	const specialtyQuery = specialty ? `&specialite=${specialty}` : "";
	let place: CommunePlace | null = null;
	switch (origin.kind) {
		case "none":
			return { kind: "form" };
		case "position": {
			const center = { latitude: origin.latitude, longitude: origin.longitude };
			const results = await searchDirectory(db, { center, specialty, page, today });
			const query = `lat=${origin.latitude}&lon=${origin.longitude}${specialtyQuery}`;
			return { kind: "results", label: "votre position", query, page: results };
		}
		case "commune":
			place = await getCommunePlace(db, origin.insee);
			break;
		case "text": {
			const resolved = await resolvePlace(db, origin.text);
			if (resolved.kind === "choices") return { kind: "choices", places: resolved.places };
			place = resolved.kind === "found" ? resolved.place : null;
			break;
		}
	}
	if (!place) return { kind: "unknown-place" };
	const results = await searchDirectory(db, { center: place, specialty, page, today });
	return {
		kind: "results",
		label: label(place),
		query: `commune=${place.insee}${specialtyQuery}`,
		page: results,
	};
}
