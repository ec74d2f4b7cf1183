// The words of the group contract, shared by its page and its PDF.
import type { ContractCategory, GroupContract } from "../../../core/employeur/contract.ts";
import { formatDay, formatRate } from "../../../core/format.ts";
import { OPTION_LABELS, PERIODICITY_LABELS, priceLabel } from "./labels.ts";

export function contractFacts(contract: GroupContract): [string, string][] {
	const { company } = contract;
	return [
		["Entreprise", `${company.name}, SIRET ${company.siret}`],
		[
			"Adresse",
			[company.addressLine1, company.addressLine2, `${company.postalCode} ${company.city}`]
				.filter(Boolean)
				.join(", "),
		],
		["Contrat", `n° ${contract.number}`],
		[
			"Période",
			contract.endDate
				? `du ${formatDay(contract.startDate)} au ${formatDay(contract.endDate)}`
				: `depuis le ${formatDay(contract.startDate)}`,
		],
		[
			"Cotisations",
			`${PERIODICITY_LABELS[contract.periodicity]}s${contract.paymentDay ? `, prélevées le ${contract.paymentDay} du mois` : ""}`,
		],
	];
}

export function categoryFacts(category: ContractCategory): [string, string][] {
	return [
		[
			"Offre",
			`${category.offer.label}${category.offer.responsible ? ", contrat responsable et solidaire" : ""}`,
		],
		...(["isole", "duo", "famille"] as const).map((option): [string, string] => [
			`Cotisation ${OPTION_LABELS[option].toLowerCase()}`,
			`${priceLabel(category.basis, category.prices[option])} par salarié et par mois`,
		]),
		["Part de l'entreprise", `${formatRate(category.employerShareBp)} de la cotisation`],
		["Part du salarié", formatRate(10_000 - category.employerShareBp)],
	];
}

export const EMPLOYER_SHARE_NOTE =
	"L'employeur finance au moins la moitié de la cotisation (article L911-7 du code de la sécurité sociale).";
