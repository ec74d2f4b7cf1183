// Opening hours as a week of ranges (schema/tables/reseau.ts), parsed at the database boundary
// and written the way French shops display them: « Lundi : 9 h 00 – 12 h 30, 14 h 00 – 19 h 00 ».
import { z } from "zod";
import type { WeeklyHours } from "../../schema/tables/index.ts";

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const range = z.tuple([z.string().regex(TIME), z.string().regex(TIME)]);
export const weeklyHoursSchema = z.array(z.array(range)).length(7);

export const DAY_NAMES = ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"] as const;

export interface DayHours {
	readonly day: string;
	/** « 9 h 00 – 12 h 30, 14 h 00 – 19 h 00 » or « Fermé ». */
	readonly hours: string;
}

function frenchTime(time: string): string {
	const [hours, minutes] = time.split(":");
	return `${Number(hours)} h ${minutes}`;
}

/** Each day of the week with its hours; an unreadable value shows as « Horaires non communiqués ». */
export function describeOpeningHours(value: unknown): DayHours[] | null {
	const parsed = weeklyHoursSchema.safeParse(value);
	if (!parsed.success) return null;
	return parsed.data.map((ranges: WeeklyHours[number], index) => ({
		day: DAY_NAMES[index] ?? "",
		hours:
			ranges.length === 0
				? "Fermé"
				: ranges.map(([from, to]) => `${frenchTime(from)} – ${frenchTime(to)}`).join(", "),
	}));
}
