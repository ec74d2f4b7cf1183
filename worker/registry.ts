// The one registry of scheduled tasks, shared by both hosts: the Node worker loop asks each task
// whether it is due; `wrangler.toml`'s cron triggers are checked against it by a test.
import { Cron } from "croner";
import type { Logger } from "../edge/lib/logger.ts";
import type { Database } from "../schema/db.ts";

export interface TaskContext {
	readonly db: Database;
	readonly logger: Logger;
	readonly now: Date;
}

export interface ScheduledTask {
	readonly name: string;
	/** Standard five-field cron expression, evaluated in UTC (as Cloudflare cron triggers are). */
	readonly cron: string;
	/** True when a run is due at `now`, given the previous run (undefined: never ran here). */
	isDue(now: Date, previous: Date | undefined): boolean;
	run(context: TaskContext): Promise<void>;
}

export function cronTask(name: string, cron: string, run: (context: TaskContext) => Promise<void>): ScheduledTask {
	const schedule = new Cron(cron, { paused: true, timezone: "UTC" });
	return {
		name,
		cron,
		isDue(now, previous) {
			// First tick after start: due only if the schedule fired within the last minute.
			const from = previous ?? new Date(now.getTime() - 60_000);
			const next = schedule.nextRun(from);
			return next !== null && next.getTime() <= now.getTime();
		},
		run,
	};
}

/** Tasks are added by the issues that need them (retention, closure, audit verification…). */
export const scheduledTasks: readonly ScheduledTask[] = [];

/** The distinct cron expressions, for the Cloudflare host's `scheduled()` dispatch. */
export function tasksForCron(cron: string, tasks: readonly ScheduledTask[] = scheduledTasks): ScheduledTask[] {
	return tasks.filter((task) => task.cron === cron);
}
