// The forms of the beneficiary requests, parsed at the boundary with their French messages:
// who to add (a spouse, partner or child; the NIR checked with its key, or for a child under 16
// without one the NIR of the parent they are attached to) and the last day of a removal (today
// at the earliest, a year ahead at most).
import { z } from "zod";
import { isValidNir, normalizeNir } from "../../schema/identifiers.ts";
import { addDays, ageOn, isRealDay } from "../calendar.ts";

/** A child under this age may be attached to a parent's NIR instead of having their own. */
export const ATTACHED_NIR_MAX_AGE = 16;
/** How far ahead a removal may be asked. */
export const REMOVAL_MAX_DAYS_AHEAD = 366;

const NAME = /^[\p{L}][\p{L}\p{M} '’-]*$/u;
const nameField = (what: string) =>
	z
		.string({ error: `Saisissez le ${what}.` })
		.trim()
		.min(1, `Saisissez le ${what}.`)
		.max(60, `Le ${what} compte au plus 60 caractères.`)
		.regex(NAME, `Le ${what} ne peut contenir que des lettres, des espaces, des tirets et des apostrophes.`);

const optionalNir = z
	.string()
	.optional()
	.transform((value) => normalizeNir(value ?? ""));

/** The fields of the addition form; `today` (Paris) bounds the birth date and the age rule. */
export function beneficiaryAdditionSchema(today: string) {
	return z
		.strictObject({
			lien: z.enum(["conjoint", "enfant"], { error: "Indiquez le lien avec l'adhérent." }),
			nom: nameField("nom"),
			prenom: nameField("prénom"),
			dateNaissance: z
				.string({ error: "Saisissez la date de naissance." })
				.trim()
				.refine(isRealDay, "Saisissez une date de naissance valide, par exemple 14/02/2012.")
				.refine((day) => day <= today, "La date de naissance ne peut pas être dans le futur.")
				.refine((day) => day >= "1900-01-01", "Saisissez une date de naissance valide."),
			sexe: z.enum(["F", "M"], { error: "Indiquez le sexe du bénéficiaire." }),
			nir: optionalNir,
			nirParent: optionalNir,
		})
		.superRefine((value, ctx) => {
			if (value.nir !== "" && !isValidNir(value.nir)) {
				ctx.addIssue({
					code: "custom",
					path: ["nir"],
					message:
						"Le numéro de sécurité sociale n'est pas valide : vérifiez les 15 caractères, clé comprise.",
				});
			}
			if (value.nirParent !== "" && !isValidNir(value.nirParent)) {
				ctx.addIssue({
					code: "custom",
					path: ["nirParent"],
					message:
						"Le numéro de sécurité sociale du parent n'est pas valide : vérifiez les 15 caractères, clé comprise.",
				});
			}
			if (value.nir !== "") return;
			const young =
				value.lien === "enfant" &&
				isRealDay(value.dateNaissance) &&
				ageOn(value.dateNaissance, today) < ATTACHED_NIR_MAX_AGE;
			if (!young) {
				ctx.addIssue({
					code: "custom",
					path: ["nir"],
					message: "Saisissez le numéro de sécurité sociale du bénéficiaire.",
				});
			} else if (value.nirParent === "") {
				ctx.addIssue({
					code: "custom",
					path: ["nirParent"],
					message:
						"Sans numéro propre à l'enfant, saisissez le numéro de sécurité sociale du parent auquel il est rattaché.",
				});
			}
		});
}
export type BeneficiaryAdditionForm = z.output<ReturnType<typeof beneficiaryAdditionSchema>>;

/** The message for a removal date outside [today, today + 366 days], or null when it is fine. */
export function removalDateError(day: string, today: string): string | null {
	if (!isRealDay(day)) return "Saisissez une date valide, par exemple 31/12/2026.";
	if (day < today) return "La date de fin de couverture ne peut pas être dans le passé.";
	if (day > addDays(today, REMOVAL_MAX_DAYS_AHEAD))
		return "La date de fin de couverture ne peut pas dépasser un an.";
	return null;
}
