// `statement.published`: a new relevé de prestations is in the member's space. The member's
// active account gets the `statement-available` e-mail, which says nothing of what the statement
// holds (acts, amounts and beneficiaries are health data and stay behind the sign-in). Safe to
// run twice: the mail's idempotency key is `statement-available/<statementId>`.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { queueMail } from "../../core/send-mail.ts";
import { accounts, members, persons, statements } from "../../schema/tables/index.ts";
import { type HandlerContext, PermanentJobError } from "./context.ts";

/** The message's payload; schema/messages.ts registers it as `"statement.published"`. */
export const statementPublishedSchema = z.strictObject({ statementId: z.number().int().positive() });
export type StatementPublishedPayload = z.infer<typeof statementPublishedSchema>;

/** Where the e-mail's button leads: the list, never the statement itself. */
export const STATEMENTS_PATH = "/adherent/releves";

export async function notifyStatementPublished(
	payload: StatementPublishedPayload,
	context: HandlerContext,
): Promise<void> {
	const [statement] = await context.db
		.select({ memberId: statements.memberId })
		.from(statements)
		.where(eq(statements.id, payload.statementId));
	if (!statement) throw new PermanentJobError(`statement ${payload.statementId} not found`);
	const [account] = await context.db
		.select({
			id: accounts.id,
			email: accounts.email,
			firstName: persons.firstName,
			lastName: persons.lastName,
		})
		.from(accounts)
		.innerJoin(members, eq(accounts.memberId, members.id))
		.innerJoin(persons, eq(members.personId, persons.id))
		.where(
			and(
				eq(accounts.memberId, statement.memberId),
				eq(accounts.space, "adherent"),
				eq(accounts.state, "active"),
			),
		)
		.limit(1);
	if (!account) {
		// No active account (not activated, suspended, closed): nobody to tell online.
		context.logger.info("statement published without an active account", {
			statementId: payload.statementId,
		});
		return;
	}
	await context.db.transaction(async (tx) => {
		await queueMail(tx, {
			template: "statement-available",
			data: { displayName: `${account.firstName} ${account.lastName}`, statementsPath: STATEMENTS_PATH },
			to: account.email,
			accountId: account.id,
			idempotencyKey: `statement-available/${payload.statementId}`,
			now: context.now,
			publicUrl: context.config.publicUrl,
		});
	});
}
