// The archive of « Mes données » that the worker built for a large account (ADR 0038). The mail
// holds a link only: the archive itself opens after sign-in, for its owner, for 7 days.
import { z } from "zod";
import { displayName, instant, sitePath } from "./fields.ts";
import { formatInstant } from "./format.ts";
import { buildLink } from "./links.ts";
import { action, type MailContext, paragraph, type RenderedMail } from "./mail-content.ts";
import { renderContent } from "./render-content.ts";

export const dataExportReadySchema = z.strictObject({
	displayName,
	/** The archive's page on the space: it needs the owner's session. */
	downloadPath: sitePath,
	expiresAt: instant,
});
export type DataExportReadyData = z.output<typeof dataExportReadySchema>;

export function renderDataExportReady(data: DataExportReadyData, context: MailContext): RenderedMail {
	return renderContent(
		{
			subject: "L'archive de vos données personnelles est prête",
			displayName: data.displayName,
			blocks: [
				paragraph(
					"L'archive de vos données personnelles que vous avez demandée depuis la page « Mes données » de votre espace est prête.",
				),
				action("Télécharger mes données", buildLink(context.publicUrl, data.downloadPath)),
				paragraph(
					`Le lien ne fonctionne qu'une fois connecté à votre espace, avec votre compte, jusqu'au ${formatInstant(data.expiresAt)} (heure de Paris). Passé ce délai, l'archive est supprimée : vous pourrez en demander une nouvelle.`,
				),
				paragraph(
					"Si vous n'êtes pas à l'origine de cette demande, changez votre mot de passe et écrivez-nous depuis votre espace.",
				),
			],
		},
		context,
	);
}
