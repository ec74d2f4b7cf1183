// Calendar arithmetic for the schedules: the portal's days are days in Paris.
const PARIS_DAY = new Intl.DateTimeFormat("en-CA", {
	timeZone: "Europe/Paris",
	year: "numeric",
	month: "2-digit",
	day: "2-digit",
});

/** The calendar day in Paris at this instant, `YYYY-MM-DD`. */
export function parisDay(instant: Date): string {
	return PARIS_DAY.format(instant);
}

/** Adds whole days to a `YYYY-MM-DD` day. */
export function addDays(day: string, days: number): string {
	const date = new Date(`${day}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return date.toISOString().slice(0, 10);
}

/** Adds whole years to a `YYYY-MM-DD` day (29 February becomes 28 February). */
export function addYears(day: string, years: number): string {
	const [y, m, d] = day.split("-").map(Number) as [number, number, number];
	const target = new Date(Date.UTC(y + years, m - 1, d));
	if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
	return target.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
