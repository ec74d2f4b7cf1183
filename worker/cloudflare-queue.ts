// Cloudflare host: the outbox (`jobs` table) is relayed to Cloudflare Queues right after a
// commit and again by the 5-minute cron for any row left behind; the consumer runs the same
// handlers as the Node worker, `ack()`s on success or permanent failure and `retry()`s with a
// delay on a transient one (the job's attempts are counted in the database, as on Node, and a
// rate limit or an open breaker is not one). After `max_retries` (wrangler.toml) Cloudflare moves
// the message to the dead-letter queue, whose consumer marks the job dead in the database.
import { eq } from "drizzle-orm";
import { z } from "zod";
import {
	backoffMs,
	completeJob,
	countFailedAttempt,
	extendLease,
	leaseJobs,
	markJobDead,
} from "../core/queue.ts";
import { parseMessage } from "../schema/messages.ts";
import { jobs } from "../schema/tables/index.ts";
import type { ConsumerDeps } from "./consumer.ts";
import { DeferredJobError, type HandlerContext, PermanentJobError } from "./handlers/context.ts";
import { handle } from "./handlers/index.ts";

export const CLOUDFLARE_OWNER = "cloudflare-queue";
/** A relayed job not acknowledged within this time is relayed again (its message was lost). */
export const RELAY_LEASE_MS = 15 * 60_000;
/** Cloudflare Queues delays a retry by 12 hours at most. */
const MAX_DELAY_SECONDS = 12 * 60 * 60;

export interface QueueProducer {
	sendBatch(messages: readonly { body: unknown }[]): Promise<unknown>;
}

export interface QueueMessage {
	readonly id: string;
	readonly body: unknown;
	readonly attempts: number;
	ack(): void;
	retry(options?: { delaySeconds?: number }): void;
}

const bodySchema = z.strictObject({ jobId: z.number().int().positive() });

/** Leases the due outbox rows for the queue and sends their ids; returns how many. */
export async function relayOutbox(
	db: ConsumerDeps["db"],
	queue: QueueProducer,
	now: Date,
	limit = 100,
): Promise<number> {
	const batch = await leaseJobs(db, { owner: CLOUDFLARE_OWNER, now, leaseMs: RELAY_LEASE_MS, limit });
	if (batch.length === 0) return 0;
	// If the send fails, the leases expire and the cron relays these rows again.
	await queue.sendBatch(batch.map((job) => ({ body: { jobId: job.id } })));
	return batch.length;
}

export async function consumeMessage(deps: ConsumerDeps, message: QueueMessage): Promise<"ack" | "retry"> {
	const now = deps.clock();
	const body = bodySchema.safeParse(message.body);
	if (!body.success) {
		deps.logger.warn("queue message refused", { messageId: message.id, reason: "malformed body" });
		message.ack();
		return "ack";
	}
	const { jobId } = body.data;
	const [job] = await deps.db.select().from(jobs).where(eq(jobs.id, jobId));
	if (!job || job.status === "done" || job.status === "dead") {
		message.ack();
		return "ack";
	}
	const parsed = parseMessage(job.type, job.payload);
	if (!parsed.ok) {
		await markJobDead(deps.db, jobId, parsed.reason, now);
		message.ack();
		return "ack";
	}
	const context: HandlerContext = {
		db: deps.db,
		logger: deps.logger,
		now,
		mailer: deps.mailer,
		config: deps.config,
		jobId,
	};
	try {
		await handle(parsed.message, context);
	} catch (error) {
		const reason = `${error instanceof Error ? error.name : "Error"}: ${error instanceof Error ? error.message : String(error)}`;
		if (error instanceof PermanentJobError) {
			await markJobDead(deps.db, jobId, reason, now);
			message.ack();
			return "ack";
		}
		// The provider asked to wait (429, Retry-After) or the breaker holds mail back: retry after
		// that delay, without an attempt counted against the job. Cloudflare counts every retry,
		// so its max_retries (wrangler.toml) is set well above the job's own maximum.
		const deferred = error instanceof DeferredJobError;
		const attempts = deferred ? job.attempts : await countFailedAttempt(deps.db, jobId, reason, now);
		if (!deferred && attempts > job.maxAttempts) {
			await markJobDead(deps.db, jobId, reason, now);
			message.ack();
			return "ack";
		}
		const delayMs = deferred ? error.retryAfterMs : backoffMs(Math.max(1, attempts - 1), deps.random());
		await extendLease(
			deps.db,
			jobId,
			CLOUDFLARE_OWNER,
			new Date(now.getTime() + delayMs + RELAY_LEASE_MS),
			reason,
			now,
		);
		message.retry({ delaySeconds: Math.min(MAX_DELAY_SECONDS, Math.max(1, Math.ceil(delayMs / 1000))) });
		return "retry";
	}
	await completeJob(deps.db, job, CLOUDFLARE_OWNER, deps.clock());
	message.ack();
	return "ack";
}

/** The dead-letter queue's consumer: Cloudflare gave up on these messages after max_retries. */
export async function consumeDeadLetter(deps: ConsumerDeps, message: QueueMessage): Promise<void> {
	const body = bodySchema.safeParse(message.body);
	if (body.success) {
		await markJobDead(deps.db, body.data.jobId, "retries exhausted on Cloudflare Queues", deps.clock());
	}
	message.ack();
}
