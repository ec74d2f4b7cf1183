// The CSV export as a French spreadsheet reads it: BOM, `;`, decimal commas, formulas defused.
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import type { PrestationLine } from "../../../core/adherent/prestations.ts";
import { BYTE_ORDER_MARK, CSV_HEADER, remboursementsCsv } from "./remboursements-csv.ts";

const line: PrestationLine = {
	id: 1,
	careDate: "2026-11-14",
	beneficiary: { id: 2, firstName: "=Camille", lastName: "Mercier; Roux" },
	act: { code: "G", label: "Consultation de médecin généraliste", deduction: "participation_forfaitaire" },
	category: { code: "medecins", label: "Consultations et visites de médecins" },
	professional: { name: "Fabrice Charpentier", profession: "medecin_generaliste" },
	quantity: 1,
	chargedCents: 4600,
	baseCents: 3000,
	ssRateBp: 7000,
	ssPaidCents: 1900,
	participationForfaitaireCents: 200,
	franchiseCents: 0,
	mutuelleCents: 2400,
	remainingCents: 300,
	paidTo: "member",
	paymentDate: null,
};

describe("the CSV export", () => {
	it("starts with a BOM, separates with semicolons and writes amounts with a decimal comma", () => {
		const csv = remboursementsCsv([line]);
		expect(csv.startsWith(BYTE_ORDER_MARK)).toBe(true);
		const { data, errors } = Papa.parse<string[]>(csv.slice(1), { delimiter: ";", skipEmptyLines: true });
		expect(errors).toEqual([]);
		expect(data[0]).toEqual([...CSV_HEADER]);
		expect(data[1]).toEqual([
			"14/11/2026",
			"'=Camille Mercier; Roux",
			"Consultation de médecin généraliste",
			"Consultations et visites de médecins",
			"Fabrice Charpentier",
			"Médecin généraliste",
			"1",
			"46,00",
			"30,00",
			"70",
			"2,00",
			"0,00",
			"19,00",
			"24,00",
			"3,00",
			"Vous",
			"",
		]);
	});
});
