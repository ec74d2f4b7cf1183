// What a scheduled task is, in a file of its own: the tasks import it, and the registry imports
// the tasks (when the type lived in the registry, each task and the registry imported each other).
import type { Config } from "../../core/config.ts";
import type { CguVersion } from "../../core/deps.ts";
import type { Logger } from "../../core/logger.ts";
import type { DocumentStorage } from "../../core/storage.ts";
import type { Database } from "../../db/client.ts";

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
	/** The host's document storage, for the tasks that delete stored files (expired data exports). */
	readonly storage?: DocumentStorage | undefined;
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
