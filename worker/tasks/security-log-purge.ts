// Daily: security and delivery logs are kept 12 months (CNIL guidance on access logs), then
// deleted: sign-in throttling records, finished jobs and the e-mails sent. The audit trail is
// not a log but the insurer's proof: it is never purged here (triggers refuse it anyway).
import { and, inArray, lt } from "drizzle-orm";
import { jobs, outgoingMails, signInThrottles } from "../../schema/tables/index.ts";
import type { ScheduledTask } from "./task.ts";

export const SECURITY_LOG_RETENTION_DAYS = 365;

export const securityLogPurge: ScheduledTask = {
	name: "security-log-purge",
	cron: "30 2 * * *",
	description: "Supprime les journaux de sécurité et d'envoi de plus de 12 mois.",
	async run({ db, now }) {
		const cutoff = new Date(now.getTime() - SECURITY_LOG_RETENTION_DAYS * 86_400_000);
		const throttles = await db
			.delete(signInThrottles)
			.where(lt(signInThrottles.windowStartedAt, cutoff))
			.returning({ key: signInThrottles.key });
		const finishedJobs = await db
			.delete(jobs)
			.where(and(inArray(jobs.status, ["done", "dead"]), lt(jobs.updatedAt, cutoff)))
			.returning({ id: jobs.id });
		const mails = await db
			.delete(outgoingMails)
			.where(and(inArray(outgoingMails.status, ["sent", "failed"]), lt(outgoingMails.createdAt, cutoff)))
			.returning({ id: outgoingMails.id });
		return { throttles: throttles.length, jobs: finishedJobs.length, mails: mails.length };
	},
};
