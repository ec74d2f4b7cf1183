// The words of a relevé de prestations, shared by the page and the PDF (DOMAIN.md §4).

import type { BeneficiaryGroup, StatementLine } from "../../../core/adherent/statements.ts";
import { formatMonth } from "../../../core/format.ts";
import { relationshipLabels } from "../../../schema/enums.ts";

/** "Relevé de prestations – octobre 2026". */
export function statementTitle(month: string): string {
	return `Relevé de prestations – ${formatMonth(month)}`;
}

/** "d'octobre 2026", "de novembre 2026": French elides "de" before a vowel. */
export function ofMonth(month: string): string {
	const label = formatMonth(month);
	return /^[aeiou]/.test(label) ? `d'${label}` : `de ${label}`;
}

/** Who the mutuelle paid: the member by transfer, or the professional in tiers payant. */
export function paidToLabel(line: StatementLine): string {
	if (line.paidTo === "member") return "Vous (virement)";
	return `${line.professionalName ?? "Professionnel de santé"} (tiers payant)`;
}

export function beneficiaryLabel(group: BeneficiaryGroup): string {
	return `${group.firstName} ${group.lastName} (${relationshipLabels[group.relationship].toLowerCase()})`;
}

/** "Consultation de médecin généraliste", "Séance de masso-kinésithérapie × 2". */
export function actLabel(line: StatementLine): string {
	return line.quantity > 1 ? `${line.actLabel} × ${line.quantity}` : line.actLabel;
}

export const STATEMENT_NOTES: readonly string[] = [
	"Base SS : base de remboursement de la Sécurité sociale. Part SS : ce que l'Assurance Maladie a remboursé, après déduction de la participation forfaitaire et des franchises.",
	"Part mutuelle : ce que nous avons remboursé selon votre garantie. Reste à charge : la dépense, moins la part SS et la part mutuelle.",
	"Tiers payant : nous avons payé directement le professionnel de santé. Virement : nous vous avons remboursé sur votre compte.",
];
