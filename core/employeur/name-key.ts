// How the employee directory folds a name (ADR 0018): lower case, accents and ligatures removed,
// so that « Lefèvre », « LEFEVRE » and « lefevre » sort and search alike. The migration
// employeur_custom folds the stored names the same way in SQL; a test holds them together.

/** « Élodie LEFÈVRE-Œuvray » → « elodie lefevre-oeuvray ». */
export function foldName(text: string): string {
	return text
		.normalize("NFD")
		.replace(/\p{M}/gu, "")
		.replaceAll(/œ/giu, "oe")
		.replaceAll(/æ/giu, "ae")
		.toLowerCase();
}
