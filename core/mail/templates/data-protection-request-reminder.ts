// To the insurer's staff: a data-protection request is still unanswered a few days before its
// one-month deadline (GDPR art. 12(3)). The mail names the request, never the person.
import { z } from "zod";
import type { DataProtectionRight } from "../../../schema/enums.ts";
import { dataProtectionRight } from "./data-protection-rights.ts";
import { calendarDay, displayName, reference, sitePath } from "./fields.ts";
import { formatDay } from "./format.ts";
import { buildLink } from "./links.ts";
import { action, facts, type MailContext, paragraph, type RenderedMail } from "./mail-content.ts";
import { renderContent } from "./render-content.ts";

export const dataProtectionRequestReminderSchema = z.strictObject({
	displayName,
	reference,
	right: dataProtectionRight,
	answerDueBy: calendarDay,
	/** The request in the back-office. */
	requestPath: sitePath,
});
const rightLabels: Record<DataProtectionRight, string> = {
	access: "accès",
	portability: "portabilité",
	rectification: "rectification",
	erasure: "effacement",
	limitation: "limitation du traitement",
	opposition: "opposition",
	consent_withdrawal: "retrait du consentement",
	post_mortem_directives: "directives après le décès",
};

export type DataProtectionRequestReminderData = z.output<typeof dataProtectionRequestReminderSchema>;

export function renderDataProtectionRequestReminder(
	data: DataProtectionRequestReminderData,
	context: MailContext,
): RenderedMail {
	return renderContent(
		{
			subject: `Demande ${data.reference} : réponse attendue avant le ${formatDay(data.answerDueBy)}`,
			displayName: data.displayName,
			blocks: [
				paragraph("Une demande d'exercice de droits sur les données personnelles attend encore sa réponse."),
				facts(
					{ label: "Référence", value: data.reference },
					{ label: "Droit exercé", value: rightLabels[data.right] },
					{ label: "Réponse due avant le", value: formatDay(data.answerDueBy) },
				),
				paragraph(
					"Le règlement général sur la protection des données impose de répondre dans un délai d'un mois.",
				),
				action("Traiter la demande", buildLink(context.publicUrl, data.requestPath)),
			],
		},
		context,
	);
}
