// The one calendar of the portal: days are days in Paris, held as "YYYY-MM-DD"; arithmetic on
// them (days, working days, months, years, ages) for the schedules, the forms and the services.
const PARIS_DAY = new Intl.DateTimeFormat("en-CA", {
	timeZone: "Europe/Paris",
	year: "numeric",
	month: "2-digit",
	day: "2-digit",
});

const HOUR_MS = 3_600_000;
/** Since 1911 Paris has been a whole number of hours off UTC, so its days change on UTC hours. */
const WHOLE_HOUR_OFFSETS_FROM = Date.UTC(1911, 2, 11);
/** Paris days of recent UTC hours: a page formats many instants, ICU's zone lookup is the slow part. */
const dayOfHour = new Map<number, string>();
const MAX_HOURS_KEPT = 4096;

/** The calendar day in Paris at this instant, `YYYY-MM-DD`. */
export function parisDay(instant: Date): string {
	const time = instant.getTime();
	if (!(time >= WHOLE_HOUR_OFFSETS_FROM)) return PARIS_DAY.format(instant);
	const hour = Math.floor(time / HOUR_MS);
	let day = dayOfHour.get(hour);
	if (day === undefined) {
		day = PARIS_DAY.format(instant);
		if (dayOfHour.size >= MAX_HOURS_KEPT) dayOfHour.clear();
		dayOfHour.set(hour, day);
	}
	return day;
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

/** Easter Sunday (Gregorian, anonymous algorithm), `YYYY-MM-DD`. */
function easterSunday(year: number): string {
	const a = year % 19;
	const b = Math.floor(year / 100);
	const c = year % 100;
	const d = Math.floor(b / 4);
	const e = b % 4;
	const f = Math.floor((b + 8) / 25);
	const g = Math.floor((b - f + 1) / 3);
	const h = (19 * a + b - d - g + 15) % 30;
	const i = Math.floor(c / 4);
	const k = c % 4;
	const l = (32 + 2 * e + 2 * i - h - k) % 7;
	const m = Math.floor((a + 11 * h + 22 * l) / 451);
	const month = Math.floor((h + l - 7 * m + 114) / 31);
	const day = ((h + l - 7 * m + 114) % 31) + 1;
	return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The eleven public holidays of metropolitan France (Code du travail, L3133-1). */
export function frenchPublicHolidays(year: number): Set<string> {
	const easter = easterSunday(year);
	return new Set([
		`${year}-01-01`,
		addDays(easter, 1),
		`${year}-05-01`,
		`${year}-05-08`,
		addDays(easter, 39),
		addDays(easter, 50),
		`${year}-07-14`,
		`${year}-08-15`,
		`${year}-11-01`,
		`${year}-11-11`,
		`${year}-12-25`,
	]);
}

/**
 * Adds "jours ouvrables": every day but Sunday and public holidays (the ACPR's 10 jours ouvrables
 * to acknowledge a complaint are counted this way).
 */
export function addWorkingDays(day: string, count: number): string {
	let current = day;
	let added = 0;
	while (added < count) {
		current = addDays(current, 1);
		const weekday = new Date(`${current}T00:00:00Z`).getUTCDay();
		if (weekday !== 0 && !frenchPublicHolidays(Number(current.slice(0, 4))).has(current)) added++;
	}
	return current;
}

/** Adds calendar months, keeping the day or taking the month's last one (31 January + 1 month = 28/29 February). */
export function addMonths(day: string, months: number): string {
	const [y, m, d] = day.split("-").map(Number) as [number, number, number];
	const target = new Date(Date.UTC(y, m - 1 + months, 1));
	const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
	target.setUTCDate(Math.min(d, last));
	return target.toISOString().slice(0, 10);
}

/** Whole years of age on `today` (both `YYYY-MM-DD`). */
export function ageOn(birthDate: string, today: string): number {
	const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
	return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a `YYYY-MM-DD` text names a day that exists (no 31 April). */
export function isRealDay(value: string): boolean {
	if (!DAY.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
