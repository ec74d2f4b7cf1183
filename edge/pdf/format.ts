// Money, dates, months and rates as French readers expect them ("12,50 €", "26/11/2026",
// "novembre 2026", "70 %"), for the pages and the PDFs of the private spaces. Amounts are held in
// integer cents and calendar days as "YYYY-MM-DD": formatting happens only here, at the edge.
import { parisDay } from "../../worker/tasks/calendar.ts";

/** The calendar day in Paris of an instant, "YYYY-MM-DD": what "today" means to a member. */
export const parisDayOf = parisDay;

const money = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });
const percent = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 2 });
// Calendar days and months carry no zone: formatted at UTC midnight, so no zone can shift them.
const day = new Intl.DateTimeFormat("fr-FR", {
	timeZone: "UTC",
	day: "2-digit",
	month: "2-digit",
	year: "numeric",
});
const month = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", month: "long", year: "numeric" });

/** 1250 → "12,50 €"; 123456 → "1 234,56 €". */
export function formatCents(cents: number): string {
	return money.format(cents / 100);
}

/** "2026-11-26" → "26/11/2026". */
export function formatDay(calendarDay: string): string {
	return day.format(new Date(`${calendarDay}T00:00:00Z`));
}

/** "2026-11" → "novembre 2026". */
export function formatMonth(calendarMonth: string): string {
	return month.format(new Date(`${calendarMonth}-01T00:00:00Z`));
}

/** Basis points: 7000 → "70 %", 15000 → "150 %", 1250 → "12,5 %". */
export function formatRate(basisPoints: number): string {
	return percent.format(basisPoints / 10_000);
}

/** An instant as its calendar day in Paris: "26/11/2026". */
export function formatInstantDay(instant: Date): string {
	return formatDay(parisDayOf(instant));
}
