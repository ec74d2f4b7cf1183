// The directory of the Kalixia network as the finder shows it: a page of the members nearest to
// a point, and one member's details. Only professionals whose membership and tiers-payant
// convention are in force appear; there is no way to list them without a place to search from,
// and at most MAX_RESULTS per search (article 6 of the CGU forbids harvesting the site).
import { and, eq, gt, inArray, isNull, lte, or } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { CareNetwork, Profession } from "../../schema/enums.ts";
import { professionalNetworks, professionalPractices, professionals } from "../../schema/tables/index.ts";
import type { GeoPoint } from "./geo.ts";
import { findNearestProfessionals } from "./nearest.ts";
import { type DayHours, describeOpeningHours } from "./opening-hours.ts";
import { SPECIALTY_NETWORK, type Specialty, specialties } from "./specialties.ts";

export const PAGE_SIZE = 20;
/** Results one search can page through (5 pages). */
export const MAX_RESULTS = 100;
export const MAX_PAGE = MAX_RESULTS / PAGE_SIZE;

export interface DirectoryEntry {
	readonly id: number;
	readonly name: string;
	/** The person's name when the practice has one of its own. */
	readonly personName: string | null;
	readonly profession: Profession;
	readonly addressLine1: string;
	readonly addressLine2: string | null;
	readonly postalCode: string;
	readonly city: string;
	readonly phone: string | null;
	readonly latitude: number;
	readonly longitude: number;
	/** The Kalixia networks the professional is a member of today. */
	readonly networks: readonly CareNetwork[];
	/** Null when the hours are not known. */
	readonly openingHours: readonly DayHours[] | null;
	readonly hundredPercentSante: boolean;
	readonly stepFreeAccess: boolean;
}

export interface DirectoryResult extends DirectoryEntry {
	readonly distanceKm: number;
}

export interface DirectoryPage {
	readonly results: readonly DirectoryResult[];
	readonly page: number;
	readonly hasNextPage: boolean;
}

export interface DirectorySearch {
	readonly center: GeoPoint;
	readonly specialty: Specialty | null;
	/** From 1 to MAX_PAGE. */
	readonly page: number;
	/** `YYYY-MM-DD` in Paris. */
	readonly today: string;
}

function networksOf(specialty: Specialty | null): CareNetwork[] {
	return specialty ? [SPECIALTY_NETWORK[specialty]] : specialties.map((item) => SPECIALTY_NETWORK[item]);
}

function membershipInForce(today: string) {
	return and(
		lte(professionalNetworks.joinedOn, today),
		or(isNull(professionalNetworks.leftOn), gt(professionalNetworks.leftOn, today)),
	);
}

async function loadEntries(
	db: Database,
	ids: readonly number[],
	today: string,
): Promise<Map<number, DirectoryEntry>> {
	if (ids.length === 0) return new Map();
	const [rows, memberships] = await Promise.all([
		db
			.select({
				professional: professionals,
				practice: professionalPractices,
			})
			.from(professionals)
			.leftJoin(professionalPractices, eq(professionalPractices.professionalId, professionals.id))
			.where(inArray(professionals.id, [...ids])),
		db
			.select({ professionalId: professionalNetworks.professionalId, network: professionalNetworks.network })
			.from(professionalNetworks)
			.where(and(inArray(professionalNetworks.professionalId, [...ids]), membershipInForce(today))),
	]);
	const entries = new Map<number, DirectoryEntry>();
	for (const { professional: p, practice } of rows) {
		if (p.latitude === null || p.longitude === null) continue;
		const personName = p.lastName ? [p.firstName, p.lastName].filter(Boolean).join(" ") : null;
		entries.set(p.id, {
			id: p.id,
			name: p.practiceName ?? personName ?? "",
			personName: p.practiceName ? personName : null,
			profession: p.profession,
			addressLine1: p.addressLine1,
			addressLine2: p.addressLine2,
			postalCode: p.postalCode,
			city: p.city,
			phone: p.phone,
			latitude: p.latitude,
			longitude: p.longitude,
			networks: memberships.filter((m) => m.professionalId === p.id).map((m) => m.network),
			openingHours: practice ? describeOpeningHours(practice.openingHours) : null,
			hundredPercentSante: practice?.hundredPercentSante ?? false,
			stepFreeAccess: practice?.stepFreeAccess ?? false,
		});
	}
	return entries;
}

/** One page of the members nearest to the search's point, nearest first. */
export async function searchDirectory(db: Database, search: DirectorySearch): Promise<DirectoryPage> {
	const page = Math.min(Math.max(1, Math.trunc(search.page)), MAX_PAGE);
	// One more than the page's end tells whether a next page exists.
	const count = Math.min(page * PAGE_SIZE + 1, MAX_RESULTS);
	const nearest = await findNearestProfessionals(db, {
		center: search.center,
		networks: networksOf(search.specialty),
		count,
		today: search.today,
	});
	const slice = nearest.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
	const entries = await loadEntries(
		db,
		slice.map((item) => item.id),
		search.today,
	);
	const results: DirectoryResult[] = [];
	for (const item of slice) {
		const entry = entries.get(item.id);
		if (entry) results.push({ ...entry, distanceKm: item.distanceKm });
	}
	return { results, page, hasNextPage: page < MAX_PAGE && nearest.length > page * PAGE_SIZE };
}

/** A member of the directory by id, or null (not a member today, or no such professional). */
export async function getDirectoryEntry(
	db: Database,
	id: number,
	today: string,
): Promise<DirectoryEntry | null> {
	const entry = (await loadEntries(db, [id], today)).get(id);
	if (!entry || entry.networks.length === 0) return null;
	const [row] = await db
		.select({ endedOn: professionals.conventionEndedOn })
		.from(professionals)
		.where(eq(professionals.id, id));
	if (row?.endedOn && row.endedOn <= today) return null;
	return entry;
}
