// Sent to the NEW address when a holder asks to change it: the change only happens through this
// single-use link, which proves the address is theirs.
import { z } from "zod";
import { displayName, sitePath } from "./fields.ts";
import { buildLink } from "./links.ts";
import { action, type MailContext, paragraph, type RenderedMail } from "./mail-content.ts";
import { renderContent } from "./render-content.ts";

export const emailChangeConfirmationSchema = z.strictObject({
	displayName,
	/** Single-use link, valid 24 hours. */
	confirmationPath: sitePath,
});
export type EmailChangeConfirmationData = z.output<typeof emailChangeConfirmationSchema>;

export function renderEmailChangeConfirmation(
	data: EmailChangeConfirmationData,
	context: MailContext,
): RenderedMail {
	return renderContent(
		{
			subject: "Confirmez votre nouvelle adresse e-mail",
			displayName: data.displayName,
			blocks: [
				paragraph(
					"Vous avez demandé à utiliser cette adresse e-mail pour votre compte. Confirmez-la avec le lien ci-dessous, valable 24 heures.",
				),
				action("Confirmer ma nouvelle adresse", buildLink(context.publicUrl, data.confirmationPath)),
				paragraph(
					"Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : l'adresse de votre compte ne changera pas.",
				),
			],
		},
		context,
	);
}
