import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../core/logger.ts";
import type { DatabaseHandle } from "../../db/client.ts";
import { DEMO_ACCOUNTS } from "../../demo/accounts.ts";
import { accounts, jobs, outgoingMails, statements } from "../../schema/tables/index.ts";
import { createSeededTestDatabase } from "../../tests/support/demo.ts";
import { createMailboxMailer } from "../mail/mailbox-mailer.ts";
import type { HandlerContext } from "./context.ts";
import { PermanentJobError } from "./context.ts";
import { notifyStatementPublished, statementPublishedSchema } from "./statement-published.ts";

const NOW = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;
let context: HandlerContext;

beforeAll(async () => {
	// The two demo families are written first, whatever the scale.
	handle = await createSeededTestDatabase({
		scale: 0.01,
		seed: 42,
		pepper: "test-pepper-long-enough-for-the-config-check",
		now: NOW,
	});
	context = {
		db: handle.db,
		logger: createLogger("silent"),
		now: NOW,
		mailer: createMailboxMailer(),
		config: { publicUrl: new URL("http://localhost:4321"), env: "test" },
		jobId: 1,
	};
}, 60_000);
afterAll(() => handle.client.close());

async function statementOf(identifier: string) {
	const [row] = await handle.db
		.select({
			id: statements.id,
			chargedCents: statements.chargedCents,
			mutuelleCents: statements.mutuelleCents,
		})
		.from(statements)
		.innerJoin(accounts, eq(accounts.memberId, statements.memberId))
		.where(eq(accounts.identifier, identifier))
		.limit(1);
	if (!row) throw new Error(`no statement for ${identifier}`);
	return row;
}

function mailsWithKey(key: string) {
	return handle.db.select().from(outgoingMails).where(eq(outgoingMails.idempotencyKey, key));
}

describe("a published statement", () => {
	it("queues one e-mail to the member's active account, even when handled twice", async () => {
		const statement = await statementOf(DEMO_ACCOUNTS.adherent1.identifier);
		const key = `statement-available/${statement.id}`;
		await notifyStatementPublished({ statementId: statement.id }, context);
		await notifyStatementPublished({ statementId: statement.id }, context);
		const mails = await mailsWithKey(key);
		expect(mails).toHaveLength(1);
		const [mail] = mails;
		expect(mail?.toAddress).toBe(DEMO_ACCOUNTS.adherent1.email);
		expect(mail?.template).toBe("statement-available");
		expect(mail?.subject).toBe("Un nouveau relevé de prestations est disponible");
		expect(mail?.textBody).toContain("http://localhost:4321/adherent/releves");
		const deliveries = await handle.db
			.select()
			.from(jobs)
			.where(eq(jobs.idempotencyKey, `mail.queued:${mail?.id}`));
		expect(deliveries).toHaveLength(1);
	});

	it("says nothing of what the statement holds: no amount, no act", async () => {
		const statement = await statementOf(DEMO_ACCOUNTS.adherent1.identifier);
		const [mail] = await mailsWithKey(`statement-available/${statement.id}`);
		const bodies = `${mail?.subject}\n${mail?.textBody}\n${mail?.htmlBody}`;
		expect(bodies).not.toMatch(/€|\d+,\d{2}/);
		expect(bodies).not.toMatch(/consultation|pharmacie|médicament|optique/i);
	});

	it("writes no e-mail when the member has no active account", async () => {
		const statement = await statementOf(DEMO_ACCOUNTS.adherent2.identifier);
		await handle.db
			.update(accounts)
			.set({ state: "suspended" })
			.where(eq(accounts.identifier, DEMO_ACCOUNTS.adherent2.identifier));
		try {
			await notifyStatementPublished({ statementId: statement.id }, context);
			expect(await mailsWithKey(`statement-available/${statement.id}`)).toEqual([]);
		} finally {
			await handle.db
				.update(accounts)
				.set({ state: "active" })
				.where(eq(accounts.identifier, DEMO_ACCOUNTS.adherent2.identifier));
		}
	});

	it("fails for good on a statement that does not exist", async () => {
		await expect(notifyStatementPublished({ statementId: 987_654_321 }, context)).rejects.toBeInstanceOf(
			PermanentJobError,
		);
	});

	it("accepts only a statement id as its message", () => {
		expect(statementPublishedSchema.safeParse({ statementId: 12 }).success).toBe(true);
		expect(statementPublishedSchema.safeParse({ statementId: "12" }).success).toBe(false);
		expect(statementPublishedSchema.safeParse({ statementId: 12, amount: 1 }).success).toBe(false);
	});
});
