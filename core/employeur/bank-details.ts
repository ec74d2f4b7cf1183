// « Coordonnées bancaires »: the account the company's contributions are debited from (shown by
// its last 4 characters only) and its change (SECURITY.md, issue 12): the password asked again,
// the IBAN and BIC checked (ibantools, schema/identifiers.ts), at most 3 requests a day, then 48
// hours of cooling-off during which the company's contact address and the administrator can
// cancel it through a signed link; then the worker applies it (applyDueBankChanges): the old
// mandate revoked, a new SEPA mandate in force. Every step is in the audit trail.
import { and, desc, eq, lte } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { SepaSequenceType } from "../../schema/enums.ts";
import { ibanLast4 } from "../../schema/identifiers.ts";
import { accounts, bankDetailChanges, bankMandates, companies } from "../../schema/tables/index.ts";
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
import { verifyPassword } from "../password.ts";
import { queueMail } from "../send-mail.ts";
import type { EmployerScope } from "./scope.ts";

export interface MandateView {
	readonly rum: string;
	readonly ics: string;
	readonly ibanLast4: string;
	readonly bic: string | null;
	readonly holderName: string;
	readonly signedOn: string;
	readonly sequenceType: SepaSequenceType;
}

export interface PendingChangeView {
	readonly id: number;
	/** The mandate that will be in force once the change applies. */
	readonly rum: string;
	readonly ibanLast4: string;
	readonly bic: string | null;
	readonly holderName: string;
	readonly requestedAt: Date;
	readonly effectiveAt: Date;
}

export interface BankDetails {
	readonly mandate: MandateView | null;
	readonly pending: PendingChangeView | null;
}

/** The RUM of the mandate a change brings (≤ 35 characters, set by the creditor). */
export function changeRum(companyId: number, changeId: number): string {
	return `HM-E${String(companyId).padStart(9, "0")}-C${changeId}`;
}

export async function getBankDetails(db: Database, companyId: number): Promise<BankDetails> {
	const [mandate] = await db
		.select({
			rum: bankMandates.rum,
			ics: bankMandates.ics,
			ibanLast4: bankMandates.ibanLast4,
			bic: bankMandates.bic,
			holderName: bankMandates.holderName,
			signedOn: bankMandates.signedOn,
			sequenceType: bankMandates.sequenceType,
		})
		.from(bankMandates)
		.where(and(eq(bankMandates.companyId, companyId), eq(bankMandates.status, "active")))
		.orderBy(desc(bankMandates.signedOn), desc(bankMandates.id))
		.limit(1);
	const [pending] = await db
		.select({
			id: bankDetailChanges.id,
			ibanLast4: bankDetailChanges.newIbanLast4,
			bic: bankDetailChanges.newBic,
			holderName: bankDetailChanges.newHolderName,
			requestedAt: bankDetailChanges.requestedAt,
			effectiveAt: bankDetailChanges.effectiveAt,
		})
		.from(bankDetailChanges)
		.where(and(eq(bankDetailChanges.companyId, companyId), eq(bankDetailChanges.status, "pending")))
		.orderBy(desc(bankDetailChanges.requestedAt))
		.limit(1);
	return {
		mandate: mandate ?? null,
		pending: pending ? { ...pending, rum: changeRum(companyId, pending.id) } : null,
	};
}

/** The pending change with its whole IBAN, for the mandate the company signs (its own document). */
export async function getPendingMandate(
	db: Database,
	companyId: number,
): Promise<{ change: PendingChangeView; iban: string; ics: string; company: string } | null> {
	const [row] = await db
		.select({
			id: bankDetailChanges.id,
			iban: bankDetailChanges.newIban,
			ibanLast4: bankDetailChanges.newIbanLast4,
			bic: bankDetailChanges.newBic,
			holderName: bankDetailChanges.newHolderName,
			requestedAt: bankDetailChanges.requestedAt,
			effectiveAt: bankDetailChanges.effectiveAt,
			ics: bankMandates.ics,
			company: companies.name,
		})
		.from(bankDetailChanges)
		.innerJoin(companies, eq(companies.id, bankDetailChanges.companyId))
		.innerJoin(bankMandates, eq(bankMandates.id, bankDetailChanges.mandateId))
		.where(and(eq(bankDetailChanges.companyId, companyId), eq(bankDetailChanges.status, "pending")))
		.orderBy(desc(bankDetailChanges.requestedAt))
		.limit(1);
	if (!row) return null;
	const { iban, ics, company, ...change } = row;
	return { change: { ...change, rum: changeRum(companyId, change.id) }, iban, ics, company };
}

