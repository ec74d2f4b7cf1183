// The answer to a request about personal data is in the space; the mail says where to turn if
// it does not satisfy (the DPO, then the CNIL: GDPR art. 12(4) and 77).
import { z } from "zod";
import { dataProtectionRequestLabels, dataProtectionRight } from "./data-protection-rights.ts";
import { displayName, reference, sitePath } from "./fields.ts";
import { buildLink } from "./links.ts";
import { action, type MailContext, paragraph, type RenderedMail } from "./mail-content.ts";
import { renderContent } from "./render-content.ts";

export const dataProtectionRequestAnsweredSchema = z.strictObject({
	displayName,
	right: dataProtectionRight,
	reference,
	/** The page of the space where the answer can be read. */
	answerPath: sitePath,
});
export type DataProtectionRequestAnsweredData = z.output<typeof dataProtectionRequestAnsweredSchema>;

export function renderDataProtectionRequestAnswered(
	data: DataProtectionRequestAnsweredData,
	context: MailContext,
): RenderedMail {
	const { dpo, cnil } = context.organisation;
	return renderContent(
		{
			subject: `Réponse à votre demande ${data.reference} sur vos données personnelles`,
			displayName: data.displayName,
			blocks: [
				paragraph(
					`Notre réponse à ${dataProtectionRequestLabels[data.right]} (référence ${data.reference}) est disponible dans votre espace.`,
				),
				action("Lire la réponse", buildLink(context.publicUrl, data.answerPath)),
				paragraph(
					`Si elle ne vous satisfait pas, écrivez à notre délégué à la protection des données (${dpo.email}). Vous pouvez aussi adresser une réclamation à la ${cnil.name}, sur ${new URL(cnil.website).host}.`,
				),
			],
		},
		context,
	);
}
