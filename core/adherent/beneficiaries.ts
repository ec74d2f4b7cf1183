// The people a member's contract covers, and the requests that change them: adding a spouse,
// partner or child (with a supporting document) and removing someone (the member's password is
// asked again by the route). Both are `requests` with a status history and a reference shown
// to the member; staff decide them later (beneficiary-decision.ts, scripts/beneficiary-request.ts),
// which creates or ends the beneficiary. Every query is scoped by the member or its account.
import { and, asc, desc, eq, gte, inArray, isNull, like, max, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client.ts";
import type { Relationship, RequestStatus } from "../../schema/enums.ts";
import { beneficiaries, persons, requests, uploadedDocuments } from "../../schema/tables/index.ts";
import { parisDayOf } from "../format.ts";
import { REFERENCE_PREFIX } from "../request-reference.ts";
import { OPEN_REQUEST_STATUSES, openRequest, type Transaction } from "../requests.ts";
import type { BeneficiaryAdditionForm } from "./beneficiary-form.ts";

const BENEFICIARY_KINDS = ["beneficiary_add", "beneficiary_remove"] as const;
export type BeneficiaryRequestKind = (typeof BENEFICIARY_KINDS)[number];

export interface BeneficiaryView {
	readonly id: number;
	readonly lastName: string;
	readonly firstName: string;
	readonly relationship: Relationship;
	readonly birthDate: string;
	/** The last 3 characters of the NIR only (the key and one digit), or null when unknown. */
	readonly nirEnd: string | null;
	readonly startDate: string;
	readonly endDate: string | null;
}

export interface BeneficiaryRequestView {
	readonly id: number;
	readonly reference: string;
	readonly kind: BeneficiaryRequestKind;
	readonly status: RequestStatus;
	readonly createdAt: Date;
	readonly answerText: string | null;
	/** Who the request is about: the person to add, or the beneficiary to remove. */
	readonly personName: string;
	readonly beneficiaryId: number | null;
	readonly lastCoveredDay: string | null;
}

// --- Payloads stored in requests.payload (parsed again when read: a boundary) ---------------

export const additionPayload = z.object({
	memberId: z.number().int(),
	relationship: z.enum(["conjoint", "enfant"]),
	lastName: z.string(),
	firstName: z.string(),
	birthDate: z.string(),
	sex: z.enum(["F", "M"]),
	nir: z.string().nullable(),
	attachedNir: z.string().nullable(),
});
export type AdditionPayload = z.infer<typeof additionPayload>;

export const removalPayload = z.object({
	memberId: z.number().int(),
	beneficiaryId: z.number().int(),
	lastCoveredDay: z.string(),
});

// --- Reading -------------------------------------------------------------------------------

const beneficiaryColumns = {
	id: beneficiaries.id,
	lastName: persons.lastName,
	firstName: persons.firstName,
	relationship: beneficiaries.relationship,
	birthDate: persons.birthDate,
	nir: persons.nir,
	startDate: beneficiaries.startDate,
	endDate: beneficiaries.endDate,
};

function toView({ nir, ...row }: { nir: string | null } & Omit<BeneficiaryView, "nirEnd">): BeneficiaryView {
	return { ...row, nirEnd: nir ? nir.slice(-3) : null };
}

/** The people covered today or later (the adherent first), with only the end of their NIR. */
export async function listBeneficiaries(
	db: Database,
	memberId: number,
	today: string,
): Promise<BeneficiaryView[]> {
	const rows = await db
		.select(beneficiaryColumns)
		.from(beneficiaries)
		.innerJoin(persons, eq(persons.id, beneficiaries.personId))
		.where(
			and(
				eq(beneficiaries.memberId, memberId),
				or(isNull(beneficiaries.endDate), gte(beneficiaries.endDate, today)),
			),
		)
		.orderBy(asc(beneficiaries.rank), asc(beneficiaries.id));
	return rows.map(toView);
}

/** One beneficiary of this member still covered on `today`; null otherwise (another member's too). */
export async function findBeneficiary(
	db: Database,
	memberId: number,
	beneficiaryId: number,
	today: string,
): Promise<BeneficiaryView | null> {
	const [row] = await db
		.select(beneficiaryColumns)
		.from(beneficiaries)
		.innerJoin(persons, eq(persons.id, beneficiaries.personId))
		.where(
			and(
				eq(beneficiaries.id, beneficiaryId),
				eq(beneficiaries.memberId, memberId),
				or(isNull(beneficiaries.endDate), gte(beneficiaries.endDate, today)),
			),
		);
	return row ? toView(row) : null;
}

/** The beneficiary requests of an account, most recent first. */
export async function listBeneficiaryRequests(
	db: Database,
	accountId: number,
	memberId: number,
): Promise<BeneficiaryRequestView[]> {
	const rows = await db
		.select()
		.from(requests)
		.where(and(eq(requests.accountId, accountId), inArray(requests.kind, [...BENEFICIARY_KINDS])))
		.orderBy(desc(requests.createdAt), desc(requests.id))
		.limit(30);
	const removals = rows.flatMap((row) => {
		const parsed = row.kind === "beneficiary_remove" ? removalPayload.safeParse(row.payload) : null;
		return parsed?.success ? [parsed.data.beneficiaryId] : [];
	});
	const names = new Map<number, string>();
	if (removals.length > 0) {
		const people = await db
			.select({ id: beneficiaries.id, firstName: persons.firstName, lastName: persons.lastName })
			.from(beneficiaries)
			.innerJoin(persons, eq(persons.id, beneficiaries.personId))
			.where(and(eq(beneficiaries.memberId, memberId), inArray(beneficiaries.id, removals)));
		for (const person of people) names.set(person.id, `${person.firstName} ${person.lastName}`);
	}
	return rows.map((row) => {
		const base = {
			id: row.id,
			reference: row.reference,
			kind: row.kind as BeneficiaryRequestKind,
			status: row.status,
			createdAt: row.createdAt,
			answerText: row.answerText,
		};
		const addition = row.kind === "beneficiary_add" ? additionPayload.safeParse(row.payload) : null;
		if (addition?.success) {
			const { firstName, lastName } = addition.data;
			return { ...base, personName: `${firstName} ${lastName}`, beneficiaryId: null, lastCoveredDay: null };
		}
		const removal = removalPayload.safeParse(row.payload);
		const id = removal.success ? removal.data.beneficiaryId : null;
		return {
			...base,
			personName: (id !== null ? names.get(id) : undefined) ?? "–",
			beneficiaryId: id,
			lastCoveredDay: removal.success ? removal.data.lastCoveredDay : null,
		};
	});
}

// --- Requests made by the member --------------------------------------------------------------

export interface RequestActor {
	readonly accountId: number;
	readonly sessionId: string;
	readonly correlationId: string | null;
}

export interface AttachedDocument {
	readonly storageKey: string;
	readonly fileName: string;
	readonly contentType: string;
	readonly sizeBytes: number;
	readonly sha256: string;
}

/** A document the member already stored (uploaded_documents), not yet part of a request. */
export interface StoredDocumentRef {
	readonly storedId: number;
}

export type { Transaction };

/**
 * The next "B2026-000042". Both kinds share the letter B (REFERENCE_PREFIX), so the sequence is
 * counted over both: `nextRequestReference` counts per kind and would give an addition and a
 * removal the same reference (the unique index would then refuse the second one).
 */
async function nextBeneficiaryReference(tx: Transaction, now: Date): Promise<string> {
	const prefix = `${REFERENCE_PREFIX.beneficiary_add}${now.getUTCFullYear()}-`;
	const [row] = await tx
		.select({ last: max(requests.reference) })
		.from(requests)
		.where(like(requests.reference, `${prefix}%`));
	const last = Number(row?.last?.slice(prefix.length) ?? "0");
	return `${prefix}${String((Number.isFinite(last) ? last : 0) + 1).padStart(6, "0")}`;
}

async function openBeneficiaryRequest(
	tx: Transaction,
	actor: RequestActor,
	kind: BeneficiaryRequestKind,
	payload: Record<string, unknown>,
	now: Date,
): Promise<{ requestId: number; reference: string }> {
	return openRequest(tx, {
		kind,
		reference: await nextBeneficiaryReference(tx, now),
		accountId: actor.accountId,
		payload,
		answerBy: new Date(now.getTime() + 30 * 86_400_000),
		now,
		audit: {
			accountId: actor.accountId,
			sessionId: actor.sessionId,
			actorKind: "account",
			action:
				kind === "beneficiary_add"
					? "adherent.beneficiary.add_requested"
					: "adherent.beneficiary.remove_requested",
			correlationId: actor.correlationId,
		},
	});
}

export type AdditionResult =
	| { readonly ok: true; readonly requestId: number; readonly reference: string }
	| { readonly ok: false; readonly reason: "already_covered" | "document_unavailable" };

/**
 * Records a request to add a beneficiary with its supporting document, already stored under
 * `document.storageKey` (its record written here), or already recorded for this member without a
 * request (`storedId`, a justificatif kept from a refused form): the request, its first status,
 * the document's link and the audit entry, in one transaction. Refused when the NIR is already
 * one of the member's beneficiaries, or the stored document is not this member's free one.
 */
export async function requestBeneficiaryAddition(
	db: Database,
	input: {
		readonly actor: RequestActor;
		readonly memberId: number;
		readonly form: BeneficiaryAdditionForm;
		readonly document: AttachedDocument | StoredDocumentRef;
		readonly now: Date;
	},
): Promise<AdditionResult> {
	const { form, now } = input;
	const payload: AdditionPayload = {
		memberId: input.memberId,
		relationship: form.lien,
		lastName: form.nom,
		firstName: form.prenom,
		birthDate: form.dateNaissance,
		sex: form.sexe,
		nir: form.nir || null,
		attachedNir: form.nir ? null : form.nirParent || null,
	};
	return db.transaction(
		async (tx): Promise<AdditionResult> => {
			if (payload.nir) {
				const [covered] = await tx
					.select({ id: beneficiaries.id })
					.from(beneficiaries)
					.innerJoin(persons, eq(persons.id, beneficiaries.personId))
					.where(
						and(
							eq(beneficiaries.memberId, input.memberId),
							eq(persons.nir, payload.nir),
							or(isNull(beneficiaries.endDate), gte(beneficiaries.endDate, parisDayOf(now))),
						),
					);
				if (covered) return { ok: false, reason: "already_covered" };
			}
			const { document } = input;
			if ("storedId" in document) {
				// Only the member's own document, still free: checked here, in the same transaction
				// that attaches it, so two requests cannot both claim it.
				const stored = and(
					eq(uploadedDocuments.id, document.storedId),
					eq(uploadedDocuments.ownerAccountId, input.actor.accountId),
					isNull(uploadedDocuments.requestId),
					isNull(uploadedDocuments.deletedAt),
				);
				const [free] = await tx.select({ id: uploadedDocuments.id }).from(uploadedDocuments).where(stored);
				if (!free) return { ok: false, reason: "document_unavailable" };
				const opened = await openBeneficiaryRequest(tx, input.actor, "beneficiary_add", payload, now);
				await tx.update(uploadedDocuments).set({ requestId: opened.requestId }).where(stored);
				return { ok: true, ...opened };
			}
			const opened = await openBeneficiaryRequest(tx, input.actor, "beneficiary_add", payload, now);
			await tx.insert(uploadedDocuments).values({
				...document,
				ownerAccountId: input.actor.accountId,
				requestId: opened.requestId,
				uploadedAt: now,
			});
			return { ok: true, ...opened };
		},
		{ behavior: "immediate" },
	);
}

export type RemovalResult =
	| { readonly ok: true; readonly requestId: number; readonly reference: string }
	| { readonly ok: false; readonly reason: "not_found" | "holder" }
	| { readonly ok: false; readonly reason: "already_requested"; readonly reference: string };

/** The open removal request of this beneficiary, if any. */
export async function pendingRemoval(
	db: Pick<Database, "select">,
	accountId: number,
	beneficiaryId: number,
): Promise<{ reference: string } | undefined> {
	const [row] = await db
		.select({ reference: requests.reference })
		.from(requests)
		.where(
			and(
				eq(requests.accountId, accountId),
				eq(requests.kind, "beneficiary_remove"),
				inArray(requests.status, [...OPEN_REQUEST_STATUSES]),
				sql`json_extract(${requests.payload}, '$.beneficiaryId') = ${beneficiaryId}`,
			),
		);
	return row;
}

/** Records a request to end a beneficiary's cover after `lastCoveredDay` (checked by the caller). */
export async function requestBeneficiaryRemoval(
	db: Database,
	input: {
		readonly actor: RequestActor;
		readonly memberId: number;
		readonly beneficiaryId: number;
		readonly lastCoveredDay: string;
		readonly now: Date;
	},
): Promise<RemovalResult> {
	const today = parisDayOf(input.now);
	return db.transaction(
		async (tx): Promise<RemovalResult> => {
			const [target] = await tx
				.select({ relationship: beneficiaries.relationship })
				.from(beneficiaries)
				.where(
					and(
						eq(beneficiaries.id, input.beneficiaryId),
						eq(beneficiaries.memberId, input.memberId),
						or(isNull(beneficiaries.endDate), gte(beneficiaries.endDate, today)),
					),
				);
			if (!target) return { ok: false, reason: "not_found" };
			if (target.relationship === "adherent") return { ok: false, reason: "holder" };
			const pending = await pendingRemoval(tx, input.actor.accountId, input.beneficiaryId);
			if (pending) return { ok: false, reason: "already_requested", reference: pending.reference };
			const payload = {
				memberId: input.memberId,
				beneficiaryId: input.beneficiaryId,
				lastCoveredDay: input.lastCoveredDay,
			};
			return {
				ok: true,
				...(await openBeneficiaryRequest(tx, input.actor, "beneficiary_remove", payload, input.now)),
			};
		},
		{ behavior: "immediate" },
	);
}
