// Tells a practice that the insurer answered its message from « Contact »: the answer itself is
// read in the espace professionnel (it may name a patient), never in the mail.
import { z } from "zod";
import { displayName, reference, sitePath } from "./fields.ts";
import { buildLink } from "./links.ts";
import { action, type MailContext, paragraph, type RenderedMail } from "./mail-content.ts";
import { renderContent } from "./render-content.ts";

export const practiceMessageAnsweredSchema = z.strictObject({
	displayName,
	reference,
	/** The message's page in the espace professionnel. */
	messagePath: sitePath,
});
export type PracticeMessageAnsweredData = z.output<typeof practiceMessageAnsweredSchema>;

export function renderPracticeMessageAnswered(
	data: PracticeMessageAnsweredData,
	context: MailContext,
): RenderedMail {
	return renderContent(
		{
			subject: `Réponse à votre message ${data.reference}`,
			displayName: data.displayName,
			blocks: [
				paragraph(
					`Notre réponse à votre message ${data.reference} est disponible dans votre espace professionnel.`,
				),
				action("Lire la réponse", buildLink(context.publicUrl, data.messagePath)),
			],
		},
		context,
	);
}
