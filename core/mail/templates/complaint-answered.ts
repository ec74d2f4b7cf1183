// The answer to a réclamation is in the space (never in the mail). Every such mail names the
// mediator from the organisation config: a refusal must state the remedies (ACPR 2022-R-01), and
// the mail cannot tell whether the user will find the answer satisfying.
import { z } from "zod";
import { formatAddress } from "../../organisation.ts";
import { displayName, reference, sitePath } from "./fields.ts";
import { buildLink } from "./links.ts";
import { action, address, type MailContext, paragraph, type RenderedMail } from "./mail-content.ts";
import { renderContent } from "./render-content.ts";

export const complaintAnsweredSchema = z.strictObject({
	displayName,
	reference,
	/** The page of the space where the answer can be read. */
	answerPath: sitePath,
});
export type ComplaintAnsweredData = z.output<typeof complaintAnsweredSchema>;

export function renderComplaintAnswered(data: ComplaintAnsweredData, context: MailContext): RenderedMail {
	const { mediator } = context.organisation;
	return renderContent(
		{
			subject: `Réponse à votre réclamation ${data.reference}`,
			displayName: data.displayName,
			blocks: [
				paragraph(`Notre réponse à votre réclamation ${data.reference} est disponible dans votre espace.`),
				action("Lire la réponse", buildLink(context.publicUrl, data.answerPath)),
				paragraph(
					`Si notre réponse ne vous satisfait pas, vous pouvez saisir gratuitement le ${mediator.name} dans l'année qui suit votre réclamation écrite :`,
				),
				address([...formatAddress(mediator.address), `Site internet : ${new URL(mediator.website).host}`]),
			],
		},
		context,
	);
}
