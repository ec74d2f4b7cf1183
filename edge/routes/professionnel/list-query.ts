// The query string of the practice's lists (factures, paiements): an allow-list of criteria,
// each checked, unknown ones refused with a French message; dates come typed as day, month and
// year from the form (DateField), or as `YYYY-MM-DD` from the page's own links.
import { z } from "zod";
import { invoiceStatuses } from "../../../schema/enums.ts";
import { joinDateParts } from "../../lib/date-parts.ts";
import type { FieldErrors } from "../../views/form.tsx";
import type { ListCriteria } from "../../views/professionnel/criteria.ts";

// An empty field of the GET form means "no criterion".
const optional = <T extends z.ZodType>(schema: T) =>
	z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const FIELDS = {
	du: optional(z.iso.date("La date de début n'est pas une date valide.")),
	au: optional(z.iso.date("La date de fin n'est pas une date valide.")),
	statut: optional(z.enum(invoiceStatuses, "Choisissez un statut dans la liste.")),
	adherent: optional(
		z
			.string()
			.trim()
			.regex(/^\d{1,20}$/, "Le numéro d'adhérent ne contient que des chiffres."),
	),
	page: optional(
		z
			.string()
			.regex(/^[1-9]\d{0,5}$/, "Le numéro de page doit être un nombre entier positif.")
			.transform(Number),
	),
};

function listSchema<K extends keyof typeof FIELDS>(keys: readonly K[]) {
	const shape = Object.fromEntries(keys.map((key) => [key, FIELDS[key]])) as Pick<typeof FIELDS, K>;
	return z
		.strictObject(shape, {
			error: (issue) =>
				issue.code === "unrecognized_keys" ? "Cette adresse contient un critère inconnu." : undefined,
		})
		.refine(
			(query: Record<string, unknown>) =>
				typeof query.du !== "string" || typeof query.au !== "string" || query.du <= query.au,
			{ message: "La date de fin doit être postérieure à la date de début.", path: ["au"] },
		);
}

export const invoiceListSchema = listSchema(["du", "au", "statut", "adherent", "page"]);
export const paymentListSchema = listSchema(["du", "au", "page"]);

export type ParsedList<T> =
	| { readonly ok: true; readonly query: T; readonly criteria: ListCriteria }
	| { readonly ok: false; readonly errors: FieldErrors; readonly criteria: ListCriteria };

export function parseListQuery<S extends z.ZodType>(
	schema: S,
	typed: Record<string, string>,
): ParsedList<z.output<S>> {
	const raw = joinDateParts(typed);
	const criteria: ListCriteria = { ...typed, ...raw };
	const parsed = schema.safeParse(raw);
	if (parsed.success) return { ok: true, query: parsed.data, criteria };
	const errors: Record<string, string> = {};
	for (const issue of parsed.error.issues) {
		const field = String(issue.path[0] ?? "");
		errors[field in FIELDS && field !== "page" ? field : "_form"] ??= issue.message;
	}
	return { ok: false, errors, criteria };
}
