// Fields of the core system's files, parsed with French messages: amounts in euros as the core
// system writes them ("12,50", "12.50", "1 234,5") turned into integer cents without floating
// point, dates as YYYY-MM-DD (or DD/MM/YYYY), rates in percent turned into basis points.
import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { z } from "zod";
import { isValidNir, isValidSiren, isValidSiret, normalizeNir } from "../../schema/identifiers.ts";
import { isRealDay } from "../calendar.ts";

const AMOUNT = /^(\d{1,9})(?:[.,](\d{1,2}))?$/;

/** A non-negative amount in euros, as integer cents. */
export function euros(label: string) {
	return z.string({ error: `${label} : valeur manquante.` }).transform((value, context) => {
		const match = AMOUNT.exec(value.replace(/[\s\u00a0\u202f]/g, ""));
		if (!match) {
			context.addIssue({
				code: "custom",
				message: `${label} : « ${value.slice(0, 20)} » n'est pas un montant en euros.`,
			});
			return z.NEVER;
		}
		return Number(match[1]) * 100 + Number((match[2] ?? "0").padEnd(2, "0"));
	});
}

/** A calendar day, YYYY-MM-DD or DD/MM/YYYY, that exists. */
export function day(label: string) {
	return z.string({ error: `${label} : valeur manquante.` }).transform((value, context) => {
		const text = value.trim();
		const french = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
		const iso = french ? `${french[3]}-${french[2]}-${french[1]}` : text;
		if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || !isRealDay(iso)) {
			context.addIssue({
				code: "custom",
				message: `${label} : « ${text.slice(0, 20)} » n'est pas une date (AAAA-MM-JJ).`,
			});
			return z.NEVER;
		}
		return iso;
	});
}

/** An optional calendar day: empty or absent is null. */
export function optionalDay(label: string) {
	return day(label)
		.optional()
		.transform((value) => value ?? null);
}

/** A rate in percent ("70", "65,5") as basis points, 0 to 100 %. */
export function percent(label: string) {
	return z.string({ error: `${label} : valeur manquante.` }).transform((value, context) => {
		const match = AMOUNT.exec(value.trim());
		const bp = match ? Number(match[1]) * 100 + Number((match[2] ?? "0").padEnd(2, "0")) : Number.NaN;
		if (!(bp >= 0 && bp <= 10_000)) {
			context.addIssue({
				code: "custom",
				message: `${label} : « ${value.slice(0, 20)} » n'est pas un taux entre 0 et 100.`,
			});
			return z.NEVER;
		}
		return bp;
	});
}

/** A French postal code. */
export const postalCodeField = z
	.string({ error: "code_postal : valeur manquante." })
	.trim()
	.regex(/^\d{5}$/, "code_postal : 5 chiffres.");

/** An optional text: empty or absent is null. */
export function optionalText(label: string, max: number) {
	return z
		.string()
		.trim()
		.max(max, `${label} : ${max} caractères au plus.`)
		.optional()
		.transform((value) => (value ? value : null));
}

export function requiredText(label: string, max: number) {
	return z
		.string({ error: `${label} : valeur manquante.` })
		.trim()
		.min(1, `${label} : valeur manquante.`)
		.max(max, `${label} : ${max} caractères au plus.`);
}

/** Every value of a line is a string (CSV); JSON Lines numbers are read as their text. */
export function asStrings(record: Record<string, unknown>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(record)) {
		if (value === null || value === undefined || value === "") continue;
		out[key.trim()] = typeof value === "string" ? value : String(value);
	}
	return out;
}

/** The first problem of a parse, as the line's French reason. */
export function firstReason(error: z.ZodError): string {
	const issue = error.issues[0];
	if (!issue) return "Ligne invalide.";
	if (issue.code === "unrecognized_keys") return `Colonne(s) inconnue(s) : ${issue.keys.join(", ")}.`;
	if (issue.code === "invalid_type" && issue.input === undefined)
		return `${String(issue.path[0] ?? "valeur")} : valeur manquante.`;
	return issue.message;
}

/**
 * `column IN (the values)` with the list passed as ONE JSON parameter: the SQL text is the same
 * whatever the batch holds, so the connection's prepared-statement cache keeps one statement
 * instead of one per list length (each a native allocation outside the JavaScript heap).
 */
export function inList(column: SQLWrapper, values: readonly (string | number)[]): SQL {
	return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
}

