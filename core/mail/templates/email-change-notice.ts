// Sent to the CURRENT address when a change of address is asked, so that a holder whose account
// is misused learns it where the attacker cannot intercept it.
import { z } from "zod";
import { displayName, instant, sitePath } from "./fields.ts";
import { formatInstant } from "./format.ts";
import { buildLink } from "./links.ts";
import { action, type MailContext, paragraph, type RenderedMail } from "./mail-content.ts";
import { renderContent } from "./render-content.ts";

export const emailChangeNoticeSchema = z.strictObject({
	displayName,
	requestedAt: instant,
	/** Single-use link that reports fraudulent use and ends every session. */
	fraudReportPath: sitePath,
});
export type EmailChangeNoticeData = z.output<typeof emailChangeNoticeSchema>;

export function renderEmailChangeNotice(data: EmailChangeNoticeData, context: MailContext): RenderedMail {
	return renderContent(
		{
			subject: "Demande de changement de votre adresse e-mail",
			displayName: data.displayName,
			blocks: [
				paragraph(
					`Un changement de l'adresse e-mail de votre compte a été demandé le ${formatInstant(data.requestedAt)} (heure de Paris).`,
				),
				paragraph("La nouvelle adresse doit encore être confirmée. Si c'est vous, vous n'avez rien à faire."),
				paragraph(
					"Si ce n'est pas vous, signalez-le tout de suite : nous bloquerons la connexion et fermerons toutes les sessions.",
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
