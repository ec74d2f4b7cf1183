// « Fin d'affiliation »: the employer records the end of an employee's affiliation (the last day
// of the employment contract) and its reason. When the reason opens unemployment rights, the
// portabilité (portability.ts) is computed and stored; the employee's espace adhérent, if any,
// stays open two years after the coverage ends (article 7 of the CGU). One transaction with its
// audit entry; an affiliation already ended, another company's or a missing one changes nothing.
import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { AffiliationEndReason } from "../../schema/enums.ts";
import { accounts, affiliations } from "../../schema/tables/index.ts";
import { appendAuditEvent } from "../audit.ts";
import { addDays, addYears } from "../calendar.ts";
import { computePortability, type Portability } from "./portability.ts";
import type { EmployerScope } from "./scope.ts";

/** How far ahead an end may be declared: a departure known in advance, not a guess. */
export const END_DATE_MAX_DAYS_AHEAD = 92;

/** The reasons an employer may give (the end of the group contract is the insurer's). */
export const EMPLOYER_END_REASONS = [
	"resignation",
	"dismissal",
	"contract_end",
	"conventional_termination",
	"retirement",
	"death",
] as const satisfies readonly AffiliationEndReason[];

export interface EndAffiliationInput {
	readonly scope: EmployerScope;
	readonly affiliationId: number;
	readonly endDate: string;
	readonly reason: (typeof EMPLOYER_END_REASONS)[number];
	/** First day of the last employment contract; the affiliation's start when not given. */
	readonly contractStart?: string | undefined;
	readonly grossMisconduct: boolean;
	readonly today: string;
	readonly now: Date;
	readonly correlationId: string;
}

export type EndAffiliationResult =
	| { readonly ok: true; readonly portability: Portability }
	| {
			readonly ok: false;
			readonly reason:
				| "not_found"
				| "already_ended"
				| "before_start"
				| "too_far"
				| "contract_start_after_end";
	  };

export async function endAffiliation(
	db: Database,
	input: EndAffiliationInput,
): Promise<EndAffiliationResult> {
	const { scope, now } = input;
	return db.transaction(async (tx): Promise<EndAffiliationResult> => {
		const [affiliation] = await tx
			.select({
				startDate: affiliations.startDate,
				endDate: affiliations.endDate,
				memberId: affiliations.memberId,
				dispensed: affiliations.dispenseReason,
			})
			.from(affiliations)
			.where(and(eq(affiliations.id, input.affiliationId), eq(affiliations.companyId, scope.companyId)));
		if (!affiliation) return { ok: false, reason: "not_found" };
		if (affiliation.endDate !== null) return { ok: false, reason: "already_ended" };
		if (input.endDate < affiliation.startDate) return { ok: false, reason: "before_start" };
		if (input.endDate > addDays(input.today, END_DATE_MAX_DAYS_AHEAD))
			return { ok: false, reason: "too_far" };
		const contractStart = input.contractStart ?? affiliation.startDate;
		if (contractStart > input.endDate) return { ok: false, reason: "contract_start_after_end" };
		// A dispensed employee was never covered: nothing to carry on.
		const portability: Portability =
			affiliation.dispensed === null
				? computePortability({
						contractStart,
						contractEnd: input.endDate,
						reason: input.reason,
						grossMisconduct: input.grossMisconduct,
					})
				: { eligible: false, why: "reason" };
		await tx
			.update(affiliations)
			.set({
				endDate: input.endDate,
				endReason: input.reason,
				portabilityEndDate: portability.eligible ? portability.until : null,
				updatedAt: now,
			})
			.where(and(eq(affiliations.id, input.affiliationId), isNull(affiliations.endDate)));
		if (affiliation.memberId !== null) {
			const accessUntil = addYears(portability.eligible ? portability.until : input.endDate, 2);
			await tx
				.update(accounts)
				.set({ accessUntil, updatedAt: now })
				.where(
					and(
						eq(accounts.memberId, affiliation.memberId),
						eq(accounts.space, "adherent"),
						or(isNull(accounts.accessUntil), lt(accounts.accessUntil, accessUntil)),
					),
				);
		}
		await appendAuditEvent(tx, {
			occurredAt: now,
			accountId: scope.accountId,
			sessionId: scope.sessionId,
			actorKind: "account",
			action: "employeur.affiliation.ended",
			objectType: "affiliation",
			objectId: String(input.affiliationId),
			outcome: "success",
			correlationId: input.correlationId,
			details: {
				endDate: input.endDate,
				reason: input.reason,
				portabilityMonths: portability.eligible ? portability.months : 0,
			},
		});
		return { ok: true, portability };
	});
}
