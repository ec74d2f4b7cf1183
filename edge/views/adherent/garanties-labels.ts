// The words of a guarantee table and of the contract's payment terms, shared by the page and the
// PDF so that both say exactly the same thing. "RO inclus": the percentages include what the
// Sécurité sociale (régime obligatoire) pays (DOMAIN.md §3).

import type { ContractTerms, CoveredPerson, GuaranteeLineView } from "../../../core/adherent/guarantees.ts";
import { formatCents, formatRate } from "../../../core/format.ts";
import type { GuaranteePeriod, PaymentMethod, Periodicity } from "../../../schema/enums.ts";
import { relationshipLabels } from "../../../schema/enums.ts";

const PERIODS: Record<GuaranteePeriod, string> = {
	per_act: "Par acte",
	per_day: "Par jour",
	per_year: "Par année civile",
	per_two_years: "Tous les deux ans",
};

const PERIODICITIES: Record<Periodicity, string> = {
	monthly: "par mois",
	quarterly: "par trimestre",
	half_yearly: "par semestre",
	yearly: "par an",
};

/** What the line pays, e.g. "150 % de la BR (RO inclus)", "Forfait de 60,00 €". */
export function guaranteeLevel(line: GuaranteeLineView): string {
	switch (line.kind) {
		case "percent_br":
			return `${formatRate(line.value)} de la BR (RO inclus)`;
		case "flat":
			return `Forfait de ${formatCents(line.value)} en plus de la Sécurité sociale`;
		case "basket_100_sante":
			return "100 % Santé : sans reste à charge, dans la limite des prix fixés";
		case "ceiling":
			return `Jusqu'à ${formatCents(line.value)} (RO inclus)`;
		case "actual_cost":
			return "Frais réels";
	}
}

/** How often and up to how much, e.g. "Tous les deux ans", "Par an, dans la limite de 300,00 €". */
export function guaranteeLimit(line: GuaranteeLineView): string {
	const period = PERIODS[line.period];
	return line.ceilingCents === null
		? period
		: `${period}, dans la limite de ${formatCents(line.ceilingCents)}`;
}

/** "167,40 € par mois". */
export function contributionAmount(contract: ContractTerms): string {
	return `${formatCents(contract.contributionCents)} ${PERIODICITIES[contract.periodicity]}`;
}

const METHODS: Record<PaymentMethod, string> = {
	direct_debit: "Prélèvement automatique",
	transfer: "Virement",
	cheque: "Chèque",
};

/** "Prélèvement automatique le 10 du mois, sur le compte se terminant par 0247". */
export function contributionSchedule(contract: ContractTerms): string {
	const method = METHODS[contract.paymentMethod];
	if (contract.paymentMethod !== "direct_debit") return `${method}, à chaque échéance`;
	const day =
		contract.paymentDay === null
			? ""
			: ` le ${contract.paymentDay === 1 ? "1er" : contract.paymentDay} du mois`;
	const account = contract.mandate ? `, sur le compte se terminant par ${contract.mandate.ibanLast4}` : "";
	return `${method}${day}${account}`;
}

/** The reimbursement account, masked but for its last 4 characters. */
export function reimbursementAccount(contract: ContractTerms): string {
	if (!contract.reimbursementIbanLast4) return "Aucun compte enregistré";
	const holder = contract.reimbursementHolder ? ` (titulaire : ${contract.reimbursementHolder})` : "";
	return `IBAN se terminant par ${contract.reimbursementIbanLast4}${holder}`;
}

export function coveredPerson(person: CoveredPerson): string {
	return `${person.firstName} ${person.lastName} (${relationshipLabels[person.relationship].toLowerCase()})`;
}

export const GUARANTEE_NOTES: readonly string[] = [
	"BR : base de remboursement de la Sécurité sociale. « RO inclus » : le pourcentage comprend le remboursement de la Sécurité sociale (régime obligatoire).",
	"La participation forfaitaire et les franchises médicales restent à votre charge : un contrat responsable ne peut pas les rembourser.",
	"Les informations de votre espace ont un caractère indicatif : seuls les documents contractuels remis à l'adhésion font foi.",
];

export const REIMBURSEMENT_NOTES: readonly string[] = [
	"Grâce à la télétransmission, vous n'avez rien à envoyer : l'Assurance Maladie nous transmet ses remboursements, puis nous versons la part mutuelle.",
	"Avec le tiers payant, nous payons directement le professionnel de santé : vous n'avancez pas la part mutuelle.",
	"Chaque mois où nous effectuons un paiement, un relevé de prestations est publié dans votre espace.",
];
