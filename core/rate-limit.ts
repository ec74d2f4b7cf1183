// Fixed-window rate limits for actions that cost something or could be abused: every action
// that sends an e-mail, rights checks (the terms forbid harvesting the site) and bank-details
// changes (SECURITY.md "Requests"). One row per key ("<action>:<subject>"); the counter and its
// window are updated by a single UPSERT … RETURNING, so concurrent requests on the Node host or
// on several Workers each get their own count and can never both take the last slot.
import { eq, lt, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { preparedFor } from "../db/prepared.ts";
import { rateLimitBuckets } from "../schema/tables/index.ts";

export interface RateLimitInput {
	/** "<action>:<subject>", e.g. "rights_check:account:42" or "password_reset:ip:<ipKey>". */
	readonly key: string;
	/** Requests allowed per window. */
	readonly limit: number;
	readonly windowMs: number;
	readonly now: Date;
}

export type RateLimitResult = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

// Counted on every rate-limited request (every rights check twice): built once per database
// (db/prepared.ts). A window that started at or before this instant minus its length is over:
// start a new one. The instants in the SET clause are the integer milliseconds stored.
const consume = preparedFor((db) => {
	const expired = sql`${rateLimitBuckets.windowStartedAt} <= ${sql.placeholder("expiredAtOrBefore")}`;
	return db
		.insert(rateLimitBuckets)
		.values({ key: sql.placeholder("key"), count: 1, windowStartedAt: sql.placeholder("now") })
		.onConflictDoUpdate({
			target: rateLimitBuckets.key,
			set: {
				count: sql`CASE WHEN ${expired} THEN 1 ELSE ${rateLimitBuckets.count} + 1 END`,
				windowStartedAt: sql`CASE WHEN ${expired} THEN ${sql.placeholder("nowMs")} ELSE ${rateLimitBuckets.windowStartedAt} END`,
			},
		})
		.returning({ count: rateLimitBuckets.count, windowStartedAt: rateLimitBuckets.windowStartedAt })
		.prepare();
});

/** Counts one request against the key and says whether it may go ahead. */
export async function consumeRateLimit(db: Database, input: RateLimitInput): Promise<RateLimitResult> {
	const entry = rateLimitEntry(db, input);
	return rateLimitOutcome(input, await entry.all.all(entry.values));
}

/**
 * The same count as a batch entry (db/batch.ts), for an action that counts several windows, or
 * counts and reads, in one transaction; `rateLimitOutcome` reads its rows.
 */
export function rateLimitEntry(db: Database, input: RateLimitInput) {
	const nowMs = input.now.getTime();
	return {
		all: consume(db),
		values: { key: input.key, now: input.now, nowMs, expiredAtOrBefore: nowMs - input.windowMs },
	} as const;
}

export function rateLimitOutcome(
	input: RateLimitInput,
	rows: readonly { count: number; windowStartedAt: Date }[],
): RateLimitResult {
	const { key, limit, windowMs, now } = input;
	const [bucket] = rows;
	if (!bucket) throw new Error(`rate limit bucket ${key} was not written`);
	if (bucket.count <= limit) return { ok: true, remaining: limit - bucket.count };
	const windowEndsMs = bucket.windowStartedAt.getTime() + windowMs;
	// At least one second: "Retry-After: 0" would invite an immediate retry loop.
	return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((windowEndsMs - now.getTime()) / 1000)) };
}

/** Deletes buckets whose window started before `before` (run by the worker; safe to repeat). */
export async function pruneRateLimitBuckets(db: Database, before: Date): Promise<number> {
	const deleted = await db
		.delete(rateLimitBuckets)
		.where(lt(rateLimitBuckets.windowStartedAt, before))
		.returning({ key: rateLimitBuckets.key });
	return deleted.length;
}

/** Gives back one slot of the current window, e.g. once a guarded operation has finished. */
export async function releaseRateLimit(db: Database, key: string): Promise<void> {
	await db
		.update(rateLimitBuckets)
		.set({ count: sql`max(${rateLimitBuckets.count} - 1, 0)` })
		.where(eq(rateLimitBuckets.key, key));
}