// --- The cancel link: signed, so that it works without signing in, for this change only ----------

/** `<id>.<HMAC>`: names one change of a company; cancelling it twice does nothing more. */
export function signCancelToken(changeId: number, secret: string): string {
	return signBankChangeCancelToken("company", changeId, secret);
}

/** The change a cancel token names, or null when it is malformed or forged. */
export function verifyCancelToken(token: string, secret: string): number | null {
	return verifyBankChangeCancelToken("company", token, secret);
}

export const CANCEL_PATH = "/coordonnees-bancaires/annulation";

const COMPANY_CHANGES = {
	table: bankDetailChanges,
	owner: bankDetailChanges.companyId,
	requestedAt: bankDetailChanges.requestedAt,
	status: bankDetailChanges.status,
};

// --- Requesting a change -------------------------------------------------------------------------

export interface BankChangeInput extends BankChangeRequestFields {
	readonly scope: EmployerScope;
	readonly password: string;
}

export type BankChangeResult =
	| { readonly ok: true; readonly changeId: number; readonly effectiveAt: Date }
	| {
			readonly ok: false;
			readonly reason: "password" | "pending_exists" | "rate_limited" | "same_account" | "no_mandate";
	  };

export async function requestBankChange(db: Database, input: BankChangeInput): Promise<BankChangeResult> {
	const { scope, now } = input;
	const audit = {
		occurredAt: now,
		accountId: scope.accountId,
		sessionId: scope.sessionId,
		actorKind: "account",
		action: "employeur.bank_details.change_requested",
		objectType: "company",
		objectId: String(scope.companyId),
		correlationId: input.correlationId,
	} as const;
	const refuse = async (
		reason: Exclude<BankChangeResult, { ok: true }>["reason"],
	): Promise<BankChangeResult> => {
		await recordBankChangeRefusal(db, audit, reason);
		return { ok: false, reason };
	};
	const [account] = await db
		.select({ passwordHash: accounts.passwordHash, email: accounts.email })
		.from(accounts)
		.where(eq(accounts.id, scope.accountId));
	if (!account?.passwordHash || !(await verifyPassword(account.passwordHash, input.password, input.pepper)))
		return refuse("password");
	const written = await db.transaction(
		async (tx) => {
			const blocked = await bankChangeBlocked(tx, COMPANY_CHANGES, scope.companyId, now);
			if (blocked) return { ok: false as const, reason: blocked };
			const [mandate] = await tx
				.select({ id: bankMandates.id, iban: bankMandates.iban })
				.from(bankMandates)
				.where(and(eq(bankMandates.companyId, scope.companyId), eq(bankMandates.status, "active")))
				.orderBy(desc(bankMandates.signedOn))
				.limit(1);
			if (!mandate) return { ok: false as const, reason: "no_mandate" as const };
			if (mandate.iban === input.iban) return { ok: false as const, reason: "same_account" as const };
			const [company] = await tx
				.select({ email: companies.email })
				.from(companies)
				.where(eq(companies.id, scope.companyId));
			const effectiveAt = new Date(now.getTime() + BANK_CHANGE_COOLING_OFF_MS);
			const [change] = await tx
				.insert(bankDetailChanges)
				.values({
					target: "company_mandate",
					companyId: scope.companyId,
					mandateId: mandate.id,
					newIban: input.iban,
					newIbanLast4: ibanLast4(input.iban),
					newBic: input.bic,
					newHolderName: input.holderName,
					requestedByAccountId: scope.accountId,
					requestedAt: now,
					effectiveAt,
					notifiedTo: company?.email ?? account.email,
					notifiedAt: now,
					status: "pending",
				})
				.returning({ id: bankDetailChanges.id });
			if (!change) throw new Error("bank change: not written");
			await appendAuditEvent(tx, {
				...audit,
				outcome: "success",
				details: { changeId: change.id, ibanLast4: ibanLast4(input.iban) },
			});
			return { ok: true as const, changeId: change.id, effectiveAt, contact: company?.email ?? null };
		},
		{ behavior: "immediate" },
	);
	if (!written.ok) return refuse(written.reason);
	// The contact address on the company's records and the administrator who asked, once each.
	const recipients = [...new Set([written.contact, account.email].filter((to): to is string => Boolean(to)))];
	for (const to of recipients)
		await queueMail(db, {
			template: "bank-details-change-pending",
			data: {
				ibanLast4: ibanLast4(input.iban),
				requestedAt: now.toISOString(),
				effectiveOn: parisDay(written.effectiveAt),
				cancelPath: `${CANCEL_PATH}?jeton=${signCancelToken(written.changeId, input.pepper)}`,
			},
			to,
			accountId: scope.accountId,
			idempotencyKey: `bank-details-change-pending/${written.changeId}/${to}`,
			now,
			publicUrl: input.publicUrl,
		});
	return { ok: true, changeId: written.changeId, effectiveAt: written.effectiveAt };
}

