// Every 5 minutes: the companies' bank-details changes whose 48-hour cooling-off period is over
// take effect (core/employeur/bank-details.ts); the contact address is told. Safe to run twice.
import { applyDueBankChanges } from "../../core/employeur/bank-details.ts";
import type { ScheduledTask } from "./task.ts";

export const bankDetailChanges: ScheduledTask = {
	name: "bank-detail-changes",
	cron: "*/5 * * * *",
	description:
		"Applique les changements de coordonnées bancaires des entreprises après leur délai de 48 heures.",
	async run({ db, now, config }) {
		return applyDueBankChanges(db, { now, publicUrl: config.publicUrl });
	},
};
