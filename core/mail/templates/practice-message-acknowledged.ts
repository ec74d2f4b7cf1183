// Acknowledges a practice's message sent from « Contact » in the espace professionnel, with its
// reference; the message itself is not repeated (it may name a patient).
import { z } from "zod";
import { calendarDay, displayName, reference, sitePath } from "./fields.ts";
import { formatDay } from "./format.ts";
import { buildLink } from "./links.ts";
import { facts, link, type MailContext, paragraph, type RenderedMail } from "./mail-content.ts";
import { renderContent } from "./render-content.ts";

export const practiceMessageAcknowledgedSchema = z.strictObject({
	displayName,
	reference,
	receivedOn: calendarDay,
	/** The message's page in the espace professionnel. */
	messagePath: sitePath,
});
export type PracticeMessageAcknowledgedData = z.output<typeof practiceMessageAcknowledgedSchema>;

export function renderPracticeMessageAcknowledged(
	data: PracticeMessageAcknowledgedData,
	context: MailContext,
): RenderedMail {
	return renderContent(
		{
			subject: `Votre message ${data.reference} a bien été reçu`,
			displayName: data.displayName,
			blocks: [
				paragraph(`Nous avons bien reçu le message de votre cabinet du ${formatDay(data.receivedOn)}.`),
				facts({ label: "Référence", value: data.reference }),
				paragraph("Notre réponse sera disponible dans votre espace professionnel."),
				link("Suivre mon message", buildLink(context.publicUrl, data.messagePath)),
				paragraph("Rappelez cette référence dans vos échanges avec nous."),
			],
		},
		context,
	);
}
