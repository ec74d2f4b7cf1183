// Daily, at night: the relevés de prestations of the previous calendar month (in Paris) are
// published (core/adherent/statement-publication.ts), and each member is then e-mailed
// that a statement is available. Publication is idempotent, so running every day rather than on
// the 1st only catches up after an outage and otherwise finds nothing to do.
import { publishStatements } from "../../core/adherent/statement-publication.ts";
import { addMonths, parisDay } from "../../core/calendar.ts";
import type { ScheduledTask } from "./task.ts";

/** `YYYY-MM` of the calendar month before the one `now` falls in, in Paris. */
export function previousMonth(now: Date): string {
	return addMonths(parisDay(now), -1).slice(0, 7);
}

export const statementPublication: ScheduledTask = {
	name: "statement-publication",
	cron: "30 2 * * *",
	description: "Publie les relevés de prestations du mois précédent et prévient les adhérents par e-mail.",
	async run({ db, now }) {
		const { members, statements, lines, lateLines } = await publishStatements(db, {
			month: previousMonth(now),
			now,
			actor: "worker",
		});
		return { members, statements, lines, lateLines };
	},
};
