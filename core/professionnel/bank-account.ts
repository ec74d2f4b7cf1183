// The practice's bank account, where the insurer's tiers-payant transfers go (« Mon cabinet »),
// shown by its last 4 characters only, and its change (SECURITY.md, issue 13, ADR 0035): the
// password or an authenticator code asked again, IBAN and BIC checked at the boundary (ibantools,
// schema/identifiers.ts), at most 3 requests a day, then 48 hours of cooling-off during which the
// practice's address can cancel it through a signed link; then the worker applies it
// (applyDuePracticeBankChanges). No SEPA mandate: the insurer credits the practice, it debits
// nothing. Every step is in the audit trail.
import { and, desc, eq, lte } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { ibanLast4 } from "../../schema/identifiers.ts";
import {
	accounts,
	practiceBankAccounts,
	practiceBankChanges,
	professionals,
} from "../../schema/tables/index.ts";
import { appendAuditEvent } from "../audit.ts";
import {
	appendBankChangeCancellation,
	BANK_CHANGE_COOLING_OFF_MS,
	type BankChangeCancellation,
	type BankChangeRequestFields,
	bankChangeBlocked,
	recordBankChangeRefusal,
	signBankChangeCancelToken,
	verifyBankChangeCancelToken,
} from "../bank-change.ts";
import { parisDay } from "../calendar.ts";
import { confirmIdentity, type IdentityProof } from "../reauthentication.ts";
import { queueMail } from "../send-mail.ts";
import type { PracticeScope } from "./practice.ts";

/** The public page behind the e-mailed link: the practice's address may have no account. */
export const PRACTICE_CANCEL_PATH = "/cabinet/compte-bancaire/annulation";

export interface PracticeBankAccountView {
	readonly ibanLast4: string;
	readonly bic: string;
	readonly holderName: string;
	readonly activeSince: Date;
}

export interface PracticePendingChangeView {
	readonly id: number;
	readonly ibanLast4: string;
	readonly bic: string;
	readonly holderName: string;
	readonly requestedAt: Date;
	readonly effectiveAt: Date;
}

export interface PracticeBankDetails {
	readonly account: PracticeBankAccountView | null;
	readonly pending: PracticePendingChangeView | null;
}

export async function getPracticeBankDetails(
	db: Database,
	professionalId: number,
): Promise<PracticeBankDetails> {
	const [account] = await db
		.select({
			ibanLast4: practiceBankAccounts.ibanLast4,
			bic: practiceBankAccounts.bic,
			holderName: practiceBankAccounts.holderName,
			activeSince: practiceBankAccounts.activeSince,
		})
		.from(practiceBankAccounts)
		.where(
			and(eq(practiceBankAccounts.professionalId, professionalId), eq(practiceBankAccounts.status, "active")),
		);
	const [pending] = await db
		.select({
			id: practiceBankChanges.id,
			ibanLast4: practiceBankChanges.newIbanLast4,
			bic: practiceBankChanges.newBic,
			holderName: practiceBankChanges.newHolderName,
			requestedAt: practiceBankChanges.requestedAt,
			effectiveAt: practiceBankChanges.effectiveAt,
		})
		.from(practiceBankChanges)
		.where(
			and(eq(practiceBankChanges.professionalId, professionalId), eq(practiceBankChanges.status, "pending")),
		)
		.orderBy(desc(practiceBankChanges.requestedAt))
		.limit(1);
	return { account: account ?? null, pending: pending ?? null };
}

export function signPracticeCancelToken(changeId: number, secret: string): string {
	return signBankChangeCancelToken("practice", changeId, secret);
}

export function verifyPracticeCancelToken(token: string, secret: string): number | null {
	return verifyBankChangeCancelToken("practice", token, secret);
}

// --- Requesting a change -------------------------------------------------------------------------

