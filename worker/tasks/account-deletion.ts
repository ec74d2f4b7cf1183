// Daily: article 7 of the CGU ("à tout moment, l'utilisateur peut demander la suppression de son
// compte personnel"). A deletion request is carried out once its grace period (during which the
// holder may cancel it) has passed: credentials erased, sessions ended, the account marked
// deleted. The insurer's records that the law requires (contracts, reimbursements) are kept
// apart (GDPR art. 17(3)(b)); the audit trail holds identifiers only and stays intact.
import { and, eq, inArray, lte } from "drizzle-orm";
import { ACCOUNT_DELETION_GRACE_DAYS } from "../../core/account-closure.ts";
import { parisDay } from "../../core/calendar.ts";
import { changeRequestStatus, OPEN_REQUEST_STATUSES } from "../../core/requests.ts";
import { queueMail } from "../../core/send-mail.ts";
import { accounts, requests } from "../../schema/tables/index.ts";
import { endAccountSessions } from "./end-account-sessions.ts";
import type { ScheduledTask } from "./task.ts";

export const accountDeletion: ScheduledTask = {
	name: "account-deletion",
	cron: "30 2 * * *",
	description: "Supprime les comptes dont la demande de suppression a passé son délai de rétractation.",
	async run({ db, now, config }) {
		const cutoff = new Date(now.getTime() - ACCOUNT_DELETION_GRACE_DAYS * 86_400_000);
		const due = await db
			.select({ id: requests.id, accountId: requests.accountId, status: requests.status })
			.from(requests)
			.where(
				and(
					eq(requests.kind, "account_deletion"),
					inArray(requests.status, [...OPEN_REQUEST_STATUSES]),
					lte(requests.createdAt, cutoff),
				),
			);
		let deleted = 0;
		for (const request of due) {
			if (request.accountId === null) continue;
			const accountId = request.accountId;
			await db.transaction(
				async (tx) => {
					const [account] = await tx.select().from(accounts).where(eq(accounts.id, accountId));
					if (!account) return;
					if (account.state !== "deleted") {
						// Before erasing the address: the confirmation goes to the holder one last time.
						await queueMail(tx, {
							template: "account-closed",
							data: { closedOn: parisDay(now), reason: "user-request" },
							to: account.email,
							accountId,
							idempotencyKey: `account-deleted/${accountId}`,
							now,
							publicUrl: config.publicUrl,
						});
						await tx
							.update(accounts)
							.set({
								state: "deleted",
								stateReason: "user_request",
								deletedAt: now,
								email: `compte-supprime-${accountId}@invalid`,
								passwordHash: null,
								totpSecret: null,
								totpEnabled: false,
								recoveryCodeHashes: null,
								updatedAt: now,
							})
							.where(eq(accounts.id, accountId));
						await endAccountSessions(tx, accountId);
						deleted++;
					}
					await changeRequestStatus(tx, {
						request,
						to: "closed",
						closes: true,
						note: "Compte supprimé à l'issue du délai de rétractation.",
						changedByAccountId: null,
						audit: { accountId, actorKind: "system", action: "worker.account.deleted" },
						now,
					});
				},
				{ behavior: "immediate" },
			);
		}
		return { requests: due.length, deleted };
	},
};
