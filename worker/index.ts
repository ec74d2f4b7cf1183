// The background worker: runs in the Node host's process (or alone with `npm run worker`). Each
// tick runs the scheduled tasks whose slot has come, then drains the job queue (the `jobs`
// table) in leased batches. On Cloudflare, the same handlers and tasks run behind `queue()` and
// `scheduled()` (hosts/cloudflare.ts).
import { encodeHexLowerCase } from "@oslojs/encoding";
import { leaseJobs } from "../core/queue.ts";
import { yieldToEventLoop } from "../core/yield.ts";
import { type ConsumerDeps, type JobOutcome, runJob } from "./consumer.ts";
import { deliverBulkMails } from "./mail/batch-delivery.ts";
import { MAX_BATCH_SIZE } from "./mail/mailer.ts";
import { scheduledTasks } from "./registry.ts";
import { runDueTasks, type ScheduleDeps, type ScheduleReport } from "./schedules.ts";
import type { ScheduledTask } from "./tasks/task.ts";

export interface WorkerDeps extends ConsumerDeps {
	/** Names this process's leases; random by default. */
	readonly owner?: string;
	/** Visibility timeout: a job leased longer than this is taken again (its worker died). */
	readonly leaseMs?: number;
	readonly batchSize?: number;
	/** The CGU versions of the site's build, for the CGU update notice. */
	readonly cguVersions?: ScheduleDeps["cguVersions"];
}

export interface TickReport {
	readonly schedules: readonly ScheduleReport[];
	readonly jobs: Readonly<Record<JobOutcome, number>>;
}

export interface Worker {
	readonly owner: string;
	/** Runs the due schedules, then the due jobs until none is left (or `maxJobs`), then returns. */
	tick(maxJobs?: number): Promise<TickReport>;
	/** Drains the queue only. */
	drain(maxJobs?: number): Promise<Readonly<Record<JobOutcome, number>>>;
	/** Ticks every `intervalMs` until `stop()`. */
	start(intervalMs?: number): void;
	/** Resolves once the tick in progress, if any, has finished. */
	stop(): Promise<void>;
}

export const DEFAULT_LEASE_MS = 60_000;

export function createWorker(deps: WorkerDeps, tasks: readonly ScheduledTask[] = scheduledTasks): Worker {
	const owner = deps.owner ?? `worker-${encodeHexLowerCase(crypto.getRandomValues(new Uint8Array(6)))}`;
	const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
	// A lease fills a whole provider batch of bulk mails.
	const batchSize = deps.batchSize ?? MAX_BATCH_SIZE;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let running: Promise<unknown> | undefined;
	let stopped = true;
	let stopping = false;

	async function drain(maxJobs = Number.POSITIVE_INFINITY): Promise<Record<JobOutcome, number>> {
		const counts: Record<JobOutcome, number> = { done: 0, retry: 0, deferred: 0, dead: 0, lost: 0 };
		let handled = 0;
		// A stop request ends the drain after the batch in hand (its leases are held).
		while (handled < maxJobs && !stopping) {
			const limit = Math.min(batchSize, maxJobs - handled);
			// While the mail provider is paused (breaker open, Retry-After), mail jobs stay queued
			// untouched instead of being leased and put back one by one.
			const mailPaused = deps.mailer.pausedUntil?.() ?? null;
			const batch = await leaseJobs(deps.db, {
				owner,
				now: deps.clock(),
				leaseMs,
				limit,
				...(mailPaused ? { excludeTypes: ["mail.queued"] } : {}),
			});
			if (batch.length === 0) break;
			const bulk = await deliverBulkMails(deps, batch, owner);
			for (const outcome of bulk.outcomes) counts[outcome]++;
			for (const job of bulk.rest) counts[await runJob(deps, job, owner)]++;
			handled += batch.length;
			await yieldToEventLoop();
		}
		return counts;
	}

	async function tick(maxJobs?: number): Promise<TickReport> {
		const schedules = await runDueTasks(deps, tasks, deps.clock());
		return { schedules, jobs: await drain(maxJobs) };
	}

	function loop(intervalMs: number): void {
		if (stopped) return;
		running = tick()
			.then((report) =>
				deps.logger.debug("worker tick done", { schedules: report.schedules.length, ...report.jobs }),
			)
			.catch((error: unknown) => {
				deps.logger.error("worker tick failed", {
					error: error instanceof Error ? error.message.slice(0, 300) : "unknown",
				});
			})
			.finally(() => {
				running = undefined;
				// The timer keeps the process alive: `npm run worker` is a service that runs until
				// SIGTERM/SIGINT, not a pass that ends when the queue is empty (`--once` is that).
				if (!stopped) timer = setTimeout(() => loop(intervalMs), intervalMs);
			});
	}

	return {
		owner,
		tick,
		drain,
		start(intervalMs = 1000) {
			if (!stopped) return;
			stopped = false;
			stopping = false;
			loop(intervalMs);
		},
		async stop() {
			stopped = true;
			stopping = true;
			if (timer) clearTimeout(timer);
			await running;
		},
	};
}
