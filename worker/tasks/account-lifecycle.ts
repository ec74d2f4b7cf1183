// Daily: article 7 of the CGU. When a contract, an affiliation or a tiers-payant agreement ends,
// the account stays usable for two years (`accessUntil`, its last day); its holder is warned 30
// and 7 days before, then the account is closed and its sessions ended. Safe to run twice: each
// warning has its own idempotency key, and a closed account no longer matches.
import { and, eq, inArray, isNotNull, lte } from "drizzle-orm";
import { appendAuditEvent } from "../../core/audit.ts";
import { addDays, addYears, daysBetween, parisDay } from "../../core/calendar.ts";
import { queueMail } from "../../core/send-mail.ts";
import { accounts } from "../../schema/tables/index.ts";
import { endAccountSessions } from "./end-account-sessions.ts";
import type { ScheduledTask } from "./task.ts";

export const WARNING_DAYS = [30, 7] as const;

export const accountLifecycle: ScheduledTask = {
	name: "account-lifecycle",
	cron: "30 2 * * *",
	description:
		"Prévient 30 et 7 jours avant la fermeture d'un compte deux ans après la fin du contrat, puis le ferme.",
	async run({ db, now, config }) {
		const today = parisDay(now);
		const horizon = addDays(today, WARNING_DAYS[0]);
		const due = await db
			.select()
			.from(accounts)
			.where(
				and(
					inArray(accounts.state, ["active", "suspended", "pending"]),
					isNotNull(accounts.accessUntil),
					lte(accounts.accessUntil, horizon),
				),
			);
		let warned = 0;
		let closed = 0;
		for (const account of due) {
			const lastDay = account.accessUntil as string;
			const ended = account.space === "professionnel" ? "tiers-payant-agreement" : "contract";
			if (lastDay < today) {
				await db.transaction(
					async (tx) => {
						const updated = await tx
							.update(accounts)
							.set({ state: "closed", stateReason: "access_period_ended", closedAt: now, updatedAt: now })
							.where(
								and(eq(accounts.id, account.id), inArray(accounts.state, ["active", "suspended", "pending"])),
							)
							.returning({ id: accounts.id });
						if (updated.length === 0) return;
						await endAccountSessions(tx, account.id);
						await queueMail(tx, {
							template: "account-closed",
							data: {
								closedOn: today,
								reason: ended === "contract" ? "contract-ended" : "tiers-payant-agreement-ended",
							},
							to: account.email,
							accountId: account.id,
							idempotencyKey: `account-closed/${account.id}`,
							now,
							publicUrl: config.publicUrl,
						});
						await appendAuditEvent(tx, {
							occurredAt: now,
							accountId: account.id,
							actorKind: "system",
							action: "worker.account.closed",
							objectType: "account",
							objectId: String(account.id),
							outcome: "success",
							details: { reason: "access_period_ended", accessUntil: lastDay },
						});
						closed++;
					},
					{ behavior: "immediate" },
				);
				continue;
			}
			const daysLeft = daysBetween(today, lastDay) + 1;
			// The tightest warning whose window has opened: J-7 replaces J-30 once within a week.
			const threshold = [...WARNING_DAYS].reverse().find((days) => daysLeft <= days);
			if (threshold === undefined) continue;
			const { created } = await queueMail(db, {
				template: "account-closing-soon",
				data: {
					daysLeft,
					closesOn: addDays(lastDay, 1),
					endedOn: addYears(lastDay, -2),
					ended,
					statementsPath: account.space === "adherent" ? "/adherent/releves" : "/connexion",
				},
				to: account.email,
				accountId: account.id,
				idempotencyKey: `account-closing-soon/${account.id}/${lastDay}/J-${threshold}`,
				now,
				publicUrl: config.publicUrl,
			});
			if (created) warned++;
		}
		return { examined: due.length, warned, closed };
	},
};
