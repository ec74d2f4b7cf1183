// Portabilité of the group coverage (article L911-8 of the code de la sécurité sociale, DOMAIN.md
// §5): after an end of employment that opens unemployment insurance rights and is not due to a
// faute lourde, the former employee stays covered, free of charge, for as long as their last
// employment contract lasted, counted in whole months rounded up, and 12 months at most, from
// the day after the contract ended. A pure function: the route and the attestation read it.

import type { AffiliationEndReason } from "../../schema/enums.ts";
import { addDays, addMonths } from "../calendar.ts";

export const PORTABILITY_MAX_MONTHS = 12;

/** Ends of employment that open unemployment rights (a resignation or a retirement does not). */
export const PORTABLE_END_REASONS: ReadonlySet<AffiliationEndReason> = new Set([
	"dismissal",
	"contract_end",
	"conventional_termination",
]);

export interface PortabilityInput {
	/** First day of the last employment contract, `YYYY-MM-DD`. */
	readonly contractStart: string;
	/** Last day of the employment contract (and of the affiliation), `YYYY-MM-DD`. */
	readonly contractEnd: string;
	readonly reason: AffiliationEndReason;
	/** A dismissal for faute lourde keeps portability closed (L911-8, 1°). */
	readonly grossMisconduct?: boolean;
}

export type Portability =
	| {
			readonly eligible: true;
			/** Whole months of the last contract, rounded up, at most 12. */
			readonly months: number;
			/** The day after the contract's end. */
			readonly from: string;
			/** The last day covered. */
			readonly until: string;
	  }
	| { readonly eligible: false; readonly why: "reason" | "gross_misconduct" };

/** Whole months from `start` to `end` (both included), rounded up: 1 day counts as a month. */
export function wholeMonthsRoundedUp(start: string, end: string): number {
	let months = 1;
	while (addMonths(start, months) <= end) months++;
	return months;
}

export function computePortability(input: PortabilityInput): Portability {
	if (!PORTABLE_END_REASONS.has(input.reason)) return { eligible: false, why: "reason" };
	if (input.grossMisconduct && input.reason === "dismissal")
		return { eligible: false, why: "gross_misconduct" };
	const months = Math.min(
		PORTABILITY_MAX_MONTHS,
		wholeMonthsRoundedUp(input.contractStart, input.contractEnd),
	);
	const from = addDays(input.contractEnd, 1);
	return { eligible: true, months, from, until: addDays(addMonths(from, months), -1) };
}