const PRACTICE_CHANGES = {
	table: practiceBankChanges,
	owner: practiceBankChanges.professionalId,
	requestedAt: practiceBankChanges.requestedAt,
	status: practiceBankChanges.status,
};

export interface PracticeBankChangeInput extends BankChangeRequestFields {
	readonly scope: PracticeScope;
	readonly proof: IdentityProof;
}

export type PracticeBankChangeResult =
	| { readonly ok: true; readonly changeId: number; readonly effectiveAt: Date }
	| { readonly ok: false; readonly reason: "proof" | "pending_exists" | "rate_limited" | "same_account" };

type Refusal = Exclude<PracticeBankChangeResult, { ok: true }>["reason"];

export async function requestPracticeBankChange(
	db: Database,
	input: PracticeBankChangeInput,
): Promise<PracticeBankChangeResult> {
	const { scope, now } = input;
	const audit = {
		occurredAt: now,
		accountId: scope.accountId,
		sessionId: scope.sessionId,
		actorKind: "account",
		action: "professionnel.bank_account.change_requested",
		objectType: "professional",
		objectId: String(scope.professionalId),
		correlationId: input.correlationId,
	} as const;
	const refuse = async (reason: Refusal): Promise<PracticeBankChangeResult> => {
		await recordBankChangeRefusal(db, audit, reason, { proof: input.proof.kind });
		return { ok: false, reason };
	};
	if (!(await confirmIdentity(db, scope.accountId, input.proof, { now, pepper: input.pepper })))
		return refuse("proof");
	const written = await db.transaction(
		async (tx) => {
			const blocked = await bankChangeBlocked(tx, PRACTICE_CHANGES, scope.professionalId, now);
			if (blocked) return { ok: false as const, reason: blocked };
			const [current] = await tx
				.select({ id: practiceBankAccounts.id, iban: practiceBankAccounts.iban })
				.from(practiceBankAccounts)
				.where(
					and(
						eq(practiceBankAccounts.professionalId, scope.professionalId),
						eq(practiceBankAccounts.status, "active"),
					),
				);
			if (current?.iban === input.iban) return { ok: false as const, reason: "same_account" as const };
			const [practice] = await tx
				.select({ email: professionals.email })
				.from(professionals)
				.where(eq(professionals.id, scope.professionalId));
			const [account] = await tx
				.select({ email: accounts.email })
				.from(accounts)
				.where(eq(accounts.id, scope.accountId));
			const notifiedTo = practice?.email ?? account?.email ?? null;
			const effectiveAt = new Date(now.getTime() + BANK_CHANGE_COOLING_OFF_MS);
			const [change] = await tx
				.insert(practiceBankChanges)
				.values({
					professionalId: scope.professionalId,
					bankAccountId: current?.id ?? null,
					newIban: input.iban,
					newIbanLast4: ibanLast4(input.iban),
					newBic: input.bic,
					newHolderName: input.holderName,
					requestedByAccountId: scope.accountId,
					requestedAt: now,
					effectiveAt,
					notifiedTo,
					status: "pending",
				})
				.returning({ id: practiceBankChanges.id });
			if (!change) throw new Error("practice bank change: not written");
			await appendAuditEvent(tx, {
				...audit,
				outcome: "success",
				details: { changeId: change.id, ibanLast4: ibanLast4(input.iban), proof: input.proof.kind },
			});
			// The practice's address on the insurer's records, and the account that asked, once each.
			const recipients = [...new Set([notifiedTo, account?.email].filter((to): to is string => Boolean(to)))];
			for (const to of recipients)
				await queueMail(tx, {
					template: "bank-details-change-pending",
					data: {
						ibanLast4: ibanLast4(input.iban),
						requestedAt: now.toISOString(),
						effectiveOn: parisDay(effectiveAt),
						cancelPath: `${PRACTICE_CANCEL_PATH}?jeton=${signPracticeCancelToken(change.id, input.pepper)}`,
					},
					to,
					accountId: to === account?.email ? scope.accountId : null,
					idempotencyKey: `practice-bank-change-pending/${change.id}/${to}`,
					now,
					publicUrl: input.publicUrl,
				});
			return { ok: true as const, changeId: change.id, effectiveAt };
		},
		{ behavior: "immediate" },
	);
	if (!written.ok) return refuse(written.reason);
	return written;
}

