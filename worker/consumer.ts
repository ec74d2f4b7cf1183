// Runs one leased job: parse its message again (the queue is a boundary), call its handler,
// then mark it done, retry it later, or move it to the dead letters with the reason.

import type { Config } from "../core/config.ts";
import type { Logger } from "../core/logger.ts";
import { completeJob, deferJob, failJob, type Job } from "../core/queue.ts";
import type { DocumentStorage } from "../core/storage.ts";
import type { Database } from "../db/client.ts";
import { parseMessage } from "../schema/messages.ts";
import { DeferredJobError, type HandlerContext, PermanentJobError } from "./handlers/context.ts";
import { handle } from "./handlers/index.ts";
import type { Mailer } from "./mail/mailer.ts";

export interface ConsumerDeps {
	readonly db: Database;
	readonly logger: Logger;
	readonly clock: () => Date;
	/** Uniform in [0, 1), for the backoff jitter. */
	readonly random: () => number;
	readonly mailer: Mailer;
	readonly config: Pick<Config, "publicUrl" | "env">;
	readonly storage?: DocumentStorage | undefined;
}

/** `deferred`: back in the queue for later without an attempt counted (the provider asked to wait). */
export type JobOutcome = "done" | "retry" | "deferred" | "dead" | "lost";

export async function runJob(deps: ConsumerDeps, job: Job, owner: string): Promise<JobOutcome> {
	const parsed = parseMessage(job.type, job.payload);
	if (!parsed.ok) {
		deps.logger.warn("job dead-lettered", {
			jobId: job.id,
			type: job.type.slice(0, 80),
			reason: parsed.reason,
		});
		return failJob(
			deps.db,
			job,
			owner,
			{ retryable: false, error: parsed.reason },
			deps.clock(),
			deps.random(),
		);
	}
	const context: HandlerContext = {
		db: deps.db,
		logger: deps.logger,
		now: deps.clock(),
		mailer: deps.mailer,
		config: deps.config,
		jobId: job.id,
		storage: deps.storage,
	};
	try {
		await handle(parsed.message, context);
	} catch (error) {
		if (error instanceof DeferredJobError) {
			const now = deps.clock();
			const until = new Date(now.getTime() + error.retryAfterMs);
			return deferJob(deps.db, job, owner, until, `${error.name}: ${error.message}`, now);
		}
		const retryable = !(error instanceof PermanentJobError);
		const reason = `${error instanceof Error ? error.name : "Error"}: ${error instanceof Error ? error.message : String(error)}`;
		const outcome = await failJob(
			deps.db,
			job,
			owner,
			{ retryable, error: reason },
			deps.clock(),
			deps.random(),
		);
		deps.logger.warn("job failed", { jobId: job.id, type: job.type, attempt: job.attempts, outcome });
		return outcome;
	}
	// A lease that expired meanwhile belongs to another worker now: it will find the work done.
	return (await completeJob(deps.db, job, owner, deps.clock())) ? "done" : "lost";
}
