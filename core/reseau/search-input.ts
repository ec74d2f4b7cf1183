// The finder's query string, parsed at the boundary: a commune or postal code typed (`q`), a
// commune chosen among suggestions (`commune`, its INSEE code), or a position (`lat`, `lon`, from
// « Autour de moi »); a specialty and a page. Unknown keys are refused (SECURITY.md, Requests).
import { z } from "zod";
import { MAX_PAGE } from "./directory.ts";
import { type Specialty, specialties } from "./specialties.ts";

export type SearchOrigin =
	| { readonly kind: "none" }
	| { readonly kind: "text"; readonly text: string }
	| { readonly kind: "commune"; readonly insee: string }
	| { readonly kind: "position"; readonly latitude: number; readonly longitude: number };

export interface SearchInput {
	readonly origin: SearchOrigin;
	readonly specialty: Specialty | null;
	readonly page: number;
	/** What to put back in the form. */
	readonly text: string;
}

export type SearchInputResult =
	| { readonly ok: true; readonly input: SearchInput }
	| { readonly ok: false; readonly errors: Readonly<Record<string, string>>; readonly text: string };

const coordinate = (min: number, max: number) =>
	z
		.string()
		.regex(/^-?\d{1,3}(\.\d{1,8})?$/)
		.transform(Number)
		.pipe(z.number().min(min).max(max));

const schema = z.strictObject({
	q: z.string().trim().max(80, { error: "Saisissez au plus 80 caractères." }).optional(),
	commune: z
		.string()
		.regex(/^(\d{5}|2[AB]\d{3})$/, { error: "Cette commune n'existe pas." })
		.optional(),
	specialite: z.enum(["", ...specialties], { error: "Choisissez une spécialité de la liste." }).optional(),
	lat: coordinate(-90, 90).optional(),
	lon: coordinate(-180, 180).optional(),
	page: z
		.string()
		.regex(/^[1-9]\d{0,2}$/, { error: "Cette page n'existe pas." })
		.transform(Number)
		.pipe(
			z.number().max(MAX_PAGE, {
				error: `Les résultats s'arrêtent à la page ${MAX_PAGE} : précisez votre recherche.`,
			}),
		)
		.optional(),
});

const FIELD_OF: Readonly<Record<string, string>> = {
	q: "q",
	commune: "q",
	lat: "q",
	lon: "q",
	specialite: "specialite",
};

export function parseSearchInput(query: Readonly<Record<string, string>>): SearchInputResult {
	const text = typeof query.q === "string" ? query.q.slice(0, 80) : "";
	const parsed = schema.safeParse(query);
	if (!parsed.success) {
		const errors: Record<string, string> = {};
		for (const issue of parsed.error.issues) {
			const key = String(issue.path[0] ?? "");
			const field = FIELD_OF[key] ?? "_form";
			if (issue.code === "unrecognized_keys") errors._form = "Cette adresse de recherche n'est pas valide.";
			else if (key === "lat" || key === "lon") errors[field] ??= "Votre position n'a pas pu être lue.";
			else errors[field] ??= issue.message;
		}
		return { ok: false, errors, text };
	}
	const { q, commune, specialite, lat, lon, page } = parsed.data;
	if ((lat === undefined) !== (lon === undefined))
		return { ok: false, errors: { q: "Votre position n'a pas pu être lue." }, text };
	const origin: SearchOrigin =
		lat !== undefined && lon !== undefined
			? { kind: "position", latitude: lat, longitude: lon }
			: commune
				? { kind: "commune", insee: commune }
				: q
					? { kind: "text", text: q }
					: { kind: "none" };
	if (q !== undefined && q === "" && origin.kind === "none" && query.q !== undefined)
		return { ok: false, errors: { q: "Saisissez une commune ou un code postal." }, text };
	return { ok: true, input: { origin, specialty: specialite || null, page: page ?? 1, text: q ?? "" } };
}
