// Resend when an API key is configured, the local mailbox otherwise (ARCHITECTURE.md). Production
// never falls back to the mailbox: nobody reads it there, and its messages are marked sent.
import { type Config, ConfigError } from "../../core/config.ts";
import { createMailboxMailer } from "./mailbox-mailer.ts";
import type { Mailer } from "./mailer.ts";
import { createResendMailer } from "./resend-mailer.ts";

export function selectMailer(mail: Config["mail"], env: Config["env"] = "development"): Mailer {
	if (!mail.resendApiKey) {
		if (env === "production") {
			throw new ConfigError(
				"Configuration invalide :\n- RESEND_API_KEY : doit être défini en production (aucun transport d'e-mail)",
			);
		}
		return createMailboxMailer();
	}
	return createResendMailer({
		apiKey: mail.resendApiKey,
		baseUrl: mail.resendBaseUrl,
		from: mail.from,
		replyTo: mail.replyTo,
	});
}