// --- Cancelling -----------------------------------------------------------------------------------

export interface PracticeCancelInput extends BankChangeCancellation {
	/** Signed in: the change must be this practice's. Through the e-mailed link: none. */
	readonly professionalId?: number | undefined;
}

/** Cancels a pending change; false when there is none to cancel (already applied or cancelled). */
export async function cancelPracticeBankChange(db: Database, input: PracticeCancelInput): Promise<boolean> {
	const { now } = input;
	return db.transaction(async (tx) => {
		const conditions = [
			eq(practiceBankChanges.id, input.changeId),
			eq(practiceBankChanges.status, "pending"),
		];
		if (input.professionalId !== undefined)
			conditions.push(eq(practiceBankChanges.professionalId, input.professionalId));
		const updated = await tx
			.update(practiceBankChanges)
			.set({ status: "cancelled", cancelledAt: now, cancelledByAccountId: input.actor?.accountId ?? null })
			.where(and(...conditions))
			.returning({ id: practiceBankChanges.id });
		await appendBankChangeCancellation(tx, "practice", input, updated.length > 0);
		return updated.length > 0;
	});
}

// --- Applying (the worker) ------------------------------------------------------------------------

/** Applies every practice change whose cooling-off period is over; safe to run twice. */
export async function applyDuePracticeBankChanges(
	db: Database,
	options: { readonly now: Date; readonly publicUrl: URL },
): Promise<{ applied: number }> {
	const { now } = options;
	const due = await db
		.select({ id: practiceBankChanges.id })
		.from(practiceBankChanges)
		.where(and(eq(practiceBankChanges.status, "pending"), lte(practiceBankChanges.effectiveAt, now)))
		.orderBy(practiceBankChanges.effectiveAt)
		.limit(500);
	let applied = 0;
	for (const { id } of due) {
		const done = await db.transaction(
			async (tx) => {
				const [change] = await tx
					.select()
					.from(practiceBankChanges)
					.where(and(eq(practiceBankChanges.id, id), eq(practiceBankChanges.status, "pending")));
				if (!change) return false;
				// Replaced first: the unique index allows one active account per practice.
				await tx
					.update(practiceBankAccounts)
					.set({ status: "replaced", replacedAt: now })
					.where(
						and(
							eq(practiceBankAccounts.professionalId, change.professionalId),
							eq(practiceBankAccounts.status, "active"),
						),
					);
				await tx.insert(practiceBankAccounts).values({
					professionalId: change.professionalId,
					iban: change.newIban,
					ibanLast4: change.newIbanLast4,
					bic: change.newBic,
					holderName: change.newHolderName,
					status: "active",
					activeSince: now,
				});
				await tx
					.update(practiceBankChanges)
					.set({ status: "applied", appliedAt: now })
					.where(eq(practiceBankChanges.id, id));
				await appendAuditEvent(tx, {
					occurredAt: now,
					actorKind: "system",
					action: "worker.practice_bank_account.change_applied",
					objectType: "practice_bank_change",
					objectId: String(id),
					outcome: "success",
				});
				if (change.notifiedTo)
					await queueMail(tx, {
						template: "bank-details-change-confirmed",
						data: { ibanLast4: change.newIbanLast4, effectiveOn: parisDay(now) },
						to: change.notifiedTo,
						idempotencyKey: `practice-bank-change-confirmed/${id}`,
						now,
						publicUrl: options.publicUrl,
					});
				return true;
			},
			{ behavior: "immediate" },
		);
		if (done) applied++;
	}
	return { applied };
}
