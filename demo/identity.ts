// Generators of valid French identifiers for the demo: NIR consistent with sex, birth date and
// birthplace, SIREN/SIRET with their Luhn keys, RPPS/FINESS/ADELI-shaped numbers, French IBANs
// (clé RIB, then ibantools for the check digits) and TOTP secrets.

import type { Sex } from "../schema/enums.ts";
import { frenchIban, ibanLast4, luhnCheckDigit, nirKey, siretCheckDigit } from "../schema/identifiers.ts";
import type { Random } from "./random.ts";

/** INSEE codes of countries of birth (département 99) for people born abroad. */
const FOREIGN_BIRTHPLACES = ["99350", "99352", "99351", "99109", "99134", "99139", "99127", "99131", "99132"];

/**
 * NIR: sex (1 man, 2 woman), year (2), month (2), INSEE code of the birthplace (5, Corsica as
 * 2A/2B, overseas 97x), order number (3), key (2).
 */
export function generateNir(
	random: Random,
	sex: Sex,
	birthDate: string,
	birthplaceInsee: string | null,
): string {
	const place = birthplaceInsee ?? random.pick(FOREIGN_BIRTHPLACES);
	const body = `${sex === "M" ? "1" : "2"}${birthDate.slice(2, 4)}${birthDate.slice(5, 7)}${place}${String(random.int(1, 999)).padStart(3, "0")}`;
	return `${body}${nirKey(body)}`;
}

/** A SIREN (8 random digits + Luhn key), never La Poste's. */
export function generateSiren(random: Random): string {
	for (;;) {
		const body = `${random.int(1, 9)}${random.digits(7)}`;
		const siren = `${body}${luhnCheckDigit(body)}`;
		if (siren !== "356000000") return siren;
	}
}

/** SIRET of an establishment: SIREN + 4-digit NIC body + check digit. */
export function generateSiret(siren: string, establishment: number): string {
	const first13 = `${siren}${String(establishment).padStart(4, "0")}`;
	return `${first13}${siretCheckDigit(first13)}`;
}

/** RPPS-shaped number (11 digits, "10" prefix as RPPS numbers have), unique per `n`. */
export function rppsFor(n: number): string {
	return `10${String(100_000_000 + ((n * 7919) % 900_000_000))}`;
}

/** FINESS-shaped number: department (2 characters) + 7 digits; no check rule is confirmed. */
export function finessFor(department: string, n: number): string {
	const prefix = department.length === 3 ? department.slice(1) : department;
	return `${prefix}${String((n * 104_729) % 10_000_000).padStart(7, "0")}`;
}

export function adeliFor(department: string, n: number): string {
	const prefix = /^\d{2}$/.test(department)
		? department
		: department.length === 3
			? department.slice(1)
			: "20";
	return `${prefix}${String((n * 7907) % 10_000_000).padStart(7, "0")}`;
}

export interface Bank {
	readonly code: string;
	readonly bic: string;
	readonly name: string;
}

export const BANKS: readonly Bank[] = [
	{ code: "30004", bic: "BNPAFRPPXXX", name: "BNP Paribas" },
	{ code: "30003", bic: "SOGEFRPPXXX", name: "Société Générale" },
	{ code: "30002", bic: "CRLYFRPPXXX", name: "LCL" },
	{ code: "20041", bic: "PSSTFRPPXXX", name: "La Banque Postale" },
	{ code: "30066", bic: "CMCIFRPPXXX", name: "CIC" },
	{ code: "10278", bic: "CMCIFR2AXXX", name: "Crédit Mutuel" },
];

export interface GeneratedIban {
	readonly iban: string;
	readonly last4: string;
	readonly bic: string;
}

export function generateIban(random: Random): GeneratedIban {
	const bank = random.pick(BANKS);
	const iban = frenchIban(bank.code, random.digits(5), random.digits(11));
	return { iban, last4: ibanLast4(iban), bic: bank.bic };
}

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** A 160-bit TOTP secret in base32 (RFC 4226 recommends 160 bits). */
export function generateTotpSecret(random: Random): string {
	let out = "";
	for (let i = 0; i < 32; i++) out += BASE32[random.uint32() % 32];
	return out;
}

/** Identifier of a generated account: the space's digit, then 9 digits that never repeat for `n` < 9·10⁸. */
export function accountIdentifier(spaceDigit: number, n: number): string {
	return `${spaceDigit}${100_000_000 + ((n * 7919) % 900_000_000)}`;
}
