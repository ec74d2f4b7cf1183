// Throttling of password guesses, CNIL délibération 2022-100 "cas 2" (SECURITY.md
// "Throttling"). Three counters of failures, each in sign_in_throttles:
// - per identifier: 5 free failures, then a delay of 1, 2, 4… minutes (at most 1 hour) after
//   each new one, and at most 25 failures in a 24-hour window opened by the first failure;
// - per client (keyed IP hash): 50 failures in an hour, then wait for that hour to end;
// - global: 1 000 failures in a minute (a credential-stuffing wave spread over many
//   identifiers and addresses) holds every sign-in until that minute ends.
// Every block ends by itself, so no one can lock an account out for good. The counters are
// keyed by what was typed, whether or not an account has that identifier, so the answer says
// nothing about which identifiers exist.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import type { ThrottleScope } from "../schema/enums.ts";
import { signInThrottles } from "../schema/tables/index.ts";
import { consumeRateLimit, releaseRateLimit } from "./rate-limit.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const SIGN_IN_THROTTLE = {
	identifier: {
		freeFailures: 5,
		firstDelayMs: MINUTE,
		maxDelayMs: HOUR,
		windowMs: 24 * HOUR,
		maxFailures: 25,
	},
	ip: { windowMs: HOUR, maxFailures: 50 },
	global: { windowMs: MINUTE, maxFailures: 1000 },
} as const;

export type SignInGate = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Subject {
	readonly identifier: string;
	readonly ipKey: string;
	readonly now: Date;
}

const identifierKey = (identifier: string): string => `identifier:${identifier.trim()}`;
const keysOf = (subject: Subject): Record<ThrottleScope, string> => ({
	identifier: identifierKey(subject.identifier),
	ip: `ip:${subject.ipKey}`,
	global: "global",
});
// Attempts between the gate and their outcome (see checkSignInAllowed). A password check takes
// well under a second; an attempt whose outcome never comes stops counting after this window.
const PENDING_WINDOW_MS = 15_000;
const pendingKey = (identifier: string): string => `sign_in_pending:${identifierKey(identifier)}`;

/** The delay after the n-th consecutive failure: 1 min after the 5th, doubling, at most 1 h. */
export function identifierDelayMs(consecutiveFailures: number): number {
	const { freeFailures, firstDelayMs, maxDelayMs } = SIGN_IN_THROTTLE.identifier;
	if (consecutiveFailures < freeFailures) return 0;
	return Math.min(maxDelayMs, firstDelayMs * 2 ** Math.min(consecutiveFailures - freeFailures, 30));
}

const secondsUntil = (until: number, now: Date): number =>
	Math.max(1, Math.ceil((until - now.getTime()) / 1000));

/**
 * Says whether a sign-in attempt may go on to the password check. Call it first, then exactly
 * one of recordSignInFailure or recordSignInSuccess. Between the two the attempt is pending,
 * and an identifier never has more pending attempts than failures left before its next delay:
 * a burst of parallel guesses cannot overshoot the limits.
 */
export async function checkSignInAllowed(db: Database, subject: Subject): Promise<SignInGate> {
	const { now } = subject;
	const keys = keysOf(subject);
	const rows = await db
		.select()
		.from(signInThrottles)
		.where(inArray(signInThrottles.key, Object.values(keys)));
	const blockedUntil = Math.max(0, ...rows.map((row) => row.blockedUntil?.getTime() ?? 0));
	if (blockedUntil > now.getTime()) {
		return { allowed: false, retryAfterSeconds: secondsUntil(blockedUntil, now) };
	}

	const { freeFailures, windowMs, maxFailures } = SIGN_IN_THROTTLE.identifier;
	const own = rows.find((row) => row.key === keys.identifier);
	const windowOpen = own !== undefined && own.windowStartedAt.getTime() > now.getTime() - windowMs;
	const consecutive = windowOpen ? own.consecutiveFailures : 0;
	const inWindow = windowOpen ? own.windowFailures : 0;
	const budget = Math.max(1, Math.min(maxFailures - inWindow, freeFailures - consecutive));
	const key = pendingKey(subject.identifier);
	const pending = await consumeRateLimit(db, { key, limit: budget, windowMs: PENDING_WINDOW_MS, now });
	if (pending.ok) return { allowed: true };
	await releaseRateLimit(db, key);
	return { allowed: false, retryAfterSeconds: 1 };
}

