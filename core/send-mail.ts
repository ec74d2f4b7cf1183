// The one way to send an e-mail: render it now, write it to the outbox (`outgoing_mails`) and
// enqueue its delivery, all inside the caller's transaction. The queue message carries the
// mail's id only, so that no link token or personal data travels through the queue.
import { eq } from "drizzle-orm";
import { outgoingMails } from "../schema/tables/index.ts";
import {
	type MailContext,
	renderMail,
	type TemplateInput,
	type TemplateName,
} from "./mail/templates/index.ts";
import { mailAllowed } from "./notification-preferences.ts";
import { organisation } from "./organisation.ts";
import { type Executor, enqueue, enqueueMany } from "./queue.ts";

export interface QueueMailInput<N extends TemplateName> {
	readonly template: N;
	readonly data: TemplateInput<N>;
	readonly to: string;
	readonly accountId?: number | null;
	/** The same key twice writes one mail: e.g. `statement-available/<statement id>`. */
	readonly idempotencyKey: string;
	readonly now: Date;
	readonly publicUrl: URL;
}

export function mailContext(publicUrl: URL): MailContext {
	return { publicUrl, organisation };
}

/** The e-mail rendered now, as its outbox row. */
function outboxRow<N extends TemplateName>(input: QueueMailInput<N>): typeof outgoingMails.$inferInsert {
	const rendered = renderMail(input.template, input.data, mailContext(input.publicUrl));
	return {
		accountId: input.accountId ?? null,
		toAddress: input.to,
		subject: rendered.subject,
		textBody: rendered.text,
		htmlBody: rendered.html,
		template: input.template,
		status: "queued",
		idempotencyKey: input.idempotencyKey,
		createdAt: input.now,
	};
}

/**
 * Returns the id of the outbox row (the existing one when the key was already used), or null
 * when the account switched this kind of notification off (core/notification-preferences.ts).
 */
export async function queueMail<N extends TemplateName>(
	db: Executor,
	input: QueueMailInput<N>,
): Promise<{ mailId: number | null; created: boolean }> {
	if (!(await mailAllowed(db, input.template, input.accountId))) return { mailId: null, created: false };
	const inserted = await db
		.insert(outgoingMails)
		.values(outboxRow(input))
		.onConflictDoNothing()
		.returning({ id: outgoingMails.id });
	const created = inserted[0];
	if (!created) {
		const [existing] = await db
			.select({ id: outgoingMails.id })
			.from(outgoingMails)
			.where(eq(outgoingMails.idempotencyKey, input.idempotencyKey));
		if (!existing) throw new Error("queueMail: idempotency conflict without an existing row");
		return { mailId: existing.id, created: false };
	}
	await enqueue(
		db,
		{ type: "mail.queued", payload: { mailId: created.id } },
		{ now: input.now, idempotencyKey: `mail.queued:${created.id}` },
	);
	return { mailId: created.id, created: true };
}

/**
 * `queueMail` for many new e-mails at once (an import's invitations): each rendered as
 * `queueMail` does, the outbox rows and their jobs written by multi-row INSERTs in the caller's
 * transaction. A key already used writes nothing more, as with `queueMail`.
 */
export async function queueMails<N extends TemplateName>(
	db: Executor,
	inputs: readonly QueueMailInput<N>[],
): Promise<void> {
	const allowed: QueueMailInput<N>[] = [];
	for (const input of inputs) if (await mailAllowed(db, input.template, input.accountId)) allowed.push(input);
	for (let start = 0; start < allowed.length; start += 100) {
		const slice = allowed.slice(start, start + 100);
		const inserted = await db
			.insert(outgoingMails)
			.values(slice.map((input) => outboxRow(input)))
			.onConflictDoNothing()
			.returning({ id: outgoingMails.id });
		const now = slice[0]?.now ?? new Date();
		await enqueueMany(
			db,
			inserted.map((row) => ({
				message: { type: "mail.queued", payload: { mailId: row.id } },
				idempotencyKey: `mail.queued:${row.id}`,
			})),
			now,
		);
	}
}