/**
 * Rows cut into multi-row statements of a few fixed sizes only (the largest first, then the rest
 * in smaller steps): a batch with refused or repeated lines would otherwise make a statement of
 * a new length, prepared and cached anew, each time.
 */
export function* fixedChunks<T>(rows: readonly T[], sizes: readonly number[] = [400, 20, 1]): Generator<T[]> {
	let start = 0;
	for (const size of sizes)
		for (; rows.length - start >= size; start += size) yield rows.slice(start, start + size);
}

/** A number the core system gives a contract, an invoice or a convention: letters, digits, - and /. */
export function coreNumber(label: string, max = 32) {
	return z
		.string({ error: `${label} : valeur manquante.` })
		.trim()
		.regex(new RegExp(`^[A-Za-z0-9\\-/]{1,${max}}$`), `${label} : 1 à ${max} lettres, chiffres, - ou /.`);
}

/** A SIRET (14 digits, spaces allowed) whose Luhn key is right, and whose SIREN's is too. */
export function siretField(label: string) {
	return z.string({ error: `${label} : valeur manquante.` }).transform((value, context) => {
		const siret = value.replace(/[\s\u00a0]/g, "");
		const problem = !/^\d{14}$/.test(siret)
			? "14 chiffres attendus"
			: !isValidSiret(siret)
				? "la clé de contrôle (Luhn) n'est pas bonne"
				: !isValidSiren(siret.slice(0, 9))
					? `la clé de contrôle (Luhn) du SIREN ${siret.slice(0, 9)} n'est pas bonne`
					: null;
		if (problem === null) return siret;
		context.addIssue({ code: "custom", message: `${label} : « ${value.slice(0, 20)} » : ${problem}.` });
		return z.NEVER;
	});
}

/** A required NIR, checked with its key (15 characters, Corsica's 2A/2B allowed). */
export function requiredNir(label: string) {
	return z.string({ error: `${label} : valeur manquante.` }).transform((value, context) => {
		const nir = normalizeNir(value);
		if (isValidNir(nir)) return nir;
		context.addIssue({
			code: "custom",
			message: `${label} : le numéro de sécurité sociale n'est pas valide (15 caractères, clé comprise).`,
		});
		return z.NEVER;
	});
}

/** A whole number from `min` to `max`. */
export function wholeNumber(label: string, min: number, max: number) {
	return z.string({ error: `${label} : valeur manquante.` }).transform((value, context) => {
		const text = value.trim();
		const number = /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
		if (number >= min && number <= max) return number;
		context.addIssue({ code: "custom", message: `${label} : un nombre entier de ${min} à ${max}.` });
		return z.NEVER;
	});
}

/** One of the core system's words, mapped to the portal's (e.g. « emis » → "issued"). */
export function mappedWord<V extends string>(label: string, words: Readonly<Record<string, V>>) {
	const names = Object.keys(words);
	return z.string({ error: `${label} : valeur manquante.` }).transform((value, context) => {
		const word = value.trim().toLowerCase();
		if (Object.hasOwn(words, word)) return words[word] as V;
		context.addIssue({ code: "custom", message: `${label} : l'un de ${names.join(", ")}.` });
		return z.NEVER;
	});
}

/** An optional e-mail address, lower-cased: empty or absent is null. */
export function optionalEmail(label: string) {
	return z
		.string()
		.trim()
		.optional()
		.transform((value, context) => {
			if (!value) return null;
			if (value.length <= 254 && z.email().safeParse(value).success) return value.toLowerCase();
			context.addIssue({ code: "custom", message: `${label} : l'adresse n'est pas valide.` });
			return z.NEVER;
		});
}

/** A rate in percent above 100 allowed ("150", "300,5"), as basis points, 0 to `maxPercent` %. */
export function percentUpTo(label: string, maxPercent: number) {
	return z.string({ error: `${label} : valeur manquante.` }).transform((value, context) => {
		const match = AMOUNT.exec(value.trim());
		const bp = match ? Number(match[1]) * 100 + Number((match[2] ?? "0").padEnd(2, "0")) : Number.NaN;
		if (bp >= 0 && bp <= maxPercent * 100) return bp;
		context.addIssue({
			code: "custom",
			message: `${label} : « ${value.slice(0, 20)} » n'est pas un taux entre 0 et ${maxPercent}.`,
		});
		return z.NEVER;
	});
}

/** A field that may be left empty: absent is null. */
export function optionalOf<T>(schema: z.ZodType<T, string>) {
	return schema.optional().transform((value) => value ?? null);
}
