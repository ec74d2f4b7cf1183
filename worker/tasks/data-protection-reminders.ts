// Daily: GDPR art. 12(3) gives one month to answer a data-protection request. Staff are
// reminded of every open request whose deadline is a week away or less (once per request and
// day of deadline), so that none lapses unnoticed.
import { and, eq, inArray, isNotNull, lte } from "drizzle-orm";
import { parisDay } from "../../core/calendar.ts";
import { queueMail } from "../../core/send-mail.ts";
import { type DataProtectionRight, dataProtectionRights } from "../../schema/enums.ts";
import { accounts, requests } from "../../schema/tables/index.ts";
import type { ScheduledTask } from "./task.ts";

export const REMINDER_DAYS_BEFORE_DEADLINE = 7;
const OPEN = ["received", "acknowledged", "in_progress"] as const;

function rightOf(payload: Record<string, unknown>): DataProtectionRight {
	const right = payload.right;
	return typeof right === "string" && (dataProtectionRights as readonly string[]).includes(right)
		? (right as DataProtectionRight)
		: "access";
}

export const dataProtectionReminders: ScheduledTask = {
	name: "data-protection-reminders",
	cron: "30 2 * * *",
	description:
		"Rappelle au personnel les demandes sur les données personnelles proches de leur échéance d'un mois.",
	async run({ db, now, config }) {
		const horizon = new Date(now.getTime() + REMINDER_DAYS_BEFORE_DEADLINE * 86_400_000);
		const due = await db
			.select({
				id: requests.id,
				reference: requests.reference,
				payload: requests.payload,
				answerBy: requests.answerBy,
			})
			.from(requests)
			.where(
				and(
					eq(requests.kind, "data_protection"),
					inArray(requests.status, [...OPEN]),
					isNotNull(requests.answerBy),
					lte(requests.answerBy, horizon),
				),
			);
		if (due.length === 0) return { requests: 0, reminders: 0 };
		const staff = await db
			.select({ id: accounts.id, email: accounts.email })
			.from(accounts)
			.where(and(eq(accounts.space, "gestionnaire"), eq(accounts.state, "active")));
		let reminders = 0;
		for (const request of due) {
			for (const member of staff) {
				const { created } = await queueMail(db, {
					template: "data-protection-request-reminder",
					data: {
						reference: request.reference,
						right: rightOf(request.payload),
						answerDueBy: parisDay(request.answerBy as Date),
						requestPath: `/gestion/demandes/${request.id}`,
					},
					to: member.email,
					accountId: member.id,
					idempotencyKey: `dp-reminder/${request.id}/${member.id}`,
					now,
					publicUrl: config.publicUrl,
				});
				if (created) reminders++;
			}
		}
		return { requests: due.length, reminders };
	},
};
