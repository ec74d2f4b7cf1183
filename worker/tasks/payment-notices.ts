// Daily, in the morning: a member is told by e-mail when a reimbursement was paid to them (the
// date only: no amount, act or beneficiary, which are health data), once per payment.
import { notifyPaymentsMade } from "../../core/adherent/prestations.ts";
import type { ScheduledTask } from "./task.ts";

export const paymentNotices: ScheduledTask = {
	name: "payment-notices",
	cron: "0 7 * * *",
	description: "Prévient les adhérents par e-mail des remboursements versés (la date seulement).",
	async run({ db, now, config }) {
		const { payments, queued } = await notifyPaymentsMade(db, { now, publicUrl: config.publicUrl });
		return { payments, queued };
	},
};
