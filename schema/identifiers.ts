// Check rules of the French identifiers the portal handles (DOMAIN.md §1) and the validation
// schemas that carry their French messages. IBANs go through ibantools (ISO 13616 and the French
// clé RIB); only the clé RIB, which ibantools checks but does not compute, is computed here.
import {
	composeIBAN,
	electronicFormatIBAN,
	extractIBAN,
	friendlyFormatIBAN,
	isSEPACountry,
	isValidBIC,
	isValidIBAN,
} from "ibantools";
import { z } from "zod";

// --- NIR (numéro de sécurité sociale) -----------------------------------------------------

const NIR_PATTERN = /^[1-478]\d{4}(?:\d{2}|2[AB])\d{8}$/;

/** Removes spaces and dots and upper-cases the Corsican letters: "2 53 07 2B…" → "253072B…". */
export function normalizeNir(value: string): string {
	return value.replace(/[\s.]/g, "").toUpperCase();
}

/**
 * Key of a NIR from its first 13 characters: 97 − (number mod 97), where the Corsican
 * departments 2A and 2B count as 19 and 18.
 */
export function nirKey(first13: string): string {
	const department = first13.slice(5, 7);
	const numeric =
		department === "2A"
			? `${first13.slice(0, 5)}19${first13.slice(7)}`
			: department === "2B"
				? `${first13.slice(0, 5)}18${first13.slice(7)}`
				: first13;
	if (!/^\d{13}$/.test(numeric)) throw new RangeError("A NIR body is 13 digits (2A/2B allowed for Corsica).");
	// 13 digits stay below 2^53: Number arithmetic is exact.
	return String(97 - (Number(numeric) % 97)).padStart(2, "0");
}

export function isValidNir(value: string): boolean {
	const nir = normalizeNir(value);
	if (!NIR_PATTERN.test(nir)) return false;
	return nirKey(nir.slice(0, 13)) === nir.slice(13);
}

// --- SIREN / SIRET (Luhn) -------------------------------------------------------------------

function luhnSum(digits: string): number {
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		// Double every second digit counting from the rightmost one.
		let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
		if (i % 2 === 1) {
			digit *= 2;
			if (digit > 9) digit -= 9;
		}
		sum += digit;
	}
	return sum;
}

export function isValidLuhn(digits: string): boolean {
	return /^\d+$/.test(digits) && luhnSum(digits) % 10 === 0;
}

/** The digit that makes `body` + digit pass Luhn. */
export function luhnCheckDigit(body: string): string {
	if (!/^\d+$/.test(body)) throw new RangeError("Luhn applies to digits only.");
	return String((10 - (luhnSum(`${body}0`) % 10)) % 10);
}

export function isValidSiren(value: string): boolean {
	const siren = value.replace(/\s/g, "");
	return /^\d{9}$/.test(siren) && isValidLuhn(siren);
}

/** SIREN of La Poste, whose establishments follow another rule (sum of the digits ≡ 0 mod 5). */
export const LA_POSTE_SIREN = "356000000";
export const LA_POSTE_HEAD_OFFICE = "35600000000048";

export function isValidSiret(value: string): boolean {
	const siret = value.replace(/\s/g, "");
	if (!/^\d{14}$/.test(siret)) return false;
	if (siret.startsWith(LA_POSTE_SIREN)) {
		// The head office 35600000000048 passes Luhn; the other establishments pass this rule.
		if (siret === LA_POSTE_HEAD_OFFICE) return true;
		let sum = 0;
		for (const char of siret) sum += char.charCodeAt(0) - 48;
		return sum % 5 === 0;
	}
	return isValidLuhn(siret);
}

/** Last digit of a SIRET from its first 13 (SIREN + the first 4 digits of the NIC). */
export function siretCheckDigit(first13: string): string {
	if (!/^\d{13}$/.test(first13)) throw new RangeError("A SIRET body is 13 digits.");
	return luhnCheckDigit(first13);
}

// --- IBAN, clé RIB, BIC ---------------------------------------------------------------------

/** Letters of a French account number map to digits this way before the clé RIB is computed. */
function ribDigits(value: string): string {
	return value.toUpperCase().replace(/[A-Z]/g, (letter) => {
		const index = letter.charCodeAt(0) - 65; // A = 0
		// A–I → 1–9, J–R → 1–9, S–Z → 2–9 (the S starts at 2).
		return String(index < 9 ? index + 1 : index < 18 ? index - 8 : index - 16);
	});
}

/**
 * Clé RIB = 97 − ((89 × banque + 15 × guichet + 3 × compte) mod 97), DOMAIN.md §1. ibantools
 * checks it inside `isValidIBAN` for FR but offers no way to compute it.
 */
