// Staff actions on an account's state (article 7 of the CGU), the one service behind the
// back-office's buttons and `npm run account`: suspend, reopen, close, each with its reason,
// the user told by e-mail in the same transaction, every session ended at once on suspend and
// close (core/account-state.ts). Reopening an account blocked by a fraud report also ends the
// incident and sends a fresh single-use password link, since the old password may be known to
// whoever misused it.
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { AccountState } from "../../schema/enums.ts";
import { accounts, oneTimeTokens } from "../../schema/tables/index.ts";
import {
	closeAccount,
	reopenAccount,
	type StateActor,
	type StateChange,
	type StateChangeResult,
	suspendAccount,
	type Transaction,
} from "../account-state.ts";
import type { RandomBytes } from "../password.ts";
import { newResetLink, resetPath } from "../password-reset.ts";
import { changeRequestStatus, findOpenRequest } from "../requests.ts";
import { queueMail } from "../send-mail.ts";

export interface StaffStateChangeInput {
	readonly change: StateChange;
	readonly identifier: string;
	readonly reason: string;
	readonly now: Date;
	readonly actor: StateActor;
	readonly publicUrl: URL;
	readonly randomBytes: RandomBytes;
}

export type StaffStateChangeResult = StateChangeResult & {
	/** The fraud incident ended by a reopening, with a new password link sent. */
	readonly fraudReportClosed?: string | null;
};

const ACTIONS = { suspend: suspendAccount, reopen: reopenAccount, close: closeAccount } as const;
const MAIL_CHANGE = { suspend: "suspended", close: "closed", reopen: "reopened" } as const;

export async function changeAccountStateAsStaff(
	db: Database,
	input: StaffStateChangeInput,
): Promise<StaffStateChangeResult> {
	const { now } = input;
	const [account] = await db
		.select({ id: accounts.id, state: accounts.state })
		.from(accounts)
		.where(eq(accounts.identifier, input.identifier));
	const incident =
		account && input.change === "reopen" ? await findOpenRequest(db, account.id, "fraud_report") : undefined;
	// The token helpers write through the database, not a transaction: the link is made first and
	// voided again below when the reopening is refused.
	const link = account && incident ? await newResetLink(db, account.id, now, input.randomBytes) : undefined;
	let fraudReportClosed: string | null = null;
	const within = async (tx: Transaction, target: typeof accounts.$inferSelect, to: AccountState) => {
		const reason = input.reason.trim().slice(0, 200);
		await queueMail(tx, {
			template: "account-status-changed",
			data: { change: MAIL_CHANGE[input.change], reason },
			to: target.email,
			accountId: target.id,
			idempotencyKey: `account-status-changed/${target.id}/${input.change}/${now.getTime()}`,
			now,
			publicUrl: input.publicUrl,
		});
		if (!incident || !link || to === "suspended" || to === "closed") return;
		await changeRequestStatus(tx, {
			request: incident,
			to: "closed",
			closes: true,
			note: "Compte rouvert après vérification ; nouveau lien de mot de passe envoyé.",
			changedByAccountId: input.actor.accountId ?? null,
			now,
			audit: {
				accountId: input.actor.accountId ?? null,
				sessionId: input.actor.sessionId ?? null,
				correlationId: input.actor.correlationId ?? null,
				actorKind: "staff",
				action: "gestion.fraud_report.closed",
				details: { account: target.id, via: input.actor.via ?? null },
			},
		});
		await queueMail(tx, {
			template: "password-reset",
			data: { resetPath: resetPath(link.token) },
			to: target.email,
			accountId: target.id,
			idempotencyKey: `fraud-report-reopened/${incident.id}`,
			now,
			publicUrl: input.publicUrl,
		});
		fraudReportClosed = incident.reference;
	};
	const result = await ACTIONS[input.change](db, {
		identifier: input.identifier,
		reason: input.reason,
		now,
		actor: input.actor,
		within,
	});
	if (link && !fraudReportClosed)
		await db.update(oneTimeTokens).set({ usedAt: now }).where(eq(oneTimeTokens.id, link.id));
	return { ...result, fraudReportClosed };
}
