// The job queue of the Node host: the `jobs` table is both the outbox (a service writes its job
// in the same transaction as the state change) and the queue (workers lease rows with a
// visibility timeout). Several worker processes may share the database: leasing is one UPDATE
// … RETURNING statement, atomic in SQLite, so two workers never hold the same job.
import { and, eq, inArray, lte, notInArray, or, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { type Message, messageSchemas } from "../schema/messages.ts";
import { jobs } from "../schema/tables/index.ts";

/** A database or a transaction: whatever can run the queue's statements. */
export type Executor = Pick<Database, "insert" | "select" | "update" | "delete">;

export type Job = typeof jobs.$inferSelect;

export interface EnqueueOptions {
	readonly now: Date;
	/** Run no earlier than this instant (default: now). */
	readonly availableAt?: Date;
	/** A second enqueue with the same key is ignored: producers may retry safely. */
	readonly idempotencyKey?: string;
	readonly maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 8;

/** Validates the message and writes it to the outbox; returns the job id (or null if it was a duplicate). */
export async function enqueue(
	db: Executor,
	message: Message,
	options: EnqueueOptions,
): Promise<number | null> {
	const payload = messageSchemas[message.type].parse(message.payload) as Record<string, unknown>;
	const rows = await db
		.insert(jobs)
		.values({
			type: message.type,
			payload,
			status: "pending",
			attempts: 0,
			maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
			availableAt: options.availableAt ?? options.now,
			idempotencyKey: options.idempotencyKey ?? null,
			createdAt: options.now,
			updatedAt: options.now,
		})
		.onConflictDoNothing()
		.returning({ id: jobs.id });
	return rows[0]?.id ?? null;
}

/** `enqueue` for many messages at once, by one multi-row INSERT (ids of the rows written). */
export async function enqueueMany(
	db: Executor,
	entries: readonly { readonly message: Message; readonly idempotencyKey: string }[],
	now: Date,
): Promise<number[]> {
	if (entries.length === 0) return [];
	const rows = await db
		.insert(jobs)
		.values(
			entries.map(({ message, idempotencyKey }) => ({
				type: message.type,
				payload: messageSchemas[message.type].parse(message.payload) as Record<string, unknown>,
				status: "pending" as const,
				attempts: 0,
				maxAttempts: DEFAULT_MAX_ATTEMPTS,
				availableAt: now,
				idempotencyKey,
				createdAt: now,
				updatedAt: now,
			})),
		)
		.onConflictDoNothing()
		.returning({ id: jobs.id });
	return rows.map((row) => row.id);
}

export interface LeaseOptions {
	readonly owner: string;
	readonly now: Date;
	readonly leaseMs: number;
	readonly limit: number;
	/** Job types left waiting (e.g. mail while the mail provider is paused). */
	readonly excludeTypes?: readonly string[];
}

/**
 * Takes up to `limit` due jobs: pending ones whose time has come and leased ones whose lease
 * expired (their worker died). Each lease counts as an attempt.
 */
export async function leaseJobs(db: Database, options: LeaseOptions): Promise<Job[]> {
	const due = db
		.select({ id: jobs.id })
		.from(jobs)
		.where(
			and(
				or(
					and(eq(jobs.status, "pending"), lte(jobs.availableAt, options.now)),
					and(eq(jobs.status, "leased"), lte(jobs.leasedUntil, options.now)),
				),
				options.excludeTypes?.length ? notInArray(jobs.type, [...options.excludeTypes]) : undefined,
			),
		)
		.orderBy(jobs.availableAt, jobs.id)
		.limit(options.limit);
	return db
		.update(jobs)
		.set({
			status: "leased",
			leaseOwner: options.owner,
			leasedUntil: new Date(options.now.getTime() + options.leaseMs),
			attempts: sql`${jobs.attempts} + 1`,
			updatedAt: options.now,
		})
		.where(inArray(jobs.id, due))
		.returning();
}

/** Marks a job done, only if this worker still holds its lease. */
export async function completeJob(db: Executor, job: Job, owner: string, now: Date): Promise<boolean> {
	const rows = await db
		.update(jobs)
		.set({ status: "done", leaseOwner: null, leasedUntil: null, lastError: null, updatedAt: now })
		.where(and(eq(jobs.id, job.id), eq(jobs.status, "leased"), eq(jobs.leaseOwner, owner)))
		.returning({ id: jobs.id });
	return rows.length === 1;
}

/** These jobs, as long as this worker still holds their leases. */
function heldBy(held: readonly Job[], owner: string) {
	return and(
		inArray(
			jobs.id,
			held.map((job) => job.id),
		),
		eq(jobs.status, "leased"),
		eq(jobs.leaseOwner, owner),
	);
}

/** Marks jobs done, those this worker still holds; returns their ids. */
export async function completeJobs(
	db: Executor,
	held: readonly Job[],
	owner: string,
	now: Date,
): Promise<number[]> {
	if (held.length === 0) return [];
	const rows = await db
		.update(jobs)
		.set({ status: "done", leaseOwner: null, leasedUntil: null, lastError: null, updatedAt: now })
		.where(heldBy(held, owner))
		.returning({ id: jobs.id });
	return rows.map((row) => row.id);
}

export interface Failure {
	readonly retryable: boolean;
	readonly error: string;
}

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so that jobs
 * failing together do not retry together. `random` is in [0, 1).
 */
export function backoffMs(attempt: number, random: number, baseMs = 2_000, maxMs = 30 * 60_000): number {
	const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
	return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/** Puts a failed job back with a delay, or in the dead letters when it cannot or may no longer retry. */
export async function failJob(
	db: Executor,
	job: Job,
	owner: string,
	failure: Failure,
	now: Date,
	random: number,
): Promise<"retry" | "dead"> {
	const dead = !failure.retryable || job.attempts >= job.maxAttempts;
	await db
		.update(jobs)
		.set(
			dead
				? {
						status: "dead",
						leaseOwner: null,
						leasedUntil: null,
						lastError: failure.error.slice(0, 500),
						updatedAt: now,
					}
				: {
						status: "pending",
						leaseOwner: null,
						leasedUntil: null,
						lastError: failure.error.slice(0, 500),
						availableAt: new Date(now.getTime() + backoffMs(job.attempts, random)),
						updatedAt: now,
					},
		)
		.where(and(eq(jobs.id, job.id), eq(jobs.status, "leased"), eq(jobs.leaseOwner, owner)));
	return dead ? "dead" : "retry";
}

/**
 * Puts a job back until `until` without counting the lease as an attempt: the job did not fail,
 * the mail provider asked to wait (a 429) or was not asked at all (its circuit breaker open).
 */
export async function deferJob(
	db: Executor,
	job: Job,
	owner: string,
	until: Date,
	reason: string,
	now: Date,
): Promise<"deferred"> {
	await deferJobs(db, [job], owner, until, reason, now);
	return "deferred";
}

/** `deferJob` for many jobs at once (a whole batch held back), in one statement. */
export async function deferJobs(
	db: Executor,
	held: readonly Job[],
	owner: string,
	until: Date,
	reason: string,
	now: Date,
): Promise<"deferred"[]> {
	if (held.length === 0) return [];
	await db
		.update(jobs)
		.set({
			status: "pending",
			leaseOwner: null,
			leasedUntil: null,
			attempts: sql`max(${jobs.attempts} - 1, 0)`,
			availableAt: until,
			lastError: reason.slice(0, 500),
			updatedAt: now,
		})
		.where(heldBy(held, owner));
	return held.map(() => "deferred");
}

/** Sends the dead letters back to the queue with fresh attempts; returns how many. */
export async function redriveDeadJobs(db: Executor, now: Date, ids?: readonly number[]): Promise<number> {
	const rows = await db
		.update(jobs)
		.set({
			status: "pending",
			attempts: 0,
			availableAt: now,
			leaseOwner: null,
			leasedUntil: null,
			updatedAt: now,
		})
		.where(ids ? and(eq(jobs.status, "dead"), inArray(jobs.id, [...ids])) : eq(jobs.status, "dead"))
		.returning({ id: jobs.id });
	return rows.length;
}

/** Moves a job to the dead letters whatever its lease (Cloudflare's dead-letter queue, a refused message). */
export async function markJobDead(db: Executor, jobId: number, reason: string, now: Date): Promise<void> {
	await db
		.update(jobs)
		.set({
			status: "dead",
			leaseOwner: null,
			leasedUntil: null,
			lastError: reason.slice(0, 500),
			updatedAt: now,
		})
		.where(and(eq(jobs.id, jobId), inArray(jobs.status, ["pending", "leased"])));
}

/** Counts a failed attempt of a relayed job (Cloudflare); returns its attempts now (the relay counted the first). */
export async function countFailedAttempt(
	db: Executor,
	jobId: number,
	error: string,
	now: Date,
): Promise<number> {
	const [row] = await db
		.update(jobs)
		.set({ attempts: sql`${jobs.attempts} + 1`, lastError: error.slice(0, 500), updatedAt: now })
		.where(eq(jobs.id, jobId))
		.returning({ attempts: jobs.attempts });
	return row?.attempts ?? Number.POSITIVE_INFINITY;
}

/** Keeps a job leased while its queue message waits for a delayed retry, and notes why. */
export async function extendLease(
	db: Executor,
	jobId: number,
	owner: string,
	until: Date,
	error: string,
	now: Date,
): Promise<void> {
	await db
		.update(jobs)
		.set({ leasedUntil: until, lastError: error.slice(0, 500), updatedAt: now })
		.where(and(eq(jobs.id, jobId), eq(jobs.status, "leased"), eq(jobs.leaseOwner, owner)));
}
