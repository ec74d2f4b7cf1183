// Sent after every password change or reset, with a way to react if it was not the user.
import { z } from "zod";
import { displayName, instant, sitePath } from "./fields.ts";
import { formatInstant } from "./format.ts";
import { buildLink } from "./links.ts";
import { action, type MailContext, paragraph, type RenderedMail } from "./mail-content.ts";
import { renderContent } from "./render-content.ts";

export const passwordChangedSchema = z.strictObject({
	displayName,
	changedAt: instant,
	/** Single-use link that reports fraudulent use and ends every session. */
	fraudReportPath: sitePath,
});
export type PasswordChangedData = z.output<typeof passwordChangedSchema>;

export function renderPasswordChanged(data: PasswordChangedData, context: MailContext): RenderedMail {
	return renderContent(
		{
			subject: "Votre mot de passe a été changé",
			displayName: data.displayName,
			blocks: [
				paragraph(
					`Le mot de passe de votre compte a été changé le ${formatInstant(data.changedAt)} (heure de Paris).`,
				),
				paragraph("Si c'est vous, vous n'avez rien à faire."),
				paragraph(
					"Si ce n'est pas vous, signalez-le tout de suite : nous fermerons toutes les sessions ouvertes sur votre compte.",
				),
				action(
					"Ce n'est pas moi : signaler une utilisation frauduleuse",
					buildLink(context.publicUrl, data.fraudReportPath),
				),
			],
		},
		context,
	);
}
