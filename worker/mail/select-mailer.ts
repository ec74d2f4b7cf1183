// Resend when an API key is configured, the local mailbox otherwise (ARCHITECTURE.md).
import type { Config } from "../../core/config.ts";
import { createMailboxMailer } from "./mailbox-mailer.ts";
import type { Mailer } from "./mailer.ts";
import { createResendMailer } from "./resend-mailer.ts";

export function selectMailer(mail: Config["mail"]): Mailer {
	if (!mail.resendApiKey) return createMailboxMailer();
	return createResendMailer({
		apiKey: mail.resendApiKey,
		baseUrl: mail.resendBaseUrl,
		from: mail.from,
		replyTo: mail.replyTo,
	});
}
