// Every 5 minutes: the bank-details changes whose 48-hour cooling-off period is over take effect,
// the companies' (core/employeur/bank-details.ts) and the practices' (core/professionnel/
// bank-account.ts); the contact address is told. Safe to run twice.
import { applyDueBankChanges } from "../../core/employeur/bank-details.ts";
import { applyDuePracticeBankChanges } from "../../core/professionnel/bank-account.ts";
import type { ScheduledTask } from "./task.ts";

export const bankDetailChanges: ScheduledTask = {
	name: "bank-detail-changes",
	cron: "*/5 * * * *",
	description:
		"Applique les changements de coordonnées bancaires des entreprises et des cabinets après leur délai de 48 heures.",
	async run({ db, now, config }) {
		const companies = await applyDueBankChanges(db, { now, publicUrl: config.publicUrl });
		const practices = await applyDuePracticeBankChanges(db, { now, publicUrl: config.publicUrl });
		return { applied: companies.applied, practicesApplied: practices.applied };
	},
};
