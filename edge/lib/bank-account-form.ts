// The fields of a new bank account as a form sends them, checked at the boundary with the IBAN and
// BIC rules of schema/identifiers.ts (ibantools): shared by every bank-details form.
import { z } from "zod";
import { bicSchema, ibanSchema } from "../../schema/identifiers.ts";

export const bankAccountFormFields = {
	iban: ibanSchema,
	bic: bicSchema,
	titulaire: z
		.string()
		.trim()
		.min(1, "Le titulaire du compte est obligatoire.")
		.max(70, "Le titulaire du compte ne doit pas dépasser 70 caractères."),
};
