// Daily: the audit chain is recomputed end to end. A broken link, or a chain shorter than what
// the previous verification saw (entries cut from the end), raises an alert job.
import { and, desc, eq } from "drizzle-orm";
import { verifyAuditChain } from "../../core/audit.ts";
import { enqueue } from "../../core/queue.ts";
import { taskRuns } from "../../schema/tables/index.ts";
import type { ScheduledTask } from "./task.ts";

const MAX_SEQS_IN_ALERT = 1_000;

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
		const brokenSeqs = verification.ok ? [] : verification.broken.map((link) => link.seq);
		// Entries cut from the end leave no broken link behind them: the length tells.
		if (verification.checked < seenBefore) brokenSeqs.push(verification.checked + 1);
		const [firstBrokenSeq] = brokenSeqs;
		if (firstBrokenSeq !== undefined) {
			await enqueue(
				db,
				{
					type: "audit.chain_broken",
					payload: {
						firstBrokenSeq,
						// Every broken link, so that a later tampering is not hidden behind the first one
						// (bounded: a queue message stays small; the count and the CLI tell the rest).
						brokenSeqs: brokenSeqs.slice(0, MAX_SEQS_IN_ALERT),
						brokenCount: brokenSeqs.length,
						checkedAt: now.toISOString(),
					},
				},
				{
					now,
					idempotencyKey: `audit.chain_broken:${now.toISOString().slice(0, 10)}:${brokenSeqs.join(",").slice(0, 200)}`,
				},
			);
			// The run fails, so the next one still compares with the last good length.
			const listed = brokenSeqs.slice(0, MAX_SEQS_IN_ALERT).join(", ");
			throw new Error(`audit chain broken at ${brokenSeqs.length === 1 ? "entry" : "entries"} ${listed}`);
		}
		return { checked: verification.checked };
	},
};
