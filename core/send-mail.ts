// The one way to send an e-mail: render it now (or, for mails queued in bulk, at delivery), write
// it to the outbox (`outgoing_mails`) and enqueue its delivery, all inside the caller's transaction. The queue message carries the
// mail's id only, so that no link token or personal data travels through the queue.
import { eq, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { outgoingMails } from "../schema/tables/index.ts";
import {
	isTemplateName,
	type MailContext,
	renderMail,
	type TemplateInput,
	type TemplateName,
	templateSchema,
} from "./mail/templates/index.ts";
import { mailAllowed } from "./notification-preferences.ts";
import { organisation } from "./organisation.ts";
import { DEFAULT_MAX_ATTEMPTS, type Executor, enqueue } from "./queue.ts";

type OutgoingMail = typeof outgoingMails.$inferSelect;

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
 * Many new e-mails of one template at once (an import's invitations), **rendered at delivery**:
 * each outbox row holds its template's input (`templateData`, checked against the template's
 * schema now) rather than its text and HTML, so that queueing 20 000 invitations writes a few
 * hundred bytes each instead of about 5 KB (ADR 0043). The worker renders it with the same
 * template (`mailContent`) when it sends it. The outbox rows and their jobs go as one JSON
 * parameter per slice, in the caller's transaction; a key already used writes nothing more, as
 * with `queueMail`, and an account that switched this kind of notification off gets none.
 */
export async function queueMails<N extends TemplateName>(
	db: Executor & Pick<Database, "all" | "run">,
	inputs: readonly QueueMailInput<N>[],
): Promise<void> {
	const allowed: QueueMailInput<N>[] = [];
	for (const input of inputs) if (await mailAllowed(db, input.template, input.accountId)) allowed.push(input);
	for (let start = 0; start < allowed.length; start += JSON_ROWS) {
		const slice = allowed.slice(start, start + JSON_ROWS);
		const at = (slice[0]?.now ?? new Date()).getTime();
		const rows = slice.map((input) => ({
			accountId: input.accountId ?? null,
			to: input.to,
			template: input.template,
			key: input.idempotencyKey,
			data: input.data,
		}));
		// A wrong input fails here, in the caller's transaction, rather than at delivery.
		for (const row of rows) templateSchema(row.template).parse(row.data);
		const inserted = await db.all<{ id: number }>(sql`
			INSERT INTO outgoing_mails (account_id, to_address, subject, text_body, html_body, template, status,
				idempotency_key, template_data, created_at)
			SELECT j.value ->> 'accountId', j.value ->> 'to', '', '', NULL, j.value ->> 'template', 'queued',
				j.value ->> 'key', j.value ->> 'data', ${at}
			FROM json_each(${JSON.stringify(rows)}) AS j WHERE true
			ON CONFLICT DO NOTHING RETURNING id`);
		if (inserted.length === 0) continue;
		await db.run(sql`
			INSERT INTO jobs (type, payload, status, attempts, max_attempts, available_at, idempotency_key, created_at,
				updated_at)
			SELECT 'mail.queued', json_object('mailId', j.value), 'pending', 0, ${DEFAULT_MAX_ATTEMPTS}, ${at},
				'mail.queued:' || j.value, ${at}, ${at}
			FROM json_each(${JSON.stringify(inserted.map((row) => Number(row.id)))}) AS j WHERE true
			ON CONFLICT DO NOTHING`);
	}
}

/** Rows carried by one JSON parameter. */
const JSON_ROWS = 1_000;

/**
 * What an outbox row sends: its stored subject and bodies, or, for a mail queued to be rendered
 * at delivery (`queueMails`), its template rendered now with its stored input.
 */
export function mailContent(
	row: Pick<OutgoingMail, "template" | "subject" | "textBody" | "htmlBody" | "templateData">,
	publicUrl: URL,
): { readonly subject: string; readonly text: string; readonly html: string } {
	if (row.templateData === null || row.templateData === undefined || !isTemplateName(row.template))
		return { subject: row.subject, text: row.textBody, html: row.htmlBody ?? "" };
	const rendered = renderMail(row.template, row.templateData as never, mailContext(publicUrl));
	return { subject: rendered.subject, text: rendered.text, html: rendered.html };
}
