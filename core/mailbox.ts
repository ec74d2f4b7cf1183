// The local mailbox (development and tests): the e-mails the portal sent, newest first, with the
// links found in their text, as the development page /dev/mails shows them.
import { desc } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { outgoingMails } from "../schema/tables/index.ts";
import { mailContent } from "./send-mail.ts";

export const MAILBOX_LIMIT = 200;
const URL_IN_TEXT = /https?:\/\/[^\s<>"')]+/g;

/** A mail queued to be rendered at delivery (core/send-mail.ts queueMails) shows as it will be sent. */
export async function listMails(db: Database, publicUrl: URL) {
	const rows = await db.select().from(outgoingMails).orderBy(desc(outgoingMails.id)).limit(MAILBOX_LIMIT);
	return rows.map((mail) => {
		const content = mailContent(mail, publicUrl);
		return {
			id: mail.id,
			to: mail.toAddress,
			subject: content.subject,
			template: mail.template,
			status: mail.status,
			text: content.text,
			html: content.html,
			links: [...new Set(content.text.match(URL_IN_TEXT) ?? [])],
			createdAt: mail.createdAt.toISOString(),
			sentAt: mail.sentAt?.toISOString() ?? null,
		};
	});
}
