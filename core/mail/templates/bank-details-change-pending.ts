// A bank-details change waits for its cooling-off period; this mail goes to the previous contact
// address with a link to cancel it. It shows only the last 4 characters of the new IBAN.
import { z } from "zod";
import { calendarDay, displayName, ibanLast4, instant, sitePath } from "./fields.ts";
import { formatDay, formatInstant } from "./format.ts";
import { buildLink } from "./links.ts";
import { action, facts, type MailContext, paragraph, type RenderedMail } from "./mail-content.ts";
import { renderContent } from "./render-content.ts";

export const bankDetailsChangePendingSchema = z.strictObject({
	displayName,
	ibanLast4,
	requestedAt: instant,
	/** The day the change applies, after the cooling-off period. */
	effectiveOn: calendarDay,
	/** Single-use link that cancels the change. */
	cancelPath: sitePath,
});
export type BankDetailsChangePendingData = z.output<typeof bankDetailsChangePendingSchema>;

export function renderBankDetailsChangePending(
	data: BankDetailsChangePendingData,
	context: MailContext,
): RenderedMail {
	const effectiveOn = formatDay(data.effectiveOn);
	return renderContent(
		{
			subject: "Changement de vos coordonnées bancaires en attente",
			displayName: data.displayName,
			blocks: [
				paragraph(
					`Une demande de changement de vos coordonnées bancaires a été faite depuis votre compte le ${formatInstant(data.requestedAt)} (heure de Paris).`,
				),
				facts(
					{ label: "Nouveau compte", value: `IBAN se terminant par ${data.ibanLast4}` },
					{ label: "Date de prise en compte", value: effectiveOn },
				),
				paragraph(
					`Par sécurité, ce changement ne s'appliquera que le ${effectiveOn}. D'ici là, vous pouvez l'annuler.`,
				),
				paragraph(
					"Si c'est vous, vous n'avez rien à faire. Si ce n'est pas vous, annulez-le tout de suite :",
				),
				action("Annuler ce changement", buildLink(context.publicUrl, data.cancelPath)),
			],
		},
		context,
	);
}
