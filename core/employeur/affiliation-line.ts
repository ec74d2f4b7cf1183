// One line of an employer's CSV of affiliations (ADR 0033), read with the same rules as the
// « Affilier un salarié » form: the NIR with its key, the names, a real birth date, the e-mail,
// the address, the start date, a category and an option of the company's contract. Each refusal
// is a French sentence that names the column. The file is read by papaparse (« ; » or « , »,
// found from the header), as the staff import reads the core system's files.
import Papa from "papaparse";
import { z } from "zod";
import { coverageOptions } from "../../schema/enums.ts";
import { isValidNir, normalizeNir, postalCodeSchema } from "../../schema/identifiers.ts";
import { day, optionalText, requiredText } from "../import/fields.ts";
import { emailAddressSchema } from "../sign-up.ts";
import { foldName } from "./name-key.ts";

/** The most lines one import may hold (issue 12). */
export const MAX_IMPORT_LINES = 20_000;

export const IMPORT_COLUMNS = [
	"nir",
	"nom",
	"prenom",
	"date_naissance",
	"email",
	"adresse",
	"code_postal",
	"ville",
	"matricule",
	"date_affiliation",
	"categorie",
	"option",
] as const;
const OPTIONAL_COLUMNS = new Set(["matricule"]);

/** « Isolé », « isole », « ISOLE » all read as the option `isole`. */
function optionOf(text: string): (typeof coverageOptions)[number] | null {
	const folded = foldName(text.trim());
	return coverageOptions.find((option) => option === folded) ?? null;
}

const prefixed = (column: string, schema: z.ZodType<string, string>) =>
	z.string({ error: `${column} : valeur manquante.` }).transform((value, context) => {
		const parsed = schema.safeParse(value);
		if (parsed.success) return parsed.data;
		context.addIssue({ code: "custom", message: `${column} : ${parsed.error.issues[0]?.message}` });
		return z.NEVER;
	});

export const affiliationLine = z.strictObject({
	nir: z.string({ error: "nir : valeur manquante." }).transform((value, context) => {
		const nir = normalizeNir(value);
		if (isValidNir(nir)) return nir;
		context.addIssue({
			code: "custom",
			message: "nir : le numéro de sécurité sociale n'est pas valide (15 caractères, clé comprise).",
		});
		return z.NEVER;
	}),
	nom: requiredText("nom", 80),
	prenom: requiredText("prenom", 80),
	date_naissance: day("date_naissance"),
	email: prefixed("email", emailAddressSchema),
	adresse: requiredText("adresse", 120),
	code_postal: prefixed("code_postal", postalCodeSchema),
	ville: requiredText("ville", 80),
	matricule: optionalText("matricule", 20).refine(
		(value) => value === null || /^[A-Za-z0-9-]+$/.test(value),
		"matricule : des lettres, des chiffres et des tirets seulement.",
	),
	date_affiliation: day("date_affiliation"),
	categorie: requiredText("categorie", 80),
	option: z.string({ error: "option : valeur manquante." }).transform((value, context) => {
		const option = optionOf(value);
		if (option) return option;
		context.addIssue({ code: "custom", message: "option : « isolé », « duo » ou « famille »." });
		return z.NEVER;
	}),
});
export type AffiliationLine = z.output<typeof affiliationLine>;

export type ParsedFile =
	| { readonly ok: true; readonly rows: readonly { line: number; record: Record<string, string> }[] }
	| { readonly ok: false; readonly reason: string };

/** UTF-8 (with or without BOM), else Windows-1252: what a spreadsheet saves as « CSV ». */
export function decodeCsv(bytes: Uint8Array): string {
	try {
		return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
	} catch {
		return new TextDecoder("windows-1252").decode(bytes);
	}
}

/**
 * The file's rows with their line numbers (the header is line 1; blank lines are counted and
 * skipped), or the French reason the whole file is refused: no header of ours, a column missing
 * or unknown, no line, too many lines.
 */
export function parseAffiliationCsv(text: string): ParsedFile {
	const parsed = Papa.parse<Record<string, string>>(text, {
		header: true,
		skipEmptyLines: false,
		transformHeader: (header) => foldName(header.trim()).replaceAll(/[\s-]+/g, "_"),
	});
	const columns = parsed.meta.fields ?? [];
	const unknown = columns.filter((column) => !(IMPORT_COLUMNS as readonly string[]).includes(column));
	const missing = IMPORT_COLUMNS.filter(
		(column) => !OPTIONAL_COLUMNS.has(column) && !columns.includes(column),
	);
	if (missing.length === columns.length || missing.length > 0 || unknown.length > 0) {
		const parts = [
			missing.length > 0 ? `colonne(s) manquante(s) : ${missing.join(", ")}` : "",
			unknown.length > 0 ? `colonne(s) inconnue(s) : ${unknown.filter(Boolean).join(", ")}` : "",
		].filter(Boolean);
		return {
			ok: false,
			reason: `La première ligne du fichier doit nommer les colonnes (${IMPORT_COLUMNS.join(";")}) ; ${parts.join(" ; ")}.`,
		};
	}
	const rows: { line: number; record: Record<string, string> }[] = [];
	parsed.data.forEach((record, index) => {
		if (Object.values(record).every((value) => typeof value !== "string" || value.trim() === "")) return;
		rows.push({ line: index + 2, record });
	});
	if (rows.length === 0) return { ok: false, reason: "Le fichier ne contient aucune ligne de salarié." };
	if (rows.length > MAX_IMPORT_LINES)
		return {
			ok: false,
			reason: `Le fichier compte ${rows.length} lignes de salariés : ${MAX_IMPORT_LINES} au plus par import. Découpez-le en plusieurs fichiers.`,
		};
	return { ok: true, rows };
}
