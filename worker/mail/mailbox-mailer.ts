// The development adapter: the `outgoing_mails` table is the mailbox. "Sending" accepts the
// message as it is; the delivery handler then marks the row sent, and `/dev/mails` shows it.
import type { Mailer } from "./mailer.ts";

export function createMailboxMailer(): Mailer {
	return {
		name: "mailbox",
		send: async (mail) => ({ ok: true, providerMessageId: `mailbox:${mail.idempotencyKey}` }),
	};
}
