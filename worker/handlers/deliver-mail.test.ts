// Mails queued in bulk (core/send-mail.ts queueMails: an import's invitations) are rendered by
// the worker when it sends them (ADR 0043): each is sent exactly once, with the content that
// rendering it at queueing (queueMail) gives, and its link leaves the outbox once sent.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../core/logger.ts";
import { renderMail } from "../../core/mail/templates/index.ts";
import { mailContext, queueMail, queueMails } from "../../core/send-mail.ts";
import type { DatabaseHandle } from "../../db/client.ts";
import { jobs, outgoingMails } from "../../schema/tables/index.ts";
import { createTestDatabase } from "../../tests/support/test-database.ts";
import type { Mailer, OutgoingMail } from "../mail/mailer.ts";
import type { HandlerContext } from "./context.ts";
import { deliverMail, REDACTED_BODY } from "./deliver-mail.ts";

const NOW = new Date("2026-11-26T09:00:00Z");
const PUBLIC_URL = new URL("http://localhost:4321");
let handle: DatabaseHandle;

function invitation(index: number) {
	return {
		template: "account-activation" as const,
		data: {
			identifier: String(1100000000 + index),
			activationPath: `/compte/activer?jeton=${"a".repeat(31)}${"bcdefg"[index] ?? "h"}`,
			displayName: `Salarié ${index}`,
		},
		to: `salarie.${index}@exemple.fr`,
		accountId: null,
		idempotencyKey: `account-activation/test-${index}`,
		now: NOW,
		publicUrl: PUBLIC_URL,
	};
}

function recordingMailer(name: string): Mailer & { readonly sent: OutgoingMail[] } {
	const sent: OutgoingMail[] = [];
	return {
		name,
		sent,
		async send(mail) {
			sent.push(mail);
			return { ok: true, providerMessageId: `provider-${sent.length}` };
		},
	};
}

async function deliverAll(mailer: Mailer): Promise<void> {
	const queued = await handle.db.select().from(jobs).where(eq(jobs.type, "mail.queued"));
	const context: HandlerContext = {
		db: handle.db,
		logger: createLogger("silent"),
		now: NOW,
		mailer,
		config: { publicUrl: PUBLIC_URL, env: "test" },
		jobId: 1,
	};
	// Twice: a job replayed after a crash must not send again.
	for (let round = 0; round < 2; round++)
		for (const job of queued) await deliverMail({ mailId: Number(job.payload.mailId) }, context);
}

beforeAll(async () => {
	handle = await createTestDatabase();
});
afterAll(() => handle.client.close());

describe("mails queued in bulk, rendered at delivery", () => {
	it("are stored without their text, then sent once each with the text rendering at queueing gives", async () => {
		await queueMail(handle.db, invitation(0));
		await handle.db.transaction(async (tx) => {
			await queueMails(tx, [invitation(1), invitation(2), invitation(1)]);
		});
		const rows = await handle.db.select().from(outgoingMails).orderBy(outgoingMails.id);
		expect(rows.map((row) => row.toAddress)).toEqual([
			"salarie.0@exemple.fr",
			"salarie.1@exemple.fr",
			"salarie.2@exemple.fr",
		]);
		expect(rows[0]?.templateData).toBeNull();
		expect(rows.slice(1).map((row) => [row.textBody, row.htmlBody])).toEqual([
			["", null],
			["", null],
		]);
		expect(await handle.db.select().from(jobs)).toHaveLength(3);

		const mailer = recordingMailer("resend");
		await deliverAll(mailer);
		expect(mailer.sent).toHaveLength(3);
		for (const index of [0, 1, 2]) {
			const expected = renderMail("account-activation", invitation(index).data, mailContext(PUBLIC_URL));
			const sent = mailer.sent.find((mail) => mail.to === `salarie.${index}@exemple.fr`);
			expect(sent).toMatchObject({ subject: expected.subject, text: expected.text, html: expected.html });
		}
		// Outside the local mailbox the link does not stay in the outbox once sent.
		const after = await handle.db.select().from(outgoingMails).orderBy(outgoingMails.id);
		for (const row of after)
			expect(row).toMatchObject({ status: "sent", textBody: REDACTED_BODY, templateData: null });
	});

	it("are kept rendered by the local mailbox, which shows what was sent", async () => {
		await handle.db.transaction(async (tx) => queueMails(tx, [invitation(3)]));
		const mailer = recordingMailer("mailbox");
		await deliverAll(mailer);
		expect(mailer.sent).toHaveLength(1);
		const [row] = await handle.db
			.select()
			.from(outgoingMails)
			.where(eq(outgoingMails.toAddress, "salarie.3@exemple.fr"));
		expect(row).toMatchObject({ status: "sent", templateData: null, subject: mailer.sent[0]?.subject });
		expect(row?.textBody).toContain("http://localhost:4321/compte/activer?jeton=");
	});

	it("refuse an input the template does not accept, before anything is written", async () => {
		const before = await handle.db.select().from(outgoingMails);
		await expect(
			queueMails(handle.db, [
				{ ...invitation(4), data: { ...invitation(4).data, activationPath: 12 as never } },
			]),
		).rejects.toThrow();
		expect(await handle.db.select().from(outgoingMails)).toHaveLength(before.length);
	});
});
