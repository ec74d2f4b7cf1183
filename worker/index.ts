// The background worker: runs in the Node host's process (or alone with `npm run worker`), and
// behind the Cloudflare Worker's `queue()` and `scheduled()` handlers. It drains due work in
// ticks; the job handlers and the schedules are registered in `worker/registry.ts`.
import type { Logger } from "../edge/lib/logger.ts";
import type { Database } from "../schema/db.ts";
import { type ScheduledTask, scheduledTasks } from "./registry.ts";

export interface WorkerDeps {
	readonly db: Database;
	readonly logger: Logger;
	readonly clock: () => Date;
}

export interface TickReport {
	readonly schedulesRun: number;
}

export interface Worker {
	/** Runs what is due now once (schedules whose time has come), then returns. */
	tick(): Promise<TickReport>;
	/** Runs a tick every `intervalMs` until `stop()`. */
	start(intervalMs?: number): void;
	/** Resolves once the tick in progress, if any, has finished. */
	stop(): Promise<void>;
}

export function createWorker(deps: WorkerDeps, tasks: readonly ScheduledTask[] = scheduledTasks): Worker {
	const lastRun = new Map<string, number>();
	let timer: ReturnType<typeof setTimeout> | undefined;
	let running: Promise<TickReport> | undefined;
	let stopped = true;

	async function tick(): Promise<TickReport> {
		const now = deps.clock();
		let schedulesRun = 0;
		for (const task of tasks) {
			const previous = lastRun.get(task.name);
			const due = previous === undefined ? task.isDue(now, undefined) : task.isDue(now, new Date(previous));
			if (!due) continue;
			lastRun.set(task.name, now.getTime());
			try {
				await task.run({ db: deps.db, logger: deps.logger, now });
				schedulesRun++;
			} catch (error) {
				deps.logger.error("scheduled task failed", { task: task.name, error: error instanceof Error ? error.name : "unknown" });
			}
		}
		return { schedulesRun };
	}

	function loop(intervalMs: number): void {
		if (stopped) return;
		running = tick().finally(() => {
			running = undefined;
			if (!stopped) timer = setTimeout(() => loop(intervalMs), intervalMs);
			timer?.unref?.();
		});
	}

	return {
		tick,
		start(intervalMs = 1000) {
			if (!stopped) return;
			stopped = false;
			loop(intervalMs);
		},
		async stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			await running;
		},
	};
}
