// The network finder's demo data: the gazetteer of communes (the seed's own list, demo/
// communes.ts, with the coordinates of each town centre) and, for every member of a Kalixia
// network, opening hours, 100 % Santé offers and step-free access. These are derived from the
// professional's id rather than drawn from the seed's random stream, so that adding them
// changes none of the rows the rest of the generator writes.
import { sql } from "drizzle-orm";
import { importCommunes } from "../core/reseau/communes.ts";
import type { Database } from "../db/client.ts";
import type { WeeklyHours } from "../schema/tables/index.ts";
import { professionalPractices } from "../schema/tables/index.ts";
import { COMMUNES } from "./communes.ts";

const MORNING = ["09:00", "12:30"] as const;
const AFTERNOON = ["14:00", "19:00"] as const;
const CLOSED: WeeklyHours[number] = [];

/** A few schedules of French shops and practices, Monday first. */
const SCHEDULES: readonly WeeklyHours[] = [
	[
		[MORNING, AFTERNOON],
		[MORNING, AFTERNOON],
		[MORNING, AFTERNOON],
		[MORNING, AFTERNOON],
		[MORNING, AFTERNOON],
		[MORNING],
		CLOSED,
	],
	[
		CLOSED,
		[["09:30", "19:00"]],
		[["09:30", "19:00"]],
		[["09:30", "19:00"]],
		[["09:30", "19:00"]],
		[["09:30", "18:00"]],
		CLOSED,
	],
	[
		[["08:30", "18:30"]],
		[["08:30", "18:30"]],
		[["08:30", "18:30"]],
		[["08:30", "18:30"]],
		[["08:30", "18:30"]],
		CLOSED,
		CLOSED,
	],
	[
		[["10:00", "19:00"]],
		[["10:00", "19:00"]],
		[["10:00", "19:00"]],
		[["10:00", "19:00"]],
		[["10:00", "19:00"]],
		[["10:00", "19:00"]],
		CLOSED,
	],
];

export async function writeReseauData(db: Database): Promise<Record<string, number>> {
	const communes = await importCommunes(
		db,
		COMMUNES.map((commune) => ({
			insee: commune.insee,
			postalCode: commune.postalCode,
			name: commune.name,
			department: commune.department,
			latitude: commune.latitude,
			longitude: commune.longitude,
		})),
	);
	const members = await db.all<{ id: number }>(
		sql`SELECT DISTINCT professional_id AS id FROM professional_networks ORDER BY professional_id`,
	);
	for (let start = 0; start < members.length; start += 500) {
		await db.insert(professionalPractices).values(
			members.slice(start, start + 500).map(({ id }) => ({
				professionalId: id,
				openingHours: SCHEDULES[id % SCHEDULES.length] as WeeklyHours,
				hundredPercentSante: id % 5 !== 0,
				stepFreeAccess: id % 3 !== 0,
			})),
		);
	}
	return { reseau_communes: communes, professional_practices: members.length };
}
