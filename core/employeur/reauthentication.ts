// The second factor asked again before a sensitive write of the JSON API (ADR 0034). A bearer
// token lives in a client for up to 12 hours and is easier to lift than a browser's HttpOnly
// cookie, so the API's bank-details change asks for more than the page: the password (checked by
// core/employeur/bank-details.ts, as on the page) and a current code of the authenticator app,
// never accepted twice (the step is written with a compare-and-set, as at sign-in). Attempts are
// limited per account, so that a lifted token cannot be used to guess the password.
import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { accounts } from "../../schema/tables/index.ts";
import { consumeRateLimit } from "../rate-limit.ts";
import { verifyTotp } from "../totp.ts";

/** Re-authentications allowed per account and quarter of an hour. */
export const REAUTHENTICATIONS_PER_WINDOW = 5;
const WINDOW_MS = 15 * 60_000;

export type ReauthenticationResult =
	| { readonly ok: true }
	| { readonly ok: false; readonly reason: "code" }
	| { readonly ok: false; readonly reason: "rate_limited"; readonly retryAfterSeconds: number };

export async function checkFreshTotp(
	db: Database,
	accountId: number,
	code: string,
	now: Date,
): Promise<ReauthenticationResult> {
	const limit = await consumeRateLimit(db, {
		key: `reauthentication:account:${accountId}`,
		limit: REAUTHENTICATIONS_PER_WINDOW,
		windowMs: WINDOW_MS,
		now,
	});
	if (!limit.ok) return { ok: false, reason: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };
	const [account] = await db
		.select({
			secret: accounts.totpSecret,
			enabled: accounts.totpEnabled,
			lastUsedStep: accounts.totpLastUsedStep,
		})
		.from(accounts)
		.where(eq(accounts.id, accountId));
	if (!account?.enabled || !account.secret) return { ok: false, reason: "code" };
	const verified = verifyTotp(account.secret, code, now, account.lastUsedStep);
	if (!verified.ok) return { ok: false, reason: "code" };
	const updated = await db
		.update(accounts)
		.set({ totpLastUsedStep: verified.step })
		.where(
			and(
				eq(accounts.id, accountId),
				or(isNull(accounts.totpLastUsedStep), lt(accounts.totpLastUsedStep, verified.step)),
			),
		)
		.returning({ id: accounts.id });
	return updated.length === 1 ? { ok: true } : { ok: false, reason: "code" };
}
