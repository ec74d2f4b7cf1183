// Calendar arithmetic for the generator on "epoch days" (days since 1970-01-01, UTC), with the
// YYYY-MM-DD text of each day cached: millions of lines format their dates.

const MS_PER_DAY = 86_400_000;
const FIRST_DAY = Date.UTC(1900, 0, 1) / MS_PER_DAY;
const LAST_DAY = Date.UTC(2100, 0, 1) / MS_PER_DAY;
let cache: string[] | undefined;

export function dayString(day: number): string {
	cache ??= Array.from({ length: LAST_DAY - FIRST_DAY }, (_, i) =>
		new Date((FIRST_DAY + i) * MS_PER_DAY).toISOString().slice(0, 10),
	);
	const text = cache[day - FIRST_DAY];
	if (text === undefined) throw new RangeError(`Day ${day} is outside 1900–2099.`);
	return text;
}

export function dayOf(isoDate: string): number {
	return (
		Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) /
		MS_PER_DAY
	);
}

export function dayOfInstant(instant: Date): number {
	return Math.floor(instant.getTime() / MS_PER_DAY);
}

export function dayToInstant(day: number, hour = 0, minute = 0): number {
	return day * MS_PER_DAY + (hour * 60 + minute) * 60_000;
}

/** `YYYY-MM` of a day. */
export function monthString(day: number): string {
	return dayString(day).slice(0, 7);
}

export function yearOf(day: number): number {
	return Number(dayString(day).slice(0, 4));
}

/** First day of the month after the one containing `day`. */
export function firstOfNextMonth(day: number): number {
	const date = new Date(day * MS_PER_DAY);
	return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / MS_PER_DAY;
}

/** First day of the month containing `day`. */
export function startOfMonth(day: number): number {
	const date = new Date(day * MS_PER_DAY);
	return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / MS_PER_DAY;
}

export function firstOfMonth(year: number, month: number): number {
	return Date.UTC(year, month - 1, 1) / MS_PER_DAY;
}

export function addMonths(day: number, months: number): number {
	const date = new Date(day * MS_PER_DAY);
	return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate()) / MS_PER_DAY;
}

export function addYears(day: number, years: number): number {
	return addMonths(day, years * 12);
}

/** Completed years between a birth day and another day. */
export function ageAt(birthDay: number, day: number): number {
	const birth = dayString(birthDay);
	const at = dayString(day);
	const years = Number(at.slice(0, 4)) - Number(birth.slice(0, 4));
	return at.slice(5) < birth.slice(5) ? years - 1 : years;
}

/** 0 = Monday … 6 = Sunday. */
export function weekday(day: number): number {
	return (day + 3) % 7;
}

export { MS_PER_DAY };
