// The French words of the espace employeur's codes, shared by its pages, PDFs and CSV files so
// that each says exactly the same thing.
import type { EmployeeStatus } from "../../../core/employeur/employees.ts";
import { formatCents, formatMonth, formatRate } from "../../../core/format.ts";
import type {
	AffiliationEndReason,
	ContributionBasis,
	ContributionStatementStatus,
	CoverageOption,
	DispenseReason,
	Periodicity,
} from "../../../schema/enums.ts";

export const EMPLOYEE_STATUS_LABELS: Readonly<Record<EmployeeStatus, string>> = {
	couvert: "Couvert",
	portabilite: "En portabilité",
	sorti: "Sorti",
	dispense: "Dispensé",
};

export const OPTION_LABELS: Readonly<Record<CoverageOption, string>> = {
	isole: "Isolé",
	duo: "Duo",
	famille: "Famille",
};

export const END_REASON_LABELS: Readonly<Record<AffiliationEndReason, string>> = {
	resignation: "Démission",
	dismissal: "Licenciement",
	contract_end: "Fin de contrat à durée déterminée",
	conventional_termination: "Rupture conventionnelle",
	retirement: "Départ à la retraite",
	death: "Décès",
	group_contract_end: "Fin du contrat collectif",
};

/** DOMAIN.md §5 (D911-2 CSS): the legal cases of a dispense d'adhésion. */
export const DISPENSE_REASON_LABELS: Readonly<Record<DispenseReason, string>> = {
	fixed_term_contract: "Salarié en contrat à durée déterminée ou contrat de mission",
	covered_as_dependant: "Déjà couvert en tant qu'ayant droit",
	c2s: "Bénéficiaire de la complémentaire santé solidaire",
	individual_contract: "Couvert par un contrat individuel (jusqu'à son échéance)",
	part_time_or_apprentice: "Temps très partiel ou apprenti (cotisation ≥ 10 % du salaire brut)",
	present_at_due: "Présent lors de la mise en place par décision unilatérale",
};

export const STATEMENT_STATUS_LABELS: Readonly<Record<ContributionStatementStatus, string>> = {
	draft: "En préparation",
	issued: "À payer",
	paid: "Payé",
	late: "En retard",
};

export const PERIODICITY_LABELS: Readonly<Record<Periodicity, string>> = {
	monthly: "Mensuelle",
	quarterly: "Trimestrielle",
	half_yearly: "Semestrielle",
	yearly: "Annuelle",
};

/** `2026-10` → « octobre 2026 »; `2026-Q3` → « 3e trimestre 2026 ». */
export function periodLabel(period: string): string {
	const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
	if (quarter) return `${quarter[2] === "1" ? "1er" : `${quarter[2]}e`} trimestre ${quarter[1]}`;
	return formatMonth(period);
}

/** A price of a category per option: « 1,05 % du PMSS » or « 45,00 € ». */
export function priceLabel(basis: ContributionBasis, value: number): string {
	return basis === "pmss_percent" ? `${formatRate(value)} du PMSS` : formatCents(value);
}
