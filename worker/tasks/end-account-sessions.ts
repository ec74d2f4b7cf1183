// Ending every session of an account at once: used when it is closed, deleted or suspended.
import { eq } from "drizzle-orm";
import type { Executor } from "../../core/queue.ts";
import { sessions } from "../../schema/tables/index.ts";

export async function endAccountSessions(db: Executor, accountId: number): Promise<number> {
	const ended = await db
		.delete(sessions)
		.where(eq(sessions.accountId, accountId))
		.returning({ id: sessions.id });
	return ended.length;
}
