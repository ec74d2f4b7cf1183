// Sign-in incidents for the back-office queue: accounts whose identifier is being guessed at
// (core/sign-in-throttle.ts: delayed after 5 failures, blocked after 25 in a day). The throttle
// ends every block by itself; staff look at the account (its sessions, history, a fraud report)
// and act there (suspend, reopen with a new password link). Only counters that name an existing
// account are listed: a typed identifier that matches nobody is not staff's business.
import { and, desc, eq, gte, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { accounts, signInThrottles } from "../../schema/tables/index.ts";
import { SIGN_IN_THROTTLE } from "../sign-in-throttle.ts";

export interface SignInIncident {
	readonly identifier: string;
	readonly consecutiveFailures: number;
	readonly windowFailures: number;
	readonly windowStartedAt: Date;
	readonly lastFailureAt: Date | null;
	/** Still refused until then; null when the delay is over. */
	readonly blockedUntil: Date | null;
}

/** Identifiers of accounts with at least the free failures in the current 24-hour window. */
export async function listSignInIncidents(
	db: Pick<Database, "select">,
	now: Date,
): Promise<SignInIncident[]> {
	const { freeFailures, windowMs } = SIGN_IN_THROTTLE.identifier;
	const t = signInThrottles;
	const rows = await db
		.select({
			identifier: accounts.identifier,
			consecutiveFailures: t.consecutiveFailures,
			windowFailures: t.windowFailures,
			windowStartedAt: t.windowStartedAt,
			lastFailureAt: t.lastFailureAt,
			blockedUntil: t.blockedUntil,
		})
		.from(t)
		// "identifier:<typed>": the typed part looked up through the accounts' unique index.
		.innerJoin(accounts, eq(accounts.identifier, sql`substr(${t.key}, ${"identifier:".length + 1})`))
		.where(
			and(
				eq(t.scope, "identifier"),
				gte(t.windowFailures, freeFailures),
				gte(t.windowStartedAt, new Date(now.getTime() - windowMs)),
			),
		)
		.orderBy(desc(t.windowFailures));
	return rows.map((row) => ({
		...row,
		blockedUntil: row.blockedUntil && row.blockedUntil > now ? row.blockedUntil : null,
	}));
}
