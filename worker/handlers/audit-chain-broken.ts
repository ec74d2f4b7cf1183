// `audit.chain_broken`: the daily verification found a record of the audit trail altered or
// missing. The trail is the insurer's proof (article 3 of the CGU), so staff must know today.
import { and, eq } from "drizzle-orm";
import type { MessagePayload } from "../../schema/messages.ts";
import { accounts } from "../../schema/tables/index.ts";
import type { HandlerContext } from "./context.ts";

export async function alertAuditChainBroken(
	payload: MessagePayload<"audit.chain_broken">,
	context: HandlerContext,
): Promise<void> {
	const staff = await context.db
		.select({ id: accounts.id })
		.from(accounts)
		.where(and(eq(accounts.space, "gestionnaire"), eq(accounts.state, "active")));
	context.logger.error("audit chain broken", {
		firstBrokenSeq: payload.firstBrokenSeq,
		// The logger takes flat values: the list as text.
		brokenSeqs: payload.brokenSeqs?.join(",") ?? null,
		brokenCount: payload.brokenCount,
		checkedAt: payload.checkedAt,
		staffAccounts: staff.length,
	});
}
