import { describe, expect, it } from "vitest";
import {
	cleRib,
	frenchIban,
	ibanLast4,
	ibanSchema,
	isSepaIban,
	isValidBic,
	isValidCreditorIdentifier,
	isValidIban,
	isValidNir,
	isValidSiren,
	isValidSiret,
	luhnCheckDigit,
	nirKey,
	nirSchema,
	siretCheckDigit,
	siretSchema,
} from "./identifiers.ts";

describe("NIR", () => {
	it("accepts the valid values of DOMAIN.md, Corsica included", () => {
		for (const nir of ["295109912611193", "253072B07300470", "253072A07300443"]) {
			expect(isValidNir(nir), nir).toBe(true);
		}
	});

	it("computes the key with 2A as 19 and 2B as 18", () => {
		expect(nirKey("2951099126111")).toBe("93");
		expect(nirKey("253072B073004")).toBe("70");
		expect(nirKey("253072A073004")).toBe("43");
	});

	it("refuses a wrong key, a wrong length and letters outside the department", () => {
		expect(isValidNir("295109912611194")).toBe(false);
		expect(isValidNir("29510991261119")).toBe(false);
		expect(isValidNir("2951099126111X3")).toBe(false);
		expect(isValidNir("253072C07300470")).toBe(false);
	});

	it("accepts spaces and lower-case Corsican letters", () => {
		expect(isValidNir("2 53 07 2b 073 004 70")).toBe(true);
	});

	it("answers in French through its schema", () => {
		const result = nirSchema.safeParse("295109912611194");
		expect(result.success).toBe(false);
		expect(result.error?.issues[0]?.message).toBe("Le numéro de sécurité sociale n'est pas valide.");
		expect(nirSchema.parse("2 95 10 99 126 111 93")).toBe("295109912611193");
	});
});

describe("SIREN and SIRET", () => {
	it("checks the Luhn key", () => {
		expect(isValidSiren("732829320")).toBe(true);
		expect(isValidSiren("732829321")).toBe(false);
		expect(isValidSiret("73282932000074")).toBe(true);
		expect(isValidSiret("73282932000075")).toBe(false);
	});

	it("computes the check digit of a SIRET", () => {
		expect(siretCheckDigit("7328293200007")).toBe("4");
		expect(luhnCheckDigit("73282932")).toBe("0");
	});

	it("applies the La Poste rule: the digits add up to a multiple of 5", () => {
		expect(isValidSiret("35600000000048")).toBe(true);
		// 3+5+6+4+9 = 27 → 3 more makes 30; this establishment fails Luhn but is valid.
		expect(isValidSiret("35600000004930")).toBe(true);
		expect(isValidLuhnFails("35600000004930")).toBe(true);
		expect(isValidSiret("35600000004931")).toBe(false);
	});

	it("answers in French through its schema", () => {
		expect(siretSchema.safeParse("73282932000075").error?.issues[0]?.message).toBe(
			"Le numéro SIRET n'est pas valide.",
		);
	});
});

function isValidLuhnFails(value: string): boolean {
	return luhnCheckDigit(value.slice(0, -1)) !== value.slice(-1);
}

describe("IBAN and clé RIB", () => {
	it("computes the clé RIB, letters in the account included", () => {
		expect(cleRib("20041", "01005", "0500013M026")).toBe("06");
		expect(cleRib("30006", "00001", "12345678901")).toBe("89");
	});

	it("builds French IBANs that ibantools validates", () => {
		expect(frenchIban("20041", "01005", "0500013M026")).toBe("FR1420041010050500013M02606");
		expect(frenchIban("30006", "00001", "12345678901")).toBe("FR7630006000011234567890189");
	});

	it("validates with ibantools, spaces allowed, bad clé RIB refused", () => {
		expect(isValidIban("FR14 2004 1010 0505 0001 3M02 606")).toBe(true);
		expect(isValidIban("FR7630006000011234567890188")).toBe(false);
		expect(isValidIban("DE89370400440532013000")).toBe(true);
		expect(isSepaIban("DE89370400440532013000")).toBe(true);
	});

	it("shows only the last four characters", () => {
		expect(ibanLast4("FR76 3000 6000 0112 3456 7890 189")).toBe("0189");
	});

	it("answers in French through its schema", () => {
		expect(ibanSchema.safeParse("FR7630006000011234567890188").error?.issues[0]?.message).toBe(
			"L'IBAN n'est pas valide.",
		);
	});

	it("validates BICs", () => {
		expect(isValidBic("BNPAFRPP")).toBe(true);
		expect(isValidBic("BNPAFRPPXXX")).toBe(true);
		expect(isValidBic("BNPA")).toBe(false);
	});
});

describe("SEPA creditor identifier", () => {
	it("checks the ICS check digits without the business code", () => {
		expect(isValidCreditorIdentifier("FR72ZZZ123456")).toBe(true);
		expect(isValidCreditorIdentifier("FR72ABC123456")).toBe(true);
		expect(isValidCreditorIdentifier("FR73ZZZ123456")).toBe(false);
	});
});
