// Daily: when a new version of the CGU is announced (from 30 days before its effective date) or
// in force, every active account that has not accepted it yet is told by e-mail, once per
// version (article 2: the user must have read and accepted the CGU in force). The acceptance
// itself happens at the next sign-in (edge/middleware/auth.ts).
import { and, eq, gt, notExists } from "drizzle-orm";
import { addDays, parisDay } from "../../core/calendar.ts";
import { queueMail } from "../../core/send-mail.ts";
import { yieldToEventLoop } from "../../core/yield.ts";
import { accounts, cguAcceptances } from "../../schema/tables/index.ts";
import type { ScheduledTask } from "./task.ts";

export const ANNOUNCE_DAYS_BEFORE = 30;
const BATCH = 500;

export const cguUpdateNotice: ScheduledTask = {
	name: "cgu-update-notice",
	cron: "30 2 * * *",
	description: "Prévient par e-mail les titulaires de compte d'une nouvelle version des CGU.",
	async run({ db, now, config, cguVersions }) {
		if (!cguVersions) return { versions: 0, notices: 0 };
		const today = parisDay(now);
		const versions = [...(await cguVersions())].sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : 1));
		// The first version was accepted at sign-up by everyone: only later ones are news.
		const announced = versions
			.slice(1)
			.filter((version) => version.effectiveDate <= addDays(today, ANNOUNCE_DAYS_BEFORE));
		const latest = announced.at(-1);
		if (!latest) return { versions: 0, notices: 0 };
		let notices = 0;
		let after = 0;
		for (;;) {
			const batch = await db
				.select({ id: accounts.id, email: accounts.email })
				.from(accounts)
				.where(
					and(
						eq(accounts.state, "active"),
						gt(accounts.id, after),
						notExists(
							db
								.select({ id: cguAcceptances.id })
								.from(cguAcceptances)
								.where(
									and(eq(cguAcceptances.accountId, accounts.id), eq(cguAcceptances.version, latest.version)),
								),
						),
					),
				)
				.orderBy(accounts.id)
				.limit(BATCH);
			if (batch.length === 0) break;
			await db.transaction(async (tx) => {
				for (const account of batch) {
					const { created } = await queueMail(tx, {
						template: "cgu-update",
						data: {
							version: latest.version,
							effectiveOn: latest.effectiveDate,
							changesPath: `${latest.url}/changements`,
						},
						to: account.email,
						accountId: account.id,
						idempotencyKey: `cgu-update/${latest.version}/${account.id}`,
						now,
						publicUrl: config.publicUrl,
					});
					if (created) notices++;
				}
			});
			after = batch.at(-1)?.id ?? after;
			await yieldToEventLoop();
		}
		return { versions: 1, notices };
	},
};
