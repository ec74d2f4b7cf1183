// The one rule for a record's id in a path or a query (`/adherent/reclamations/12`), shared by
// the pages and the API (issue 11): only the canonical decimal form of a positive integer a
// JavaScript number holds exactly. `0x1`, ` 1`, `1.0`, `+1`, `01`, `1e0` all name the record 1 to
// `Number()`, and accepting them gives one record many addresses (and many audit entries that do
// not compare equal). Pages answer 404 to anything else, the API 400 (ADR 0014).
import { z } from "zod";

/** 1 to 9 007 199 254 740 991, written without sign, leading zero, space, point or exponent. */
const CANONICAL = /^[1-9][0-9]{0,15}$/;

export const RECORD_ID_MESSAGE =
	"L'identifiant doit être un nombre entier positif écrit en chiffres, sans zéro initial.";

export const recordIdSchema = z
	.string()
	.regex(CANONICAL, RECORD_ID_MESSAGE)
	.refine((text) => Number.isSafeInteger(Number(text)), RECORD_ID_MESSAGE)
	.transform(Number);

/** The id a path segment names, or null when it is not an id's canonical form. */
export function parseRecordId(raw: string | undefined): number | null {
	const parsed = recordIdSchema.safeParse(raw);
	return parsed.success ? parsed.data : null;
}
