// Dates as French readers expect them, in Paris time whatever the server's zone:
// "jeudi 26 novembre 2026 à 10:05", "mardi 1er décembre 2026".
import { parisDay } from "../../calendar.ts";

const instantFormat = new Intl.DateTimeFormat("fr-FR", {
	timeZone: "Europe/Paris",
	weekday: "long",
	day: "numeric",
	month: "long",
	year: "numeric",
	hour: "2-digit",
	minute: "2-digit",
});

// Calendar days are held as "YYYY-MM-DD" and formatted at UTC midnight, so no zone can shift them.
const dayFormat = new Intl.DateTimeFormat("fr-FR", {
	timeZone: "UTC",
	weekday: "long",
	day: "numeric",
	month: "long",
	year: "numeric",
});

/** "jeudi 26 novembre 2026 à 10:05" (Paris time). */
export function formatInstant(instant: Date): string {
	return instantFormat.format(instant);
}

/** "2026-11-26" → "jeudi 26 novembre 2026"; French writes the first of a month "1er". */
export function formatDay(day: string): string {
	const date = new Date(`${day}T00:00:00Z`);
	return dayFormat.format(date).replace(/ 1 /, " 1er ");
}

/** The calendar day in Paris of an instant, as "YYYY-MM-DD" (the one calendar's). */
export const parisDayOf = parisDay;

/** "d'Harmonie Mutuelle", "de Mutuelle Bleue": French elides "de" before a vowel or a mute h. */
export function ofName(name: string): string {
	return /^[aeiouyhàâäéèêëîïôöùûüœæ]/i.test(name) ? `d'${name}` : `de ${name}`;
}

/** "1 jour", "30 jours". */
export function formatDays(count: number): string {
	return `${count} ${count > 1 ? "jours" : "jour"}`;
}
