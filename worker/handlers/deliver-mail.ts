// `mail.queued`: hands an outbox e-mail to the mailer. Idempotent: a mail already sent is not
// sent again, and the provider receives the mail's own idempotency key on every attempt, so a
// job replayed after a crash between "sent" and "done" never sends twice.
import { eq } from "drizzle-orm";
import { isTemplateName } from "../../core/mail/templates/index.ts";
import { mailContent } from "../../core/send-mail.ts";
import type { MessagePayload } from "../../schema/messages.ts";
import { outgoingMails } from "../../schema/tables/index.ts";
import { DEFAULT_DEFER_MS, isDeferral } from "../mail/mailer.ts";
import { DeferredJobError, type HandlerContext, PermanentJobError, TransientJobError } from "./context.ts";

/** Outside the local mailbox, bodies (which may hold single-use links) are not kept once sent. */
export const REDACTED_BODY = "(contenu non conservé après l'envoi)";

export async function deliverMail(
	payload: MessagePayload<"mail.queued">,
	context: HandlerContext,
): Promise<void> {
	const [mail] = await context.db.select().from(outgoingMails).where(eq(outgoingMails.id, payload.mailId));
	if (!mail) throw new PermanentJobError(`outgoing mail ${payload.mailId} not found`);
	if (mail.status === "sent") return;
	if (!isTemplateName(mail.template)) throw new PermanentJobError(`unknown template ${mail.template}`);
	// A mail queued in bulk is rendered now, from its template's stored input (ADR 0043).
	const content = mailContent(mail, context.config.publicUrl);
	const result = await context.mailer.send({
		to: mail.toAddress,
		subject: content.subject,
		text: content.text,
		html: content.html,
		template: mail.template,
		idempotencyKey: mail.idempotencyKey,
	});
	if (!result.ok) {
		if (isDeferral(result)) throw new DeferredJobError(result.error, result.retryAfterMs ?? DEFAULT_DEFER_MS);
		await context.db.update(outgoingMails).set({ error: result.error }).where(eq(outgoingMails.id, mail.id));
		throw result.retryable ? new TransientJobError(result.error) : new PermanentJobError(result.error);
	}
	const keepBodies = context.mailer.name === "mailbox";
	await context.db
		.update(outgoingMails)
		.set({
			status: "sent",
			sentAt: context.now,
			providerMessageId: result.providerMessageId,
			error: null,
			// The local mailbox keeps what was sent; elsewhere the link it may hold goes.
			...(keepBodies
				? { subject: content.subject, textBody: content.text, htmlBody: content.html }
				: { textBody: REDACTED_BODY, htmlBody: null }),
			templateData: null,
		})
		.where(eq(outgoingMails.id, mail.id));
}
