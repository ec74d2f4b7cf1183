// The export as one zip archive (GDPR art. 20: "structured, commonly used and machine-readable"):
// `donnees.json` holds every section, one CSV per section for a spreadsheet (`;`, UTF-8 with a
// byte-order mark, formulas escaped, as the member's reimbursement CSV), and `LISEZMOI.txt`
// describes each file in French. fflate builds the archive in memory, on Node and on Workers.
import { strToU8, zipSync } from "fflate";
import Papa from "papaparse";
import { formatInstant } from "../format.ts";
import type { ExportSection } from "./export-data.ts";
import { EXPORT_SECTIONS } from "./export-sections.ts";

const BYTE_ORDER_MARK = "\uFEFF";

export const README_NAME = "LISEZMOI.txt";
export const JSON_NAME = "donnees.json";

function csvOf(section: ExportSection): string {
	const fields = Object.keys(section.rows[0] ?? {});
	const data = section.rows.map((row) => fields.map((field) => row[field] ?? ""));
	return (
		BYTE_ORDER_MARK +
		Papa.unparse({ fields, data }, { delimiter: ";", newline: "\r\n", escapeFormulae: true })
	);
}

function readme(sections: readonly ExportSection[], generatedAt: Date, identifier: string): string {
	const present = new Set(sections.map((section) => section.name));
	const lines = [
		"Vos données personnelles",
		"========================",
		"",
		`Export du compte ${identifier}, produit le ${formatInstant(generatedAt)} (heure de Paris).`,
		"",
		"Cette archive contient tout ce que l'espace en ligne conserve sur vous (articles 15 et 20",
		"du RGPD, article 8 des conditions d'utilisation) :",
		`- ${JSON_NAME} : toutes les rubriques ci-dessous dans un seul fichier JSON, lisible par un programme ;`,
		"- un fichier CSV par rubrique, à ouvrir avec un tableur (séparateur « ; », encodage UTF-8).",
		"",
		"Les montants sont en centimes d'euro (1250 = 12,50 €), les dates au format AAAA-MM-JJ et",
		"les instants en temps universel (UTC) au format ISO 8601.",
		"",
		"Rubriques :",
	];
	for (const { name, description } of EXPORT_SECTIONS) {
		if (!present.has(name)) continue;
		const count = sections.find((section) => section.name === name)?.rows.length ?? 0;
		lines.push("", `${name}.csv (${count} ligne${count > 1 ? "s" : ""})`, `  ${description}`);
	}
	lines.push(
		"",
		"Ne figurent pas dans cette archive, pour votre sécurité : votre mot de passe (seule son",
		"empreinte est conservée), vos secrets de second facteur et codes de secours, l'IBAN",
		"complet, le contenu des pièces jointes. Vous pouvez les demander au délégué à la",
		"protection des données depuis la page « Mes données » de votre espace.",
		"",
	);
	return lines.join("\r\n");
}

/** The archive's bytes; the same sections give the same bytes (fixed file times). */
export function buildExportArchive(
	sections: readonly ExportSection[],
	generatedAt: Date,
	identifier: string,
): Uint8Array {
	const json = Object.fromEntries(sections.map((section) => [section.name, section.rows]));
	const files: Record<string, Uint8Array> = {
		[README_NAME]: strToU8(readme(sections, generatedAt, identifier)),
		[JSON_NAME]: strToU8(JSON.stringify({ genereLe: generatedAt.toISOString(), ...json }, null, 2)),
	};
	for (const section of sections) files[`${section.name}.csv`] = strToU8(csvOf(section));
	return zipSync(files, { level: 6, mtime: generatedAt });
}
