// Daily: the audit chain is recomputed end to end. A broken link, or a chain shorter than what
// the previous verification saw (entries cut from the end), raises an alert job.
import { and, desc, eq } from "drizzle-orm";
import { verifyAuditChain } from "../../core/audit.ts";
import { enqueue } from "../../core/queue.ts";
import { taskRuns } from "../../schema/tables/index.ts";
import type { ScheduledTask } from "./task.ts";

export const auditVerify: ScheduledTask = {
	name: "audit-verify",
	cron: "30 2 * * *",
	description: "Vérifie la chaîne d'empreintes du journal d'audit et alerte si elle est rompue.",
	async run({ db, now }) {
		const [previous] = await db
			.select({ counts: taskRuns.counts })
			.from(taskRuns)
			.where(and(eq(taskRuns.taskName, "audit-verify"), eq(taskRuns.outcome, "success")))
			.orderBy(desc(taskRuns.startedAt))
			.limit(1);
		const verification = await verifyAuditChain(db);
		const seenBefore = previous?.counts?.checked ?? 0;
		let firstBrokenSeq: number | undefined;
		if (!verification.ok) firstBrokenSeq = verification.firstBrokenSeq;
		else if (verification.checked < seenBefore) firstBrokenSeq = verification.checked + 1;
		if (firstBrokenSeq !== undefined) {
			await enqueue(
				db,
				{ type: "audit.chain_broken", payload: { firstBrokenSeq, checkedAt: now.toISOString() } },
				{ now, idempotencyKey: `audit.chain_broken:${now.toISOString().slice(0, 10)}:${firstBrokenSeq}` },
			);
			// The run fails, so the next one still compares with the last good length.
			throw new Error(`audit chain broken at entry ${firstBrokenSeq}`);
		}
		return { checked: verification.checked };
	},
};
