// The one registry of scheduled tasks, shared by both hosts. On Node the worker loop asks which
// slots are due; on Cloudflare `scheduled()` runs the tasks of the cron that fired. A test
// checks that wrangler.toml's cron triggers are exactly the registry's expressions.
import { Cron } from "croner";
import type { Config } from "../core/config.ts";
import type { CguVersion } from "../core/deps.ts";
import type { Logger } from "../core/logger.ts";
import type { Database } from "../db/client.ts";
import { tasks } from "./tasks/index.ts";

export interface TaskContext {
	readonly db: Database;
	readonly logger: Logger;
	/** The instant the task runs for (its slot), so that a late or repeated run computes the same. */
	readonly now: Date;
	readonly config: Pick<Config, "publicUrl" | "env">;
	/** The CGU versions of the public site's build (absent where the build is not at hand). */
	readonly cguVersions?: (() => Promise<readonly CguVersion[]>) | undefined;
	/** Cloudflare only: hands the outbox rows left behind to the queue; returns how many. */
	readonly relay?: ((now: Date) => Promise<number>) | undefined;
}

/** What a run did, recorded in `task_runs` (counts only, no personal data). */
export type TaskCounts = Record<string, number>;

export interface ScheduledTask {
	readonly name: string;
	/** Standard five-field cron expression, in UTC (as Cloudflare cron triggers are). */
	readonly cron: string;
	readonly description: string;
	run(context: TaskContext): Promise<TaskCounts>;
}

/** The latest time at or before `now` when the task was scheduled to fire. */
export function currentSlot(task: Pick<ScheduledTask, "cron">, now: Date): Date | undefined {
	const cron = new Cron(task.cron, { paused: true, timezone: "UTC" });
	// previousRuns looks strictly before its reference: one millisecond later includes `now`.
	return cron.previousRuns(1, new Date(now.getTime() + 1))[0];
}

export const scheduledTasks: readonly ScheduledTask[] = tasks;

/** The distinct cron expressions of the registry, for wrangler.toml. */
export function cronExpressions(list: readonly ScheduledTask[] = scheduledTasks): string[] {
	return [...new Set(list.map((task) => task.cron))].sort();
}

export function tasksForCron(cron: string, list: readonly ScheduledTask[] = scheduledTasks): ScheduledTask[] {
	return list.filter((task) => task.cron === cron);
}
