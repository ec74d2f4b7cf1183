// The local mailbox (development and tests): the e-mails the portal sent, newest first, with the
// links found in their text, as the development page /dev/mails shows them.
import { desc } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { outgoingMails } from "../schema/tables/index.ts";

export const MAILBOX_LIMIT = 200;
const URL_IN_TEXT = /https?:\/\/[^\s<>"')]+/g;

export async function listMails(db: Database) {
	const rows = await db.select().from(outgoingMails).orderBy(desc(outgoingMails.id)).limit(MAILBOX_LIMIT);
	return rows.map((mail) => ({
		id: mail.id,
		to: mail.toAddress,
		subject: mail.subject,
		template: mail.template,
		status: mail.status,
		text: mail.textBody,
		html: mail.htmlBody,
		links: [...new Set(mail.textBody.match(URL_IN_TEXT) ?? [])],
		createdAt: mail.createdAt.toISOString(),
		sentAt: mail.sentAt?.toISOString() ?? null,
	}));
}
