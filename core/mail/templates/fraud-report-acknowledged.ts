// Confirms a report of fraudulent use: the sessions are closed and the user sets a new password.
import { z } from "zod";
import { displayName, instant, reference, sitePath } from "./fields.ts";
import { formatInstant } from "./format.ts";
import { buildLink } from "./links.ts";
import { action, facts, type MailContext, paragraph, type RenderedMail } from "./mail-content.ts";
import { PASSWORD_RESET_LINK_VALIDITY_MINUTES } from "./password-reset.ts";
import { renderContent } from "./render-content.ts";

export const fraudReportAcknowledgedSchema = z.strictObject({
	displayName,
	reference,
	reportedAt: instant,
	/** Single-use password reset link, valid 30 minutes. */
	resetPath: sitePath,
});
export type FraudReportAcknowledgedData = z.output<typeof fraudReportAcknowledgedSchema>;

export function renderFraudReportAcknowledged(
	data: FraudReportAcknowledgedData,
	context: MailContext,
): RenderedMail {
	return renderContent(
		{
			subject: "Votre signalement d'utilisation frauduleuse",
			displayName: data.displayName,
			blocks: [
				paragraph(
					`Nous avons bien reçu votre signalement d'utilisation frauduleuse du ${formatInstant(data.reportedAt)} (heure de Paris).`,
				),
				facts({ label: "Référence", value: data.reference }),
				paragraph("Par sécurité, toutes les sessions ouvertes sur votre compte ont été fermées."),
				paragraph("Pour accéder de nouveau à votre espace, choisissez un nouveau mot de passe :"),
				action("Choisir un nouveau mot de passe", buildLink(context.publicUrl, data.resetPath)),
				paragraph(
					`Ce lien est valable ${PASSWORD_RESET_LINK_VALIDITY_MINUTES} minutes et ne sert qu'une fois.`,
				),
				paragraph(
					"Nous vérifions les opérations faites depuis votre compte et vous contacterons si nécessaire.",
				),
			],
		},
		context,
	);
}
