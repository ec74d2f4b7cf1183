// The one registry of scheduled tasks, shared by both hosts. On Node the worker loop asks which
// slots are due; on Cloudflare `scheduled()` runs the tasks of the cron that fired. A test
// checks that wrangler.toml's cron triggers are exactly the registry's expressions.
import { Cron } from "croner";
import { tasks } from "./tasks/index.ts";
import type { ScheduledTask } from "./tasks/task.ts";

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
