// Recording a dispense d'adhésion (D911-2 CSS, DOMAIN.md §5) for one covered employee of the
// company: the legal case, the date of the employee's written request (uploaded, signed: the
// employer must be able to produce it), the first day of the dispense and its end when the case
// has one (a fixed-term contract's end, an individual contract's term). A dispense from the first
// day of the affiliation turns it into a dispense; a later one ends the coverage the day before
// and opens a dispense row for the same person and category, so the coverage's history stays
// (ADR 0032). One transaction with its audit entry; another company's employee, one already
// ended or already dispensed changes nothing.
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { DispenseReason } from "../../schema/enums.ts";
import { affiliations, dispenseDocuments, uploadedDocuments } from "../../schema/tables/index.ts";
import { appendAuditEvent } from "../audit.ts";
import { addDays } from "../calendar.ts";
import type { StoredDocumentRecord } from "../documents.ts";
import type { EmployerScope } from "./scope.ts";

/** The cases whose dispense ends on a known date, to be given. */
export const DISPENSE_END_REQUIRED: ReadonlySet<DispenseReason> = new Set([
	"fixed_term_contract",
	"individual_contract",
]);

/** How far ahead a dispense may start: a request already signed, for a near date. */
export const DISPENSE_START_MAX_DAYS_AHEAD = 92;

export type DispenseProblem =
	| "requested_in_future"
	| "start_before_affiliation"
	| "start_too_far"
	| "end_required"
	| "end_before_start";

export interface DispenseDates {
	readonly reason: DispenseReason;
	readonly requestedOn: string;
	readonly startDate: string;
	readonly endDate: string | null;
	readonly today: string;
	/** The first day of the employee's affiliation. */
	readonly affiliationStart: string;
}

/** The first rule a dispense breaks, or null: pure, the same rules the route reports per field. */
export function checkDispense(input: DispenseDates): DispenseProblem | null {
	if (input.requestedOn > input.today) return "requested_in_future";
	if (input.startDate < input.affiliationStart) return "start_before_affiliation";
	if (input.startDate > addDays(input.today, DISPENSE_START_MAX_DAYS_AHEAD)) return "start_too_far";
	if (input.endDate === null) return DISPENSE_END_REQUIRED.has(input.reason) ? "end_required" : null;
	if (input.endDate < input.startDate) return "end_before_start";
	return null;
}

export interface RecordDispenseInput {
	readonly scope: EmployerScope;
	readonly affiliationId: number;
	readonly reason: DispenseReason;
	readonly requestedOn: string;
	readonly startDate: string;
	readonly endDate: string | null;
	/** The signed request, already stored (core/documents.ts). */
	readonly document: StoredDocumentRecord;
	readonly today: string;
	readonly now: Date;
	readonly correlationId: string;
}

export type RecordDispenseResult =
	| { readonly ok: true; readonly dispenseId: number }
	| { readonly ok: false; readonly reason: "not_found" | "not_covered" | DispenseProblem };

export async function recordDispense(
	db: Database,
	input: RecordDispenseInput,
): Promise<RecordDispenseResult> {
	const { scope, now } = input;
	return db.transaction(async (tx): Promise<RecordDispenseResult> => {
		const [affiliation] = await tx
			.select()
			.from(affiliations)
			.where(and(eq(affiliations.id, input.affiliationId), eq(affiliations.companyId, scope.companyId)));
		if (!affiliation) return { ok: false, reason: "not_found" };
		if (affiliation.endDate !== null || affiliation.dispenseReason !== null)
			return { ok: false, reason: "not_covered" };
		const problem = checkDispense({ ...input, affiliationStart: affiliation.startDate });
		if (problem) return { ok: false, reason: problem };
		const [document] = await tx
			.insert(uploadedDocuments)
			.values({ ...input.document, ownerAccountId: scope.accountId, uploadedAt: now })
			.returning({ id: uploadedDocuments.id });
		if (!document) throw new Error("recordDispense: the document was not written");
		const dispense = {
			option: null,
			dispenseReason: input.reason,
			dispenseRequestedOn: input.requestedOn,
			endDate: input.endDate,
			updatedAt: now,
		};
		let dispenseId = affiliation.id;
		if (input.startDate === affiliation.startDate) {
			await tx
				.update(affiliations)
				.set(dispense)
				.where(and(eq(affiliations.id, affiliation.id), isNull(affiliations.endDate)));
		} else {
			await tx
				.update(affiliations)
				.set({ endDate: addDays(input.startDate, -1), updatedAt: now })
				.where(and(eq(affiliations.id, affiliation.id), isNull(affiliations.endDate)));
			const [row] = await tx
				.insert(affiliations)
				.values({
					companyId: affiliation.companyId,
					groupContractId: affiliation.groupContractId,
					categoryId: affiliation.categoryId,
					personId: affiliation.personId,
					memberId: affiliation.memberId,
					employeeNumber: affiliation.employeeNumber,
					startDate: input.startDate,
					createdAt: now,
					...dispense,
				})
				.returning({ id: affiliations.id });
			if (!row) throw new Error("recordDispense: the dispense was not written");
			dispenseId = row.id;
		}
		await tx.insert(dispenseDocuments).values({ affiliationId: dispenseId, documentId: document.id });
		await appendAuditEvent(tx, {
			occurredAt: now,
			accountId: scope.accountId,
			sessionId: scope.sessionId,
			actorKind: "account",
			action: "employeur.dispense.recorded",
			objectType: "affiliation",
			objectId: String(dispenseId),
			outcome: "success",
			correlationId: input.correlationId,
			details: {
				reason: input.reason,
				startDate: input.startDate,
				endDate: input.endDate,
				coveredAffiliationId: affiliation.id,
				documentId: document.id,
			},
		});
		return { ok: true, dispenseId };
	});
}

/** The signed request of a dispense of the company, or null (another company's answers the same). */
export async function findDispenseDocument(
	db: Database,
	companyId: number,
	affiliationId: number,
): Promise<{ readonly storageKey: string; readonly fileName: string; readonly contentType: string } | null> {
	const [row] = await db
		.select({
			storageKey: uploadedDocuments.storageKey,
			fileName: uploadedDocuments.fileName,
			contentType: uploadedDocuments.contentType,
		})
		.from(affiliations)
		.innerJoin(dispenseDocuments, eq(dispenseDocuments.affiliationId, affiliations.id))
		.innerJoin(uploadedDocuments, eq(uploadedDocuments.id, dispenseDocuments.documentId))
		.where(
			and(
				eq(affiliations.id, affiliationId),
				eq(affiliations.companyId, companyId),
				isNull(uploadedDocuments.deletedAt),
			),
		);
	return row ?? null;
}
