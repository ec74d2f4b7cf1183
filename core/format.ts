// Money, dates, months and rates as French readers expect them ("12,50 €", "26/11/2026",
// "novembre 2026", "70 %"), for the pages and the PDFs of the private spaces. Amounts are held in
// integer cents and calendar days as "YYYY-MM-DD": formatting happens only here, at the edge.
import { parisDay } from "./calendar.ts";

/** The calendar day in Paris of an instant, "YYYY-MM-DD": what "today" means to a member. */
export const parisDayOf = parisDay;

const money = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });
const percent = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 2 });
// Calendar days and months carry no zone, so no zone can shift them: they are rewritten as text
// (a page of reimbursements formats hundreds of them; Intl would cost a Date and ICU each time).
const MONTHS = [
	"janvier",
	"février",
	"mars",
	"avril",
	"mai",
	"juin",
	"juillet",
	"août",
	"septembre",
	"octobre",
	"novembre",
	"décembre",
] as const;
const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const CALENDAR_MONTH = /^(\d{4})-(\d{2})$/;

const THOUSANDS = /\B(?=(\d{3})+(?!\d))/g;

/**
 * 1250 → "12,50 €"; 123456 → "1 234,56 €", exactly as `Intl.NumberFormat("fr-FR")` writes euros
 * (a narrow no-break space between thousands, a no-break space before the sign), written by hand
 * for whole cents because pages format dozens of amounts and ICU is the slow part.
 */
export function formatCents(cents: number): string {
	if (!Number.isSafeInteger(cents) || Object.is(cents, -0)) return money.format(cents / 100);
	const absolute = Math.abs(cents);
	const euros = String(Math.floor(absolute / 100)).replace(THOUSANDS, "\u202f");
	const rest = String(absolute % 100).padStart(2, "0");
	return `${cents < 0 ? "-" : ""}${euros},${rest}\u00a0€`;
}

/** "2026-11-26" → "26/11/2026". */
export function formatDay(calendarDay: string): string {
	const parts = CALENDAR_DAY.exec(calendarDay);
	if (!parts) throw new RangeError(`not a calendar day: ${calendarDay}`);
	return `${parts[3]}/${parts[2]}/${parts[1]}`;
}

/** "2026-11" → "novembre 2026". */
export function formatMonth(calendarMonth: string): string {
	const parts = CALENDAR_MONTH.exec(calendarMonth);
	const name = parts ? MONTHS[Number(parts[2]) - 1] : undefined;
	if (!parts || !name) throw new RangeError(`not a calendar month: ${calendarMonth}`);
	return `${name} ${parts[1]}`;
}

/** Basis points: 7000 → "70 %", 15000 → "150 %", 1250 → "12,5 %". */
export function formatRate(basisPoints: number): string {
	return percent.format(basisPoints / 10_000);
}

/**
 * French writes the first day of a month as an ordinal, "1er décembre", where Intl writes
 * "1 décembre" (and "mardi 1 décembre", "1 déc. 2026"): every long date of the pages goes
 * through this. "11 décembre" and "21 décembre" stay as they are.
 */
export function withFirstOfMonth(text: string): string {
	return text.replace(/(^|\D)1 (?=\p{L})/gu, "$11er ");
}

const LONG_DAY = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "UTC" });
const LONG_PARIS_DAY = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "Europe/Paris" });

/** "2026-12-01" → "1er décembre 2026". */
export function formatLongDay(calendarDay: string): string {
	if (!CALENDAR_DAY.test(calendarDay)) throw new RangeError(`not a calendar day: ${calendarDay}`);
	return withFirstOfMonth(LONG_DAY.format(new Date(`${calendarDay}T00:00:00Z`)));
}

/** An instant as its long calendar day in Paris: "1er décembre 2026". */
export function formatLongInstantDay(instant: Date): string {
	return withFirstOfMonth(LONG_PARIS_DAY.format(instant));
}

/** An instant as its calendar day in Paris: "26/11/2026". */
export function formatInstantDay(instant: Date): string {
	return formatDay(parisDayOf(instant));
}

// No grouping: spreadsheets read "1234,50" as a number, not "1 234,50".
const PLAIN_AMOUNT = new Intl.NumberFormat("fr-FR", {
	minimumFractionDigits: 2,
	maximumFractionDigits: 2,
	useGrouping: false,
});
const INSTANT = new Intl.DateTimeFormat("fr-FR", {
	timeZone: "Europe/Paris",
	day: "2-digit",
	month: "2-digit",
	year: "numeric",
	hour: "2-digit",
	minute: "2-digit",
});

/** 123450 → "1234,50": an amount for a spreadsheet cell, without grouping or currency. */
export function formatPlainAmount(cents: number): string {
	return PLAIN_AMOUNT.format(cents / 100);
}

/** An instant, in Paris: "26/11/2026 10:05". */
export function formatInstant(instant: Date): string {
	return INSTANT.format(instant).replace(" ", " à ");
}
