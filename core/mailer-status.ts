// The mail provider's health as the workers last saw it, kept in the database (one row per
// provider) because the worker and the edge app do not share memory: on Node the worker may run
// in its own process, on Cloudflare the queue consumer and the request handler are separate
// invocations. The worker writes it on every change of its circuit breaker; `/readyz` reads it.
import { asc, inArray } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import type { BreakerState } from "../schema/enums.ts";
import { mailProviderStates } from "../schema/tables/index.ts";

export interface MailerStatus {
	readonly provider: string;
	readonly state: BreakerState;
	readonly consecutiveFailures: number;
	readonly since: Date;
	readonly retryAt: Date | null;
	readonly lastError: string | null;
}

export async function recordMailerStatus(db: Database, status: MailerStatus, now: Date): Promise<void> {
	const values = {
		state: status.state,
		consecutiveFailures: status.consecutiveFailures,
		since: status.since,
		retryAt: status.retryAt,
		lastError: status.lastError?.slice(0, 300) ?? null,
		updatedAt: now,
	};
	await db
		.insert(mailProviderStates)
		.values({ provider: status.provider, ...values })
		.onConflictDoUpdate({ target: mailProviderStates.provider, set: values });
}

/** "degraded" while a provider's breaker is not closed; "ok" too when no worker has sent yet. */
export async function getMailerHealth(
	db: Database,
): Promise<{ readonly mailer: "ok" | "degraded"; readonly since: Date | null }> {
	const [first] = await db
		.select({ since: mailProviderStates.since })
		.from(mailProviderStates)
		.where(inArray(mailProviderStates.state, ["open", "half-open"]))
		.orderBy(asc(mailProviderStates.since))
		.limit(1);
	return first ? { mailer: "degraded", since: first.since } : { mailer: "ok", since: null };
}
