// Staff's decision on a beneficiary request, until the back-office has its page (the CLI
// scripts/beneficiary-request.ts calls it): accepting creates the beneficiary or ends their
// cover; either way the request is closed with the answer the member reads, its history and an
// audit entry (identifiers only: the answer stays out of the trail).
import { and, eq, gte, isNull, max, or } from "drizzle-orm";
import type { z } from "zod";
import type { Database } from "../../db/client.ts";
import type { RequestStatus } from "../../schema/enums.ts";
import {
	accounts,
	beneficiaries,
	personRoleAssignments,
	persons,
	requests,
} from "../../schema/tables/index.ts";
import { formatDay, parisDayOf } from "../format.ts";
import { changeRequestStatus, OPEN_REQUEST_STATUSES } from "../requests.ts";
import {
	type AdditionPayload,
	additionPayload,
	type BeneficiaryRequestKind,
	removalPayload,
	type Transaction,
} from "./beneficiaries.ts";

export interface BeneficiaryDecisionInput {
	readonly reference: string;
	readonly decision: "accept" | "reject";
	/** Told to the member; a default sentence when empty. Kept out of the audit trail. */
	readonly reason: string | null;
	readonly now: Date;
	readonly staffAccountId?: number | null;
	/** The staff member's session and the request's correlation id, for the trail (back-office). */
	readonly sessionId?: string | null;
	readonly correlationId?: string | null;
}

export type BeneficiaryDecisionResult =
	| {
			readonly ok: true;
			readonly requestId: number;
			readonly kind: BeneficiaryRequestKind;
			readonly status: "closed" | "rejected";
			/** The beneficiary created or ended, on acceptance. */
			readonly beneficiaryId: number | null;
	  }
	| {
			readonly ok: false;
			readonly reason:
				| "unknown_request"
				| "not_a_beneficiary_request"
				| "beneficiary_gone"
				| "invalid_payload";
	  }
	| { readonly ok: false; readonly reason: "already_decided"; readonly status: RequestStatus };

async function acceptAddition(
	tx: Transaction,
	payload: AdditionPayload,
	today: string,
	now: Date,
): Promise<number> {
	const [person] = await tx
		.insert(persons)
		.values({
			lastName: payload.lastName,
			firstName: payload.firstName,
			birthDate: payload.birthDate,
			sex: payload.sex,
			nir: payload.nir,
			createdAt: now,
			updatedAt: now,
		})
		.returning({ id: persons.id });
	const personId = person?.id ?? 0;
	await tx.insert(personRoleAssignments).values({ personId, role: "beneficiary", since: today });
	const [last] = await tx
		.select({ rank: max(beneficiaries.rank) })
		.from(beneficiaries)
		.where(eq(beneficiaries.memberId, payload.memberId));
	const [created] = await tx
		.insert(beneficiaries)
		.values({
			memberId: payload.memberId,
			personId,
			relationship: payload.relationship,
			startDate: today,
			rank: (last?.rank ?? 0) + 1,
			createdAt: now,
			updatedAt: now,
		})
		.returning({ id: beneficiaries.id });
	return created?.id ?? 0;
}

async function acceptRemoval(
	tx: Transaction,
	payload: z.infer<typeof removalPayload>,
	today: string,
	now: Date,
): Promise<number | null> {
	const [target] = await tx
		.select({
			id: beneficiaries.id,
			startDate: beneficiaries.startDate,
			relationship: beneficiaries.relationship,
		})
		.from(beneficiaries)
		.where(
			and(
				eq(beneficiaries.id, payload.beneficiaryId),
				eq(beneficiaries.memberId, payload.memberId),
				or(isNull(beneficiaries.endDate), gte(beneficiaries.endDate, today)),
			),
		);
	if (!target || target.relationship === "adherent") return null;
	// Calendar days compare as strings; the cover never ends before it began.
	const endDate = [payload.lastCoveredDay, target.startDate].sort().at(-1) ?? payload.lastCoveredDay;
	await tx.update(beneficiaries).set({ endDate, updatedAt: now }).where(eq(beneficiaries.id, target.id));
	return target.id;
}

/**
 * Staff's decision on a beneficiary request (by its reference): on acceptance, the beneficiary is
 * created (from today, Paris) or their cover ends on the requested day; the request is closed
 * ("closed" when accepted, "rejected" otherwise) with the answer the member reads, its history
 * and an audit entry, in one transaction. A request already decided is left alone.
 */
export async function decideBeneficiaryRequest(
	db: Database,
	input: BeneficiaryDecisionInput,
): Promise<BeneficiaryDecisionResult> {
	const { now } = input;
	const today = parisDayOf(now);
	return db.transaction(
		async (tx): Promise<BeneficiaryDecisionResult> => {
			const [request] = await tx
				.select({ request: requests, memberId: accounts.memberId })
				.from(requests)
				.leftJoin(accounts, eq(accounts.id, requests.accountId))
				.where(eq(requests.reference, input.reference));
			if (!request) return { ok: false, reason: "unknown_request" };
			const { kind, status, id } = request.request;
			if (kind !== "beneficiary_add" && kind !== "beneficiary_remove") {
				return { ok: false, reason: "not_a_beneficiary_request" };
			}
			if (!(OPEN_REQUEST_STATUSES as readonly string[]).includes(status)) {
				return { ok: false, reason: "already_decided", status };
			}
			let beneficiaryId: number | null = null;
			let answer = input.reason?.trim() || "";
			if (input.decision === "accept") {
				if (kind === "beneficiary_add") {
					const payload = additionPayload.safeParse(request.request.payload);
					if (!payload.success || payload.data.memberId !== request.memberId) {
						return { ok: false, reason: "invalid_payload" };
					}
					beneficiaryId = await acceptAddition(tx, payload.data, today, now);
					answer ||= `${payload.data.firstName} ${payload.data.lastName} est couvert(e) à compter du ${formatDay(today)}.`;
				} else {
					const payload = removalPayload.safeParse(request.request.payload);
					if (!payload.success || payload.data.memberId !== request.memberId) {
						return { ok: false, reason: "invalid_payload" };
					}
					beneficiaryId = await acceptRemoval(tx, payload.data, today, now);
					if (beneficiaryId === null) return { ok: false, reason: "beneficiary_gone" };
					answer ||= `La couverture prend fin le ${formatDay(payload.data.lastCoveredDay)} au soir.`;
				}
			} else {
				answer ||= "Votre demande n'a pas pu être acceptée.";
			}
			const to = input.decision === "accept" ? "closed" : "rejected";
			await changeRequestStatus(tx, {
				request: { id, status },
				to,
				closes: true,
				set: { answeredAt: now, answerText: answer, answeredByAccountId: input.staffAccountId ?? null },
				note: answer,
				changedByAccountId: input.staffAccountId ?? null,
				now,
				audit: {
					accountId: input.staffAccountId ?? null,
					sessionId: input.sessionId ?? null,
					correlationId: input.correlationId ?? null,
					actorKind: "staff",
					action: `adherent.beneficiary_request.${input.decision === "accept" ? "accepted" : "rejected"}`,
					details: { kind, beneficiaryId },
				},
			});
			return { ok: true, requestId: id, kind, status: to, beneficiaryId };
		},
		{ behavior: "immediate" },
	);
}
