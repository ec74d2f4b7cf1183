// Dates are typed as three fields, day, month and year, as the GOV.UK design system recommends
// for dates people know (a date of birth, the last day of a cover): a browser's date widget shows
// mm/dd/yyyy in an English browser and is hard to use on a phone (issue 11). The fields are
// `<name>-jour`, `<name>-mois` and `<name>-annee`; they are joined into `<name>` before the form's
// schema reads it, so every rule on dates stays where it was.

export const DATE_PART_SUFFIXES = ["jour", "mois", "annee"] as const;
const PART = /^(.+)-(jour|mois|annee)$/;

/** The value of `name` from its three parts: `YYYY-MM-DD`, "" when all are empty, else `J/M/A` as typed. */
function joinedDate(day: string, month: string, year: string): string {
	const [d, m, y] = [day.trim(), month.trim(), year.trim()];
	if (d === "" && m === "" && y === "") return "";
	if (/^\d{1,2}$/.test(d) && /^\d{1,2}$/.test(m) && /^\d{4}$/.test(y))
		return `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
	// Left for the schema to refuse with the field's own message.
	return `${d}/${m}/${y}`;
}

/**
 * `fields` with each complete set of date parts replaced by the joined date. Parts without their
 * two siblings are left as they are (and refused as unexpected fields, like any other).
 */
export function joinDateParts(fields: Readonly<Record<string, string>>): Record<string, string> {
	const joined: Record<string, string> = {};
	const bases = new Set<string>();
	for (const key of Object.keys(fields)) {
		const base = PART.exec(key)?.[1];
		if (base && DATE_PART_SUFFIXES.every((suffix) => typeof fields[`${base}-${suffix}`] === "string"))
			bases.add(base);
	}
	for (const [key, value] of Object.entries(fields)) {
		const base = PART.exec(key)?.[1];
		if (base && bases.has(base)) continue;
		joined[key] = value;
	}
	for (const base of bases) {
		joined[base] = joinedDate(
			fields[`${base}-jour`] ?? "",
			fields[`${base}-mois`] ?? "",
			fields[`${base}-annee`] ?? "",
		);
	}
	return joined;
}

/** The three parts to show for `name`: as typed when the form comes back, else from its `YYYY-MM-DD`. */
export function datePartsOf(
	values: Readonly<Record<string, string | undefined>>,
	name: string,
): { jour: string; mois: string; annee: string } {
	const typed = DATE_PART_SUFFIXES.map((suffix) => values[`${name}-${suffix}`]);
	if (typed.some((part) => part !== undefined)) {
		const [jour = "", mois = "", annee = ""] = typed;
		return { jour, mois, annee };
	}
	const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(values[name] ?? "");
	return iso
		? { jour: String(Number(iso[3])), mois: String(Number(iso[2])), annee: iso[1] ?? "" }
		: { jour: "", mois: "", annee: "" };
}
