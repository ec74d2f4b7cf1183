// The insurer's staff blocked a company's bank-details change during its cooling-off period (a
// suspected fraud): the mandate in force stays, the reason is given, and the company is told how
// to ask again. Only the last 4 characters of the refused IBAN are shown.
import { z } from "zod";
import { displayName, ibanLast4 } from "./fields.ts";
import { facts, type MailContext, paragraph, type RenderedMail } from "./mail-content.ts";
import { renderContent } from "./render-content.ts";

export const bankDetailsChangeBlockedSchema = z.strictObject({
	displayName,
	ibanLast4,
	/** Written by staff, at most 500 characters. */
	reason: z.string().trim().min(1).max(500),
});
export type BankDetailsChangeBlockedData = z.output<typeof bankDetailsChangeBlockedSchema>;

export function renderBankDetailsChangeBlocked(
	data: BankDetailsChangeBlockedData,
	context: MailContext,
): RenderedMail {
	return renderContent(
		{
			subject: "Changement de coordonnées bancaires bloqué",
			displayName: data.displayName,
			blocks: [
				paragraph(
					`Nous avons bloqué le changement de coordonnées bancaires de votre entreprise vers le compte se terminant par ${data.ibanLast4} : il ne sera pas appliqué, et les prélèvements restent sur le compte actuel.`,
				),
				facts({ label: "Motif", value: data.reason }),
				paragraph(
					"Si vous êtes bien à l'origine de ce changement, contactez-nous, puis refaites la demande depuis votre espace employeur.",
				),
			],
		},
		context,
	);
}
