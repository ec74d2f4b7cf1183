// Formatting at the edge of the view: French dates and amounts, as users read them.

const longDate = new Intl.DateTimeFormat("fr-FR", {
	day: "numeric",
	month: "long",
	year: "numeric",
	timeZone: "UTC",
});

/** "1er janvier 2025", "15 mai 2024": French writes the first day of a month as an ordinal. */
export function formatLongDate(date: Date): string {
	const text = longDate.format(date);
	return date.getUTCDate() === 1 ? text.replace(/^1 /, "1er ") : text;
}

/** "2025-01-01", for `<time datetime>` and JSON. */
export function isoDate(date: Date): string {
	return date.toISOString().slice(0, 10);
}

const euros = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

/** Amounts are integer cents everywhere: 1950 → "19,50 €". */
export function formatEuros(cents: number): string {
	return euros.format(cents / 100);
}
