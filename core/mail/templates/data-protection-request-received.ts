// Acknowledges a request about personal data, with its one-month deadline (GDPR art. 12(3)).
import { z } from "zod";
import { dataProtectionRequestLabels, dataProtectionRight } from "./data-protection-rights.ts";
import { calendarDay, displayName, reference, sitePath } from "./fields.ts";
import { formatDay } from "./format.ts";
import { buildLink } from "./links.ts";
import { facts, link, type MailContext, paragraph, type RenderedMail } from "./mail-content.ts";
import { renderContent } from "./render-content.ts";

export const dataProtectionRequestReceivedSchema = z.strictObject({
	displayName,
	right: dataProtectionRight,
	reference,
	receivedOn: calendarDay,
	/** One month after receipt. */
	answerDueBy: calendarDay,
	/** The request's page in the space. */
	requestPath: sitePath,
});
export type DataProtectionRequestReceivedData = z.output<typeof dataProtectionRequestReceivedSchema>;

export function renderDataProtectionRequestReceived(
	data: DataProtectionRequestReceivedData,
	context: MailContext,
): RenderedMail {
	const { dpo } = context.organisation;
	return renderContent(
		{
			subject: `Votre demande ${data.reference} sur vos données personnelles a bien été reçue`,
			displayName: data.displayName,
			blocks: [
				paragraph(
					`Nous avons bien reçu le ${formatDay(data.receivedOn)} ${dataProtectionRequestLabels[data.right]}.`,
				),
				facts(
					{ label: "Référence", value: data.reference },
					{ label: "Date limite de réponse", value: formatDay(data.answerDueBy) },
				),
				paragraph(
					"Nous vous répondons dans un délai d'un mois. Si votre demande est complexe, ce délai peut être prolongé de deux mois : nous vous le dirons avant la fin du premier mois.",
				),
				link("Suivre ma demande", buildLink(context.publicUrl, data.requestPath)),
				paragraph(`Pour toute question, écrivez à notre délégué à la protection des données : ${dpo.email}.`),
			],
		},
		context,
	);
}
