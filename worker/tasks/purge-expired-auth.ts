// Every 5 minutes: sessions past their idle or absolute expiry and one-time tokens past their
// validity are deleted, so that a stolen token is worth nothing once expired, even in a backup.
import { lt, or } from "drizzle-orm";
import { oneTimeTokens, sessions } from "../../schema/tables/index.ts";
import type { ScheduledTask } from "./task.ts";

export const purgeExpiredAuth: ScheduledTask = {
	name: "purge-expired-auth",
	cron: "*/5 * * * *",
	description: "Supprime les sessions et les jetons à usage unique expirés.",
	async run({ db, now }) {
		const endedSessions = await db
			.delete(sessions)
			.where(or(lt(sessions.expiresAt, now), lt(sessions.absoluteExpiresAt, now)))
			.returning({ id: sessions.id });
		const expiredTokens = await db
			.delete(oneTimeTokens)
			.where(lt(oneTimeTokens.expiresAt, now))
			.returning({ id: oneTimeTokens.id });
		return { sessions: endedSessions.length, tokens: expiredTokens.length };
	},
};
