// How one reimbursement line is computed (DOMAIN.md §3), as a pure function of the act, the
// member's guarantee line and the dated parameters:
//   SS gross      = BR × SS rate (rounded to the cent, half up)
//   RO (ssPaid)   = SS gross − participation forfaitaire / franchise
//   AMC           = per the guarantee line, never more than charged − SS gross, so that a
//                   contrat responsable never pays back the PF or franchises
//   RAC           = charged − RO − AMC ≥ the deductions
// The demo generator uses it for every line, and its tests reproduce DOMAIN.md's worked examples.
import type { DeductionKind, GuaranteeKind } from "../schema/enums.ts";
import { type ParameterLookup, parameterAt } from "./parameters.ts";

export interface GuaranteeRule {
	readonly kind: GuaranteeKind;
	/** Basis points of the BR (percent_br) or cents (flat, ceiling); unused otherwise. */
	readonly value: number;
	/** Cap on the mutuelle's share for this line, if the guarantee has one. */
	readonly ceilingCents?: number | null;
}

/** Deductions already charged to the same beneficiary, for the daily and yearly caps. */
export interface DeductionsSoFar {
	readonly sameDayCents: number;
	readonly sameYearCents: number;
}

export interface ReimbursementInput {
	/** Date of care, YYYY-MM-DD: picks the PF/franchise amounts in force. */
	readonly careDate: string;
	readonly chargedCents: number;
	/** Base de remboursement. */
	readonly baseCents: number;
	readonly ssRateBp: number;
	/** What the SS keeps on this act, if anything. */
	readonly deduction?: DeductionKind | null;
	/** Units the deduction applies to (boxes of medicine, paramedical acts). */
	readonly deductionUnits?: number;
	/** Under 18, C2S, pregnancy from the 6th month: no PF nor franchise. */
	readonly exemptFromDeductions?: boolean;
	readonly deductionsSoFar?: DeductionsSoFar;
	readonly guarantee: GuaranteeRule | null;
	/** 100 % Santé price limit (PLV/HLF) of the act. */
	readonly priceLimitCents?: number | null;
	/** What is left of a per-period allowance (e.g. optics every two years). */
	readonly allowanceLeftCents?: number | null;
	readonly parameters?: ParameterLookup;
}

export interface Reimbursement {
	readonly chargedCents: number;
	readonly baseCents: number;
	readonly ssRateBp: number;
	/** BR × rate, before deductions. */
	readonly ssGrossCents: number;
	readonly participationForfaitaireCents: number;
	readonly franchiseCents: number;
	/** Part RO paid. */
	readonly ssPaidCents: number;
	/** Part AMC. */
	readonly mutuelleCents: number;
	/** Reste à charge. */
	readonly remainingCents: number;
	/** Dépassement: charged above the BR. */
	readonly overrunCents: number;
}

/** round(amount × bp / 10 000), half up, on integers. */
export function applyRate(amountCents: number, basisPoints: number): number {
	return Math.floor((amountCents * basisPoints + 5000) / 10_000);
}

const CAPS: Record<
	DeductionKind,
	{ daily: Parameters<ParameterLookup>[0] | null; yearly: Parameters<ParameterLookup>[0] }
> = {
	participation_forfaitaire: {
		daily: "participation_forfaitaire_daily_cap",
		yearly: "participation_forfaitaire_yearly_cap",
	},
	franchise_medicament: { daily: null, yearly: "franchise_yearly_cap" },
	franchise_paramedical: { daily: "franchise_paramedical_daily_cap", yearly: "franchise_yearly_cap" },
	franchise_transport: { daily: "franchise_transport_daily_cap", yearly: "franchise_yearly_cap" },
};

function deductionAmount(input: ReimbursementInput, ssGrossCents: number, lookup: ParameterLookup): number {
	const kind = input.deduction;
	if (!kind || input.exemptFromDeductions) return 0;
	let amount = lookup(kind, input.careDate) * (input.deductionUnits ?? 1);
	const caps = CAPS[kind];
	const soFar = input.deductionsSoFar ?? { sameDayCents: 0, sameYearCents: 0 };
	if (caps.daily) amount = Math.min(amount, lookup(caps.daily, input.careDate) - soFar.sameDayCents);
	amount = Math.min(amount, lookup(caps.yearly, input.careDate) - soFar.sameYearCents);
	// The SS cannot keep more than it pays on the line; the rest is recovered on later payments,
	// which the portal does not model.
	return Math.max(0, Math.min(amount, ssGrossCents));
}

function mutuelleTarget(input: ReimbursementInput, ssGrossCents: number): number {
	const guarantee = input.guarantee;
	if (!guarantee) return 0;
	switch (guarantee.kind) {
		case "percent_br":
			return applyRate(input.baseCents, guarantee.value) - ssGrossCents;
		case "flat":
			return guarantee.value;
		case "ceiling":
			return guarantee.value - ssGrossCents;
		case "basket_100_sante":
			return Math.min(input.chargedCents, input.priceLimitCents ?? input.chargedCents) - ssGrossCents;
		case "actual_cost":
			return input.chargedCents - ssGrossCents;
	}
}

export function computeReimbursement(input: ReimbursementInput): Reimbursement {
	const { chargedCents, baseCents, ssRateBp } = input;
	if (!Number.isInteger(chargedCents) || !Number.isInteger(baseCents) || chargedCents < 0 || baseCents < 0) {
		throw new RangeError("Amounts are non-negative integer cents.");
	}
	const lookup = input.parameters ?? parameterAt;
	const ssGrossCents = Math.min(applyRate(baseCents, ssRateBp), chargedCents);
	const deduction = deductionAmount(input, ssGrossCents, lookup);
	const isPf = input.deduction === "participation_forfaitaire";
	const ssPaidCents = ssGrossCents - deduction;

	let mutuelleCents = Math.max(0, Math.min(mutuelleTarget(input, ssGrossCents), chargedCents - ssGrossCents));
	if (input.guarantee?.ceilingCents != null)
		mutuelleCents = Math.min(mutuelleCents, input.guarantee.ceilingCents);
	if (input.allowanceLeftCents != null)
		mutuelleCents = Math.min(mutuelleCents, Math.max(0, input.allowanceLeftCents));

	return {
		chargedCents,
		baseCents,
		ssRateBp,
		ssGrossCents,
		participationForfaitaireCents: isPf ? deduction : 0,
		franchiseCents: isPf ? 0 : deduction,
		ssPaidCents,
		mutuelleCents,
		remainingCents: chargedCents - ssPaidCents - mutuelleCents,
		overrunCents: Math.max(0, chargedCents - baseCents),
	};
}
