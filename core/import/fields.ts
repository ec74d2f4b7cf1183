// Fields of the core system's files, parsed with French messages: amounts in euros as the core
// system writes them ("12,50", "12.50", "1 234,5") turned into integer cents without floating
// point, dates as YYYY-MM-DD (or DD/MM/YYYY), rates in percent turned into basis points.
import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { z } from "zod";
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
