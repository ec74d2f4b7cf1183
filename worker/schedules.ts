// Runs the scheduled tasks whose slot has come. A slot is claimed by inserting its row in
// `task_runs` (unique task + slot), so that several worker processes, or a restart within the
// same minute, never run the same slot twice; a crash leaves the slot "running" and the next
// slot runs the (idempotent) task again. Each run records its end, outcome and counts.
import { eq } from "drizzle-orm";
import type { Logger } from "../core/logger.ts";
import type { Database } from "../db/client.ts";
import { taskRuns } from "../schema/tables/index.ts";
import { currentSlot } from "./registry.ts";
import type { ScheduledTask, TaskContext } from "./tasks/task.ts";

export interface ScheduleDeps {
	readonly db: Database;
	readonly logger: Logger;
	readonly config: TaskContext["config"];
	readonly relay?: TaskContext["relay"];
	readonly cguVersions?: TaskContext["cguVersions"];
	readonly storage?: TaskContext["storage"];
	readonly clock: () => Date;
}

export interface ScheduleReport {
	readonly name: string;
	readonly slot: string;
	readonly outcome: "success" | "failure";
	readonly counts: Record<string, number>;
}

/** Claims and runs one slot of a task; `undefined` when another run already claimed it. */
export async function runTaskSlot(
	deps: ScheduleDeps,
	task: ScheduledTask,
	slot: Date,
	now: Date,
): Promise<ScheduleReport | undefined> {
	const [claim] = await deps.db
		.insert(taskRuns)
		.values({ taskName: task.name, slot: slot.toISOString(), startedAt: now, outcome: "running" })
		.onConflictDoNothing()
		.returning({ id: taskRuns.id });
	if (!claim) return undefined;
	try {
		const counts = await task.run({
			db: deps.db,
			logger: deps.logger,
			now,
			config: deps.config,
			relay: deps.relay,
			storage: deps.storage,
		});
		await deps.db
			.update(taskRuns)
			.set({ finishedAt: deps.clock(), outcome: "success", counts })
			.where(eq(taskRuns.id, claim.id));
		deps.logger.info("scheduled task done", { task: task.name, slot: slot.toISOString(), ...counts });
		return { name: task.name, slot: slot.toISOString(), outcome: "success", counts };
	} catch (error) {
		const message = error instanceof Error ? error.message.slice(0, 500) : "unknown error";
		await deps.db
			.update(taskRuns)
			.set({ finishedAt: deps.clock(), outcome: "failure", error: message })
			.where(eq(taskRuns.id, claim.id));
		deps.logger.error("scheduled task failed", { task: task.name, slot: slot.toISOString(), error: message });
		return { name: task.name, slot: slot.toISOString(), outcome: "failure", counts: {} };
	}
}

/** Runs, in registry order, every task whose current slot has not run yet. */
export async function runDueTasks(
	deps: ScheduleDeps,
	tasks: readonly ScheduledTask[],
	now: Date,
): Promise<ScheduleReport[]> {
	const reports: ScheduleReport[] = [];
	for (const task of tasks) {
		const slot = currentSlot(task, now);
		if (!slot) continue;
		const report = await runTaskSlot(deps, task, slot, now);
		if (report) reports.push(report);
	}
	return reports;
}
