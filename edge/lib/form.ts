// Parses a submitted form with a zod schema at the boundary: every field is a string, unknown
// fields are refused, and each problem becomes a French message keyed by its field, to be shown
// next to it with the other values kept.
import type { Context } from "hono";
import type { z } from "zod";
import type { FieldErrors } from "../views/form.tsx";
import { joinDateParts } from "./date-parts.ts";

export type FormResult<T> =
	| { readonly ok: true; readonly data: T; readonly values: Readonly<Record<string, string>> }
	| { readonly ok: false; readonly errors: FieldErrors; readonly values: Readonly<Record<string, string>> };

/** Fields every form may carry besides its own. */
const ALLOWED_EXTRA = new Set(["next"]);

export async function parseForm<S extends z.ZodObject>(
	c: Context,
	schema: S,
): Promise<FormResult<z.output<S>>> {
	let body: Record<string, unknown>;
	try {
		// `all`: a field sent twice comes as a list, refused below like any unexpected field.
		body = await c.req.parseBody({ all: true });
	} catch {
		return {
			ok: false,
			errors: { _form: "Le formulaire envoyé n'a pas pu être lu. Réessayez." },
			values: {},
		};
	}
	const typed: Record<string, string> = {};
	for (const [key, value] of Object.entries(body)) {
		if (typeof value === "string") typed[key] = value;
	}
	// A date typed as day, month and year (views/form.tsx DateField) reaches the schema as one field;
	// the parts stay in `values` to be shown again as typed.
	const fields = joinDateParts(typed);
	const values: Record<string, string> = { ...typed, ...fields };
	const known = new Set(Object.keys(schema.shape));
	if (
		Object.keys(fields).some((key) => !known.has(key) && !ALLOWED_EXTRA.has(key)) ||
		Object.values(body).some((v) => typeof v !== "string")
	) {
		return {
			ok: false,
			errors: { _form: "Le formulaire contient des champs inattendus. Rechargez la page et réessayez." },
			values,
		};
	}
	const input = Object.fromEntries(Object.entries(fields).filter(([key]) => known.has(key)));
	const parsed = schema.safeParse(input);
	if (parsed.success) return { ok: true, data: parsed.data, values };
	const errors: Record<string, string> = {};
	for (const issue of parsed.error.issues) {
		const field = String(issue.path[0] ?? "_form");
		errors[field] ??= issue.message;
	}
	return { ok: false, errors, values };
}
