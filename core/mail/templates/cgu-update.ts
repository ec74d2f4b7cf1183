// Announces a new version of the terms of use before it applies; the user accepts it at the next
// sign-in after that date (article 2 of the CGU).
import { z } from "zod";
import { calendarDay, displayName, sitePath } from "./fields.ts";
import { formatDay } from "./format.ts";
import { buildLink } from "./links.ts";
import { action, type MailContext, paragraph, type RenderedMail } from "./mail-content.ts";
import { renderContent } from "./render-content.ts";

export const cguUpdateSchema = z.strictObject({
	displayName,
	/** e.g. "2.0". */
	version: z.string().regex(/^\d{1,3}(\.\d{1,3}){0,2}(-[a-z]{1,12})?$/, "numéro de version invalide"),
	effectiveOn: calendarDay,
	/** The page that shows what changed, e.g. "/cgu/2.0". */
	changesPath: sitePath,
});
export type CguUpdateData = z.output<typeof cguUpdateSchema>;

export function renderCguUpdate(data: CguUpdateData, context: MailContext): RenderedMail {
	return renderContent(
		{
			subject: "Nos conditions générales d'utilisation changent",
			displayName: data.displayName,
			blocks: [
				paragraph(
					`Les conditions générales d'utilisation (CGU) de l'espace en ligne changent : la version ${data.version} s'appliquera à partir du ${formatDay(data.effectiveOn)}.`,
				),
				action("Voir ce qui change", buildLink(context.publicUrl, data.changesPath)),
				paragraph(
					"À votre première connexion à partir de cette date, nous vous demanderons de lire et d'accepter la nouvelle version.",
				),
			],
		},
		context,
	);
}
