// The bank-details change has applied. Only the last 4 characters of the IBAN (SECURITY.md).
import { z } from "zod";
import { calendarDay, displayName, ibanLast4 } from "./fields.ts";
import { formatDay } from "./format.ts";
import { buildLink, CONTACT_PATH } from "./links.ts";
import { facts, link, type MailContext, paragraph, type RenderedMail } from "./mail-content.ts";
import { renderContent } from "./render-content.ts";

export const bankDetailsChangeConfirmedSchema = z.strictObject({
	displayName,
	ibanLast4,
	effectiveOn: calendarDay,
});
export type BankDetailsChangeConfirmedData = z.output<typeof bankDetailsChangeConfirmedSchema>;

export function renderBankDetailsChangeConfirmed(
	data: BankDetailsChangeConfirmedData,
	context: MailContext,
): RenderedMail {
	return renderContent(
		{
			subject: "Vos coordonnées bancaires ont été changées",
			displayName: data.displayName,
			blocks: [
				paragraph(
					`Vos nouvelles coordonnées bancaires s'appliquent depuis le ${formatDay(data.effectiveOn)}.`,
				),
				facts({ label: "Compte utilisé", value: `IBAN se terminant par ${data.ibanLast4}` }),
				paragraph("Si vous n'êtes pas à l'origine de ce changement, contactez-nous sans attendre :"),
				link("Nous contacter", buildLink(context.publicUrl, CONTACT_PATH)),
			],
		},
		context,
	);
}
