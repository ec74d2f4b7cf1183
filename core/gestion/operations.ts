// « Exploitation » (admin): the job queue of the Node host by status, the dead letters with the
// reason of their last failure and their re-drive, the scheduled tasks' latest runs and outcome,
// and the versions of the CGU with how many usable accounts accepted the one in force. (Under the
// Cloudflare host the jobs go through Cloudflare Queues and their dead-letter queue, which a
// relay records here with `markJobDead`.)
import { and, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { JobStatus } from "../../schema/enums.ts";
import { accounts, cguAcceptances, jobs, taskRuns } from "../../schema/tables/index.ts";
import { appendAuditEvent } from "../audit.ts";
import { cguInForce } from "../cgu.ts";
import type { CguVersion } from "../deps.ts";
import { redriveDeadJobs } from "../queue.ts";
import type { StaffActor } from "./staff.ts";

export const DEAD_LETTER_LIMIT = 100;
export const TASK_RUN_LIMIT = 50;

export interface JobCount {
	readonly type: string;
	readonly status: JobStatus;
	readonly count: number;
}

export interface DeadLetter {
	readonly id: number;
	readonly type: string;
	readonly attempts: number;
	readonly reason: string | null;
	readonly createdAt: Date;
	readonly diedAt: Date;
}

export async function countJobs(db: Database): Promise<JobCount[]> {
	return db
		.select({ type: jobs.type, status: jobs.status, count: count() })
		.from(jobs)
		.groupBy(jobs.type, jobs.status)
		.orderBy(jobs.type, jobs.status);
}

export async function listDeadLetters(db: Database): Promise<DeadLetter[]> {
	return db
		.select({
			id: jobs.id,
			type: jobs.type,
			attempts: jobs.attempts,
			reason: jobs.lastError,
			createdAt: jobs.createdAt,
			diedAt: jobs.updatedAt,
		})
		.from(jobs)
		.where(eq(jobs.status, "dead"))
		.orderBy(desc(jobs.updatedAt), desc(jobs.id))
		.limit(DEAD_LETTER_LIMIT);
}

/** Sends dead letters back to the queue (all when `ids` is absent), with an audit entry naming the admin. */
export async function redriveDeadLetters(
	db: Database,
	input: { ids?: readonly number[]; now: Date; actor: StaffActor },
): Promise<number> {
	return db.transaction(
		async (tx) => {
			const redriven = await redriveDeadJobs(tx, input.now, input.ids);
			await appendAuditEvent(tx, {
				occurredAt: input.now,
				accountId: input.actor.accountId,
				sessionId: input.actor.sessionId,
				correlationId: input.actor.correlationId,
				actorKind: "staff",
				action: "gestion.jobs.redriven",
				objectType: "job",
				objectId: input.ids?.length === 1 ? String(input.ids[0]) : null,
				outcome: "success",
				details: { redriven, all: input.ids === undefined },
			});
			return redriven;
		},
		{ behavior: "immediate" },
	);
}

export type TaskRun = typeof taskRuns.$inferSelect;

export async function listTaskRuns(db: Database): Promise<TaskRun[]> {
	return db
		.select()
		.from(taskRuns)
		.orderBy(desc(taskRuns.startedAt), desc(taskRuns.id))
		.limit(TASK_RUN_LIMIT);
}

export interface CguFigures {
	readonly versions: readonly (CguVersion & { readonly acceptances: number; readonly inForce: boolean })[];
	/** Active accounts, and how many of them accepted the version in force. */
	readonly activeAccounts: number;
	readonly acceptedInForce: number;
}

export async function cguFigures(
	db: Database,
	versions: readonly CguVersion[],
	now: Date,
): Promise<CguFigures> {
	const current = cguInForce(versions, now);
	const perVersion = await db
		.select({ version: cguAcceptances.version, count: count() })
		.from(cguAcceptances)
		.groupBy(cguAcceptances.version);
	const counts = new Map(perVersion.map((row) => [row.version, row.count]));
	const [active] = await db.select({ count: count() }).from(accounts).where(eq(accounts.state, "active"));
	const [accepted] = current
		? await db
				.select({ count: sql<number>`count(DISTINCT ${cguAcceptances.accountId})` })
				.from(cguAcceptances)
				.innerJoin(accounts, eq(accounts.id, cguAcceptances.accountId))
				.where(and(eq(cguAcceptances.version, current.version), inArray(accounts.state, ["active"])))
		: [{ count: 0 }];
	return {
		versions: [...versions]
			.sort((a, b) => (a.effectiveDate < b.effectiveDate ? 1 : -1))
			.map((version) => ({
				...version,
				acceptances: counts.get(version.version) ?? 0,
				inForce: version.version === current?.version,
			})),
		activeAccounts: active?.count ?? 0,
		acceptedInForce: Number(accepted?.count ?? 0),
	};
}
