// « Je ne reconnais pas ce remboursement »: a member reports a reimbursement line they do not
// recognise (a possible fraud by a professional, or an error). There is no request kind of its
// own (schema/enums.ts), so it is a réclamation (`complaint`) with the sub-kind
// `unrecognised_reimbursement` and the line's id in the payload: staff handle it with the other
// complaints, under the ACPR deadlines (acknowledged within 10 working days, answered within two
// months). One report per line: a second one gives back the first one's reference.
import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { RequestStatus } from "../../schema/enums.ts";
import { prestations, requests } from "../../schema/tables/index.ts";
import { appendAuditEvent } from "../audit.ts";
import { nextRequestReference } from "../request-reference.ts";
import { openRequest } from "../requests.ts";
import { complaintDeadlines, UNRECOGNISED_REIMBURSEMENT } from "./complaints.ts";

export { UNRECOGNISED_REIMBURSEMENT };
export const REPORT_COMMENT_MAX_LENGTH = 1000;

type Reader = Pick<Database, "select">;

export interface ReimbursementReport {
	readonly reference: string;
	readonly status: RequestStatus;
	readonly createdAt: Date;
}

export interface ReportInput {
	readonly memberId: number;
	readonly accountId: number;
	readonly sessionId: string | null;
	readonly prestationId: number;
	/** Optional, at most 1 000 characters (checked at the boundary). */
	readonly comment: string | null;
	readonly now: Date;
	readonly correlationId?: string | null;
}

export type ReportResult =
	| { readonly ok: true; readonly reference: string; readonly repeated: boolean }
	| { readonly ok: false; readonly reason: "not_found" };

/** The report already made on this line from this account, if any. */
export async function findReimbursementReport(
	db: Reader,
	accountId: number,
	prestationId: number,
): Promise<ReimbursementReport | null> {
	const [row] = await db
		.select({ reference: requests.reference, status: requests.status, createdAt: requests.createdAt })
		.from(requests)
		.where(
			and(
				eq(requests.accountId, accountId),
				eq(requests.kind, "complaint"),
				eq(requests.subKind, UNRECOGNISED_REIMBURSEMENT),
				eq(sql`json_extract(${requests.payload}, '$.prestationId')`, prestationId),
			),
		)
		.orderBy(desc(requests.id))
		.limit(1);
	return row ?? null;
}

export async function reportUnrecognisedReimbursement(
	db: Database,
	input: ReportInput,
): Promise<ReportResult> {
	const { now } = input;
	return db.transaction(
		async (tx): Promise<ReportResult> => {
			const [line] = await tx
				.select({ id: prestations.id })
				.from(prestations)
				.where(and(eq(prestations.id, input.prestationId), eq(prestations.memberId, input.memberId)));
			if (!line) return { ok: false, reason: "not_found" };
			const audit = {
				occurredAt: now,
				accountId: input.accountId,
				sessionId: input.sessionId,
				actorKind: "account",
				action: "adherent.reimbursement.reported",
				objectType: "prestation",
				objectId: String(input.prestationId),
				outcome: "success",
				correlationId: input.correlationId ?? null,
			} as const;
			const existing = await findReimbursementReport(tx, input.accountId, input.prestationId);
			if (existing) {
				await appendAuditEvent(tx, { ...audit, details: { reference: existing.reference, repeated: true } });
				return { ok: true, reference: existing.reference, repeated: true };
			}
			const reference = await nextRequestReference(tx, "complaint", now);
			const deadlines = complaintDeadlines(now);
			await openRequest(tx, {
				kind: "complaint",
				subKind: UNRECOGNISED_REIMBURSEMENT,
				reference,
				accountId: input.accountId,
				payload: {
					prestationId: input.prestationId,
					...(input.comment ? { comment: input.comment } : {}),
				},
				acknowledgeBy: deadlines.acknowledgeBy,
				answerBy: deadlines.answerBy,
				note: "Remboursement non reconnu, signalé depuis le détail du remboursement",
				now,
				audit: { ...audit, details: { reference, repeated: false } },
			});
			return { ok: true, reference, repeated: false };
		},
		{ behavior: "immediate" },
	);
}
