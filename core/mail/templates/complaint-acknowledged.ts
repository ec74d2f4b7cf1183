// Acknowledges a réclamation: sent within 10 jours ouvrables of its receipt unless it is answered
// by then, with the date by which the answer will come (2 months at most, ACPR 2022-R-01).
import { z } from "zod";
import { calendarDay, displayName, reference, sitePath } from "./fields.ts";
import { formatDay } from "./format.ts";
import { buildLink } from "./links.ts";
import { facts, link, type MailContext, paragraph, type RenderedMail } from "./mail-content.ts";
import { renderContent } from "./render-content.ts";

export const complaintAcknowledgedSchema = z.strictObject({
	displayName,
	reference,
	receivedOn: calendarDay,
	/** At most two months after receipt. */
	answerDueBy: calendarDay,
	/** The réclamation's page in the space. */
	complaintPath: sitePath,
});
export type ComplaintAcknowledgedData = z.output<typeof complaintAcknowledgedSchema>;

export function renderComplaintAcknowledged(
	data: ComplaintAcknowledgedData,
	context: MailContext,
): RenderedMail {
	return renderContent(
		{
			subject: `Votre réclamation ${data.reference} a bien été reçue`,
			displayName: data.displayName,
			blocks: [
				paragraph(`Nous avons bien reçu votre réclamation du ${formatDay(data.receivedOn)}.`),
				facts(
					{ label: "Référence", value: data.reference },
					{ label: "Date limite de réponse", value: formatDay(data.answerDueBy) },
				),
				paragraph(
					"Nous vous préviendrons par e-mail dès que notre réponse sera disponible dans votre espace.",
				),
				link("Suivre ma réclamation", buildLink(context.publicUrl, data.complaintPath)),
				paragraph("Rappelez cette référence dans vos échanges avec nous."),
			],
		},
		context,
	);
}
