// A reimbursement was paid. Only the date: the amount, the act or the beneficiary could reveal
// health data, so they stay in the space.
import { z } from "zod";
import { calendarDay, displayName, sitePath } from "./fields.ts";
import { formatDay } from "./format.ts";
import { buildLink } from "./links.ts";
import { action, type MailContext, paragraph, type RenderedMail } from "./mail-content.ts";
import { renderContent } from "./render-content.ts";

export const paymentNoticeSchema = z.strictObject({
	displayName,
	paidOn: calendarDay,
	/** The payments page of the space. */
	paymentsPath: sitePath,
});
export type PaymentNoticeData = z.output<typeof paymentNoticeSchema>;

export function renderPaymentNotice(data: PaymentNoticeData, context: MailContext): RenderedMail {
	return renderContent(
		{
			subject: "Un remboursement vous a été versé",
			displayName: data.displayName,
			blocks: [
				paragraph(`Nous vous avons versé un remboursement le ${formatDay(data.paidOn)}.`),
				paragraph(
					"Le détail est dans votre espace. Pour protéger vos données de santé, ce message ne le donne pas.",
				),
				action("Voir mes remboursements", buildLink(context.publicUrl, data.paymentsPath)),
			],
		},
		context,
	);
}
