// The zod fields the templates share. Mail data carries identifiers and display values only: no
// amount, no act, no beneficiary, no full IBAN, no password. Schemas are strict, so a caller that
// adds such a field by mistake gets an error instead of a mail.
import { z } from "zod";
import { parisDayOf } from "./format.ts";

/** Optional: the greeting is "Bonjour," without it. Never required, so no mail depends on a name. */
export const displayName = z
	.string()
	.trim()
	.min(1)
	.max(80)
	.regex(/^[^\p{Cc}]*$/u, "ne doit pas contenir de caractère de contrôle")
	.optional();

/**
 * A path on the space, such as "/compte/activer?jeton=…", joined to the public URL by buildLink.
 * An absolute or protocol-relative address is refused: the host is never the caller's to choose.
 */
export const sitePath = z
	.string()
	.min(1)
	.max(2048)
	.regex(/^\/(?![/\\])/, "doit être un chemin commençant par une seule barre oblique")
	.regex(/^[^\s\p{Cc}]*$/u, "ne doit contenir ni espace ni caractère de contrôle");

/** The numeric sign-in identifier (10 digits, schema/tables/accounts.ts). */
export const accountIdentifier = z.string().regex(/^\d{10}$/, "doit compter 10 chiffres");

/** A request's reference as users see it, e.g. "R2026-000123". */
export const reference = z.string().regex(/^[A-Z0-9][A-Z0-9-]{2,31}$/, "référence invalide");

/** The last four characters of an IBAN: all that a mail may show of it (SECURITY.md). */
export const ibanLast4 = z.string().regex(/^[0-9A-Z]{4}$/, "doit compter 4 caractères");

/** An instant: a Date, or an ISO 8601 string with its offset ("2026-11-26T09:05:00Z"). */
export const instant = z
	.union([z.date(), z.iso.datetime({ offset: true })])
	.transform((value) => new Date(value))
	.refine((value) => !Number.isNaN(value.getTime()), "date invalide");

/** A calendar day: "2026-11-26", or an instant taken as its day in Paris. Output: "YYYY-MM-DD". */
export const calendarDay = z.union([z.iso.date(), instant.transform((value) => parisDayOf(value))]);
