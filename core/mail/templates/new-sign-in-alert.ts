// Sent when an account is used from a device it has not seen before: when, from what, roughly
// where, and a single-use link to report it.
import { z } from "zod";
import { displayName, instant, sitePath } from "./fields.ts";
import { formatInstant } from "./format.ts";
import { buildLink } from "./links.ts";
import { action, facts, type MailContext, paragraph, type RenderedMail } from "./mail-content.ts";
import { renderContent } from "./render-content.ts";

const label = z.string().trim().min(1).max(100);

export const newSignInAlertSchema = z.strictObject({
	displayName,
	signedInAt: instant,
	/** e.g. "Firefox sur Android". */
	device: label,
	/** Approximate place from the IP address, e.g. "près de Lyon, France"; absent when unknown. */
	approximatePlace: label.optional(),
	/** Single-use link that reports fraudulent use and ends every session. */
	fraudReportPath: sitePath,
});
export type NewSignInAlertData = z.output<typeof newSignInAlertSchema>;

export function renderNewSignInAlert(data: NewSignInAlertData, context: MailContext): RenderedMail {
	return renderContent(
		{
			subject: "Nouvelle connexion à votre compte",
			displayName: data.displayName,
			blocks: [
				paragraph("Votre compte vient d'être utilisé depuis un appareil que nous ne connaissions pas :"),
				facts(
					{ label: "Date", value: `${formatInstant(data.signedInAt)} (heure de Paris)` },
					{ label: "Appareil", value: data.device },
					data.approximatePlace !== undefined && { label: "Lieu approximatif", value: data.approximatePlace },
				),
				paragraph("Si c'est vous, vous n'avez rien à faire."),
				paragraph(
					"Si ce n'est pas vous, signalez-le tout de suite : nous fermerons toutes les sessions ouvertes sur votre compte et vous choisirez un nouveau mot de passe.",
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