// --- Cancelling -----------------------------------------------------------------------------------

export interface CancelInput extends BankChangeCancellation {
	/** Signed in: the change must be this company's. Through the e-mailed link: none. */
	readonly companyId?: number | undefined;
}

/** Cancels a pending change; false when there is none to cancel (already applied or cancelled). */
export async function cancelBankChange(db: Database, input: CancelInput): Promise<boolean> {
	const { now } = input;
	return db.transaction(async (tx) => {
		const conditions = [eq(bankDetailChanges.id, input.changeId), eq(bankDetailChanges.status, "pending")];
		if (input.companyId !== undefined) conditions.push(eq(bankDetailChanges.companyId, input.companyId));
		const updated = await tx
			.update(bankDetailChanges)
			.set({ status: "cancelled", cancelledAt: now, cancelledByAccountId: input.actor?.accountId ?? null })
			.where(and(...conditions))
			.returning({ id: bankDetailChanges.id, companyId: bankDetailChanges.companyId });
		const cancelled = updated[0];
		await appendBankChangeCancellation(tx, "company", input, Boolean(cancelled));
		return Boolean(cancelled);
	});
}

// --- Applying (the worker) ------------------------------------------------------------------------

/** Applies every company change whose cooling-off period is over; safe to run twice. */
export async function applyDueBankChanges(
	db: Database,
	options: { readonly now: Date; readonly publicUrl: URL },
): Promise<{ applied: number }> {
	const { now } = options;
	const due = await db
		.select({ id: bankDetailChanges.id, companyId: bankDetailChanges.companyId })
		.from(bankDetailChanges)
		.where(
			and(
				eq(bankDetailChanges.status, "pending"),
				eq(bankDetailChanges.target, "company_mandate"),
				lte(bankDetailChanges.effectiveAt, now),
			),
		)
		.orderBy(bankDetailChanges.effectiveAt)
		.limit(500);
	let applied = 0;
	for (const { id, companyId } of due) {
		if (companyId === null) continue;
		const done = await db.transaction(
			async (tx) => {
				const [change] = await tx
					.select()
					.from(bankDetailChanges)
					.where(and(eq(bankDetailChanges.id, id), eq(bankDetailChanges.status, "pending")));
				if (!change) return null;
				const [old] = change.mandateId
					? await tx.select().from(bankMandates).where(eq(bankMandates.id, change.mandateId))
					: [];
				if (!old) return null;
				await tx
					.update(bankMandates)
					.set({ status: "revoked", revokedAt: now, updatedAt: now })
					.where(and(eq(bankMandates.companyId, companyId), eq(bankMandates.status, "active")));
				const day = parisDay(now);
				await tx.insert(bankMandates).values({
					rum: changeRum(companyId, id),
					ics: old.ics,
					companyId,
					iban: change.newIban,
					ibanLast4: change.newIbanLast4,
					bic: change.newBic,
					holderName: change.newHolderName,
					signedOn: day,
					status: "active",
					sequenceType: "FRST",
					createdAt: now,
					updatedAt: now,
				});
				await tx
					.update(bankDetailChanges)
					.set({ status: "applied", appliedAt: now })
					.where(eq(bankDetailChanges.id, id));
				await appendAuditEvent(tx, {
					occurredAt: now,
					actorKind: "system",
					action: "worker.bank_details.change_applied",
					objectType: "bank_detail_change",
					objectId: String(id),
					outcome: "success",
				});
				return { to: change.notifiedTo, ibanLast4: change.newIbanLast4, day };
			},
			{ behavior: "immediate" },
		);
		if (!done) continue;
		applied++;
		if (done.to)
			await queueMail(db, {
				template: "bank-details-change-confirmed",
				data: { ibanLast4: done.ibanLast4, effectiveOn: done.day },
				to: done.to,
				idempotencyKey: `bank-details-change-confirmed/${id}`,
				now,
				publicUrl: options.publicUrl,
			});
	}
	return { applied };
}