/** Counts one failure in a scope and returns the counters after it. */
async function countFailure(
	db: Database,
	scope: ThrottleScope,
	key: string,
	now: Date,
): Promise<{ consecutiveFailures: number; windowFailures: number; windowStartedAt: Date }> {
	const nowMs = now.getTime();
	const t = signInThrottles;
	const expired = sql`${t.windowStartedAt} <= ${nowMs - SIGN_IN_THROTTLE[scope].windowMs}`;
	const [row] = await db
		.insert(t)
		.values({
			key,
			scope,
			consecutiveFailures: 1,
			windowFailures: 1,
			windowStartedAt: now,
			lastFailureAt: now,
		})
		.onConflictDoUpdate({
			target: t.key,
			set: {
				consecutiveFailures: sql`CASE WHEN ${expired} THEN 1 ELSE ${t.consecutiveFailures} + 1 END`,
				windowFailures: sql`CASE WHEN ${expired} THEN 1 ELSE ${t.windowFailures} + 1 END`,
				windowStartedAt: sql`CASE WHEN ${expired} THEN ${nowMs} ELSE ${t.windowStartedAt} END`,
				lastFailureAt: sql`max(coalesce(${t.lastFailureAt}, 0), ${nowMs})`,
			},
		})
		.returning({
			consecutiveFailures: t.consecutiveFailures,
			windowFailures: t.windowFailures,
			windowStartedAt: t.windowStartedAt,
		});
	if (!row) throw new Error(`sign-in throttle ${key} was not written`);
	return row;
}

function blockEnd(scope: ThrottleScope, counts: Awaited<ReturnType<typeof countFailure>>, now: Date): number {
	const policy = SIGN_IN_THROTTLE[scope];
	const windowEnd =
		counts.windowFailures >= policy.maxFailures ? counts.windowStartedAt.getTime() + policy.windowMs : 0;
	const delayEnd = scope === "identifier" ? now.getTime() + identifierDelayMs(counts.consecutiveFailures) : 0;
	return Math.max(windowEnd, delayEnd);
}

/** Records a wrong password (or an unknown identifier: both must be recorded alike). */
export async function recordSignInFailure(db: Database, subject: Subject): Promise<void> {
	const keys = keysOf(subject);
	for (const scope of ["identifier", "ip", "global"] as const) {
		const end = blockEnd(scope, await countFailure(db, scope, keys[scope], subject.now), subject.now);
		if (end <= subject.now.getTime()) continue;
		// max(): a slower concurrent failure never shortens a block set by a later one.
		await db
			.update(signInThrottles)
			.set({ blockedUntil: sql`max(coalesce(${signInThrottles.blockedUntil}, 0), ${end})` })
			.where(eq(signInThrottles.key, keys[scope]));
	}
	await releaseRateLimit(db, pendingKey(subject.identifier));
}

/** A successful sign-in ends the run of consecutive failures; the 24-hour count stays. */
export async function recordSignInSuccess(
	db: Database,
	subject: { readonly identifier: string; readonly ipKey?: string; readonly now: Date },
): Promise<void> {
	const { windowMs, maxFailures } = SIGN_IN_THROTTLE.identifier;
	const t = signInThrottles;
	const windowBlock = sql`CASE WHEN ${t.windowFailures} >= ${maxFailures}
		AND ${t.windowStartedAt} > ${subject.now.getTime() - windowMs}
		THEN ${t.windowStartedAt} + ${windowMs} ELSE NULL END`;
	await db
		.update(t)
		.set({ consecutiveFailures: 0, blockedUntil: windowBlock })
		.where(and(eq(t.key, identifierKey(subject.identifier)), eq(t.scope, "identifier")));
	await releaseRateLimit(db, pendingKey(subject.identifier));
}

/** Deletes counters whose window and block are both over (worker job; safe to run twice). */
export async function pruneSignInThrottles(db: Database, now: Date): Promise<number> {
	const t = signInThrottles;
	const nowMs = now.getTime();
	const windowEnd = sql`${t.windowStartedAt} + CASE ${t.scope}
		WHEN 'identifier' THEN ${SIGN_IN_THROTTLE.identifier.windowMs}
		WHEN 'ip' THEN ${SIGN_IN_THROTTLE.ip.windowMs}
		ELSE ${SIGN_IN_THROTTLE.global.windowMs} END`;
	const deleted = await db
		.delete(t)
		.where(sql`${windowEnd} <= ${nowMs} AND coalesce(${t.blockedUntil}, 0) <= ${nowMs}`)
		.returning({ key: t.key });
	return deleted.length;
}
