// The gazetteer's import file: one line per commune and postal code, with the coordinates of its
// town centre (for instance IGN's ADMIN EXPRESS « chef-lieu » points joined to La Poste's postal
// codes), columns `insee,code_postal,nom,latitude,longitude` with a header line, comma or
// semicolon separated, UTF-8. Each line is parsed with a schema; a wrong line is reported with
// its number and reason and left out, the others are imported (importCommunes).
import Papa from "papaparse";
import { z } from "zod";
import type { CommuneRow } from "./communes.ts";

export interface CommunesCsv {
	readonly rows: readonly CommuneRow[];
	readonly rejected: readonly { readonly line: number; readonly reason: string }[];
}

const decimal = z
	.string()
	.trim()
	.regex(/^-?\d{1,3}([.,]\d+)?$/, { error: "coordonnée illisible" })
	.transform((value) => Number(value.replace(",", ".")));

const lineSchema = z.object({
	insee: z
		.string()
		.trim()
		.regex(/^(\d{5}|2[AB]\d{3})$/, { error: "code INSEE illisible" }),
	code_postal: z
		.string()
		.trim()
		.regex(/^\d{5}$/, { error: "code postal illisible" }),
	nom: z.string().trim().min(1, { error: "nom manquant" }).max(80, { error: "nom trop long" }),
	latitude: decimal.pipe(
		z.number().min(-90, { error: "latitude hors bornes" }).max(90, { error: "latitude hors bornes" }),
	),
	longitude: decimal.pipe(
		z.number().min(-180, { error: "longitude hors bornes" }).max(180, { error: "longitude hors bornes" }),
	),
});

/** The department of an INSEE code: two characters, three overseas (971…976). */
export function departmentOf(insee: string): string {
	return insee.startsWith("97") ? insee.slice(0, 3) : insee.slice(0, 2);
}

export function parseCommunesCsv(text: string): CommunesCsv {
	const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), {
		header: true,
		skipEmptyLines: true,
		delimitersToGuess: [",", ";"],
	});
	const rows: CommuneRow[] = [];
	const rejected: { line: number; reason: string }[] = [];
	parsed.data.forEach((record, index) => {
		// Line 1 is the header.
		const line = index + 2;
		const result = lineSchema.safeParse(record);
		if (!result.success) {
			const issue = result.error.issues[0];
			rejected.push({
				line,
				reason: `${String(issue?.path[0] ?? "ligne")} : ${issue?.message ?? "illisible"}`,
			});
			return;
		}
		const { insee, code_postal, nom, latitude, longitude } = result.data;
		rows.push({
			insee,
			postalCode: code_postal,
			name: nom,
			department: departmentOf(insee),
			latitude,
			longitude,
		});
	});
	return { rows, rejected };
}