export function cleRib(bankCode: string, branchCode: string, accountNumber: string): string {
	if (!/^\d{5}$/.test(bankCode) || !/^\d{5}$/.test(branchCode) || !/^[0-9A-Z]{11}$/i.test(accountNumber)) {
		throw new RangeError("A RIB is a 5-digit bank code, a 5-digit branch code and an 11-character account.");
	}
	const account = BigInt(ribDigits(accountNumber));
	const total = 89n * BigInt(bankCode) + 15n * BigInt(branchCode) + 3n * account;
	return String(97n - (total % 97n)).padStart(2, "0");
}

/** A French IBAN from its RIB parts; the check digits come from ibantools. */
export function frenchIban(bankCode: string, branchCode: string, accountNumber: string): string {
	const account = accountNumber.toUpperCase();
	const iban = composeIBAN({
		countryCode: "FR",
		bban: `${bankCode}${branchCode}${account}${cleRib(bankCode, branchCode, account)}`,
	});
	if (!iban) throw new RangeError("ibantools refused the RIB.");
	return iban;
}

/** Electronic format (no spaces, upper case), or null when the value is no IBAN at all. */
export function normalizeIban(value: string): string | null {
	return electronicFormatIBAN(value.toUpperCase());
}

export function isValidIban(value: string): boolean {
	const iban = normalizeIban(value);
	return iban !== null && isValidIBAN(iban);
}

export function isSepaIban(value: string): boolean {
	const iban = normalizeIban(value);
	return iban !== null && isValidIBAN(iban) && isSEPACountry(extractIBAN(iban).countryCode ?? "");
}

/** The only part of an IBAN a page ever shows. */
export function ibanLast4(iban: string): string {
	return (normalizeIban(iban) ?? iban).slice(-4);
}

export function formatIban(iban: string): string {
	return friendlyFormatIBAN(normalizeIban(iban) ?? iban) ?? iban;
}

export function isValidBic(value: string): boolean {
	return isValidBIC(value.replace(/\s/g, "").toUpperCase());
}

// --- SEPA creditor identifier (ICS) ---------------------------------------------------------

/**
 * ICS: "FR" + 2 check digits + 3-character business code + national identifier. The check
 * digits are ISO 7064 mod 97-10 over the national identifier followed by "FR00", the business
 * code being left out (EPC262-08).
 */
export function isValidCreditorIdentifier(value: string): boolean {
	const ics = value.replace(/\s/g, "").toUpperCase();
	if (!/^[A-Z]{2}\d{2}[0-9A-Z]{3}[0-9A-Z]{1,28}$/.test(ics)) return false;
	const rearranged = `${ics.slice(7)}${ics.slice(0, 2)}00`;
	const numeric = rearranged.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
	return String(98n - (BigInt(numeric) % 97n)).padStart(2, "0") === ics.slice(2, 4);
}

// --- Validation schemas (French messages, parsed at every boundary) -------------------------

export const nirSchema = z
	.string({ error: "Le numéro de sécurité sociale est obligatoire." })
	.transform(normalizeNir)
	.refine(isValidNir, { error: "Le numéro de sécurité sociale n'est pas valide." });

export const sirenSchema = z
	.string({ error: "Le numéro SIREN est obligatoire." })
	.transform((value) => value.replace(/\s/g, ""))
	.refine(isValidSiren, { error: "Le numéro SIREN n'est pas valide." });

export const siretSchema = z
	.string({ error: "Le numéro SIRET est obligatoire." })
	.transform((value) => value.replace(/\s/g, ""))
	.refine(isValidSiret, { error: "Le numéro SIRET n'est pas valide." });

/** Any IBAN of the SEPA area (reimbursements and direct debits are SEPA transfers). */
export const ibanSchema = z
	.string({ error: "L'IBAN est obligatoire." })
	.transform((value) => normalizeIban(value) ?? value)
	.refine(isValidIban, { error: "L'IBAN n'est pas valide." })
	.refine(isSepaIban, { error: "L'IBAN doit être celui d'un compte de la zone SEPA." });

export const bicSchema = z
	.string({ error: "Le BIC est obligatoire." })
	.transform((value) => value.replace(/\s/g, "").toUpperCase())
	.refine(isValidBic, { error: "Le BIC n'est pas valide." });

export const accountIdentifierSchema = z
	.string({ error: "L'identifiant est obligatoire." })
	.trim()
	.regex(/^\d{10}$/, { error: "L'identifiant se compose de 10 chiffres." });

export const memberNumberSchema = z
	.string({ error: "Le numéro d'adhérent est obligatoire." })
	.trim()
	.regex(/^\d{1,20}$/, { error: "Le numéro d'adhérent ne contient que des chiffres." });

/** RPPS: 11 digits; no check rule is confirmed (DOMAIN.md §1), so only the format is checked. */
export const rppsSchema = z
	.string({ error: "Le numéro RPPS est obligatoire." })
	.trim()
	.regex(/^\d{11}$/, { error: "Le numéro RPPS se compose de 11 chiffres." });

export const postalCodeSchema = z
	.string({ error: "Le code postal est obligatoire." })
	.trim()
	.regex(/^\d{5}$/, { error: "Le code postal se compose de 5 chiffres." });
