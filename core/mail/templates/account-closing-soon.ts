// Warns that the space will close (sent 30 and 7 days before): the online services last two years
// after the contract or the tiers-payant agreement ends (article 7 of the CGU). Says how to keep
// the statements before then.
import { z } from "zod";
import { calendarDay, displayName, sitePath } from "./fields.ts";
import { formatDay, formatDays } from "./format.ts";
import { buildLink, CGU_PATH } from "./links.ts";
import { action, link, type MailContext, paragraph, type RenderedMail } from "./mail-content.ts";
import { renderContent } from "./render-content.ts";

const ENDED: Record<"contract" | "tiers-payant-agreement", { readonly what: string; readonly end: string }> =
	{
		contract: { what: "Votre contrat", end: "la fin du contrat" },
		"tiers-payant-agreement": { what: "Votre convention de tiers payant", end: "la fin de la convention" },
	};

export const accountClosingSoonSchema = z.strictObject({
	displayName,
	/** 30, then 7. */
	daysLeft: z.number().int().min(1).max(366),
	closesOn: calendarDay,
	endedOn: calendarDay,
	/** What ended; most accounts belong to adhérents, whose contract ended. */
	ended: z.enum(["contract", "tiers-payant-agreement"]).default("contract"),
	/** Where the statements can be downloaded. */
	statementsPath: sitePath,
});
export type AccountClosingSoonData = z.output<typeof accountClosingSoonSchema>;

export function renderAccountClosingSoon(data: AccountClosingSoonData, context: MailContext): RenderedMail {
	const closesOn = formatDay(data.closesOn);
	const ended = ENDED[data.ended];
	return renderContent(
		{
			subject: `Votre espace en ligne sera fermé dans ${formatDays(data.daysLeft)}`,
			displayName: data.displayName,
			blocks: [
				paragraph(`${ended.what} a pris fin le ${formatDay(data.endedOn)}.`),
				paragraph(
					`Comme le prévoit l'article 7 des conditions générales d'utilisation, votre espace en ligne reste ouvert deux ans après ${ended.end}. Il sera fermé le ${closesOn}, dans ${formatDays(data.daysLeft)}.`,
				),
				paragraph("D'ici là, téléchargez les relevés de prestations que vous souhaitez garder :"),
				action("Télécharger mes relevés de prestations", buildLink(context.publicUrl, data.statementsPath)),
				paragraph(
					"Après cette date, vous ne pourrez plus vous connecter ; pour obtenir un document, il faudra nous contacter.",
				),
				link(
					"Lire l'article 7 des conditions générales d'utilisation",
					buildLink(context.publicUrl, `${CGU_PATH}#article-7`),
				),
			],
		},
		context,
	);
}
