// "Signaler une utilisation frauduleuse" (article 2 of the CGU: the user reports "dans les plus
// brefs délais toute utilisation frauduleuse de son identifiant ou de son mot de passe"), from
// the single-use link of a security e-mail or from the signed-in security page. At once: sign-in
// blocked (suspended, reason `fraud_report`), every session ended, pending links voided, an
// incident for staff (a `fraud_report` request, status `received`, with its history and a
// reference such as F2026-000123), an acknowledgement e-mail and the audit entries.
//
// How the holder gets back in: the acknowledgement carries a reset link (30 minutes, single
// use) that lets them replace the possibly stolen password right away, but the account stays
// suspended until staff have checked the operations and reopen it (`npm run account -- reopen`);
// after that, the new password works, or a new link can be asked for as usual.
//
// A second report while the first is open does nothing more: no new incident, no new e-mail.
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { accounts, oneTimeTokens, requests } from "../schema/tables/index.ts";
import { writeAccountState } from "./account-state.ts";
import { appendAuditEvent } from "./audit.ts";
import type { RandomBytes } from "./password.ts";
import { AFTER_FRAUD_REPORT, newResetLink, resetPath } from "./password-reset.ts";
import { nextRequestReference } from "./request-reference.ts";
import { OPEN_REQUEST_STATUSES, openRequest } from "./requests.ts";
import { queueMail } from "./send-mail.ts";
import { invalidateAccountSessions } from "./session.ts";

export const FRAUD_REPORT_REASON = "fraud_report";

export interface FraudReportInput {
	readonly accountId: number;
	/** The e-mailed link, or the signed-in security page. */
	readonly via: "link" | "session";
	readonly sessionId?: string | null;
	readonly now: Date;
	readonly publicUrl: URL;
	readonly randomBytes: RandomBytes;
	readonly ipKey?: string | null;
	readonly correlationId?: string | null;
	/** The line of the activity log (an audit entry's seq) the holder does not recognise, if any. */
	readonly relatedAuditSeq?: number | null;
}

export type FraudReportResult =
	| {
			readonly ok: true;
			readonly reference: string;
			readonly repeated: boolean;
			readonly sessionsEnded: number;
	  }
	| { readonly ok: false; readonly reason: "unknown_account" | "deleted" };

type Reader = Pick<Database, "select">;

/** The open fraud incident of a blocked account, if any: then a new report adds nothing. */
async function openReport(db: Reader, accountId: number): Promise<{ reference: string } | undefined> {
	const [row] = await db
		.select({ reference: requests.reference })
		.from(requests)
		.innerJoin(accounts, eq(accounts.id, requests.accountId))
		.where(
			and(
				eq(requests.accountId, accountId),
				eq(requests.kind, "fraud_report"),
				inArray(requests.status, [...OPEN_REQUEST_STATUSES]),
				inArray(accounts.state, ["suspended", "closed"]),
			),
		)
		.orderBy(desc(requests.id))
		.limit(1);
	return row;
}

export async function reportFraud(db: Database, input: FraudReportInput): Promise<FraudReportResult> {
	const { accountId, now } = input;
	const [account] = await db.select().from(accounts).where(eq(accounts.id, accountId));
	if (!account) return { ok: false, reason: "unknown_account" };
	if (account.state === "deleted") return { ok: false, reason: "deleted" };
	const audit = {
		occurredAt: now,
		accountId,
		sessionId: input.sessionId ?? null,
		actorKind: "account",
		objectType: "account",
		objectId: String(accountId),
		outcome: "success",
		correlationId: input.correlationId ?? null,
		ipHash: input.ipKey ?? null,
	} as const;
	const known = await openReport(db, accountId);
	// Written before the transaction: the token helpers take the database, not a transaction.
	const reset = known
		? null
		: await newResetLink(db, accountId, now, input.randomBytes, { [AFTER_FRAUD_REPORT]: true });
	return db.transaction(
		async (tx): Promise<FraudReportResult> => {
			const [current] = await tx.select().from(accounts).where(eq(accounts.id, accountId));
			if (!current) return { ok: false, reason: "unknown_account" };
			if (current.state === "deleted") return { ok: false, reason: "deleted" };
			const already = await openReport(tx, accountId);
			if (already || !reset) {
				// A report that lost a race to another one leaves no extra live link behind.
				if (reset) await tx.update(oneTimeTokens).set({ usedAt: now }).where(eq(oneTimeTokens.id, reset.id));
				await appendAuditEvent(tx, {
					...audit,
					action: "account.fraud_report",
					details: { via: input.via, repeated: true },
				});
				return { ok: true, reference: (already ?? known)?.reference ?? "", repeated: true, sessionsEnded: 0 };
			}
			// A closed account stays closed (its sessions are already gone); any other is suspended.
			const suspend = current.state !== "closed";
			const sessionsEnded = suspend
				? await writeAccountState(tx, current, "suspended", FRAUD_REPORT_REASON, now, reset.id)
				: await invalidateAccountSessions(tx, accountId);
			const reference = await nextRequestReference(tx, "fraud_report", now);
			const { requestId } = await openRequest(tx, {
				kind: "fraud_report",
				reference,
				accountId,
				payload: {
					via: input.via,
					previousState: current.state,
					...(input.relatedAuditSeq ? { relatedAuditSeq: input.relatedAuditSeq } : {}),
				},
				note:
					input.via === "link"
						? "Signalé depuis le lien d'un e-mail de sécurité"
						: "Signalé depuis l'espace connecté",
				now,
				audit: {
					...audit,
					action: "account.fraud_report",
					objectType: "request",
					objectId: reference,
					details: {
						via: input.via,
						repeated: false,
						sessionsEnded,
						...(input.relatedAuditSeq ? { relatedAuditSeq: input.relatedAuditSeq } : {}),
					},
				},
			});
			await queueMail(tx, {
				template: "fraud-report-acknowledged",
				data: { reference, reportedAt: now, resetPath: resetPath(reset.token) },
				to: current.email,
				accountId,
				idempotencyKey: `fraud-report-acknowledged/${requestId}`,
				now,
				publicUrl: input.publicUrl,
			});
			if (suspend) {
				await appendAuditEvent(tx, {
					...audit,
					action: "account.state.suspend",
					details: { from: current.state, to: "suspended", reason: FRAUD_REPORT_REASON, sessionsEnded },
				});
			}
			return { ok: true, reference, repeated: false, sessionsEnded };
		},
		{ behavior: "immediate" },
	);
}
