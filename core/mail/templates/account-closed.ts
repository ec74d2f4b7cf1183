// The account is closed: two years after the contract or the tiers-payant agreement ended
// (article 7 of the CGU), or at the user's request. What the law requires the insurer to keep is kept apart (GDPR art. 17(3)(b)).
import { z } from "zod";
import { calendarDay, displayName } from "./fields.ts";
import { formatDay, ofName } from "./format.ts";
import { type MailContext, paragraph, type RenderedMail } from "./mail-content.ts";
import { renderContent } from "./render-content.ts";

const ARTICLE_7 = "comme le prévoit l'article 7 des conditions générales d'utilisation";
const REASONS = {
	"contract-ended": `deux ans après la fin de votre contrat, ${ARTICLE_7}`,
	"tiers-payant-agreement-ended": `deux ans après la fin de votre convention de tiers payant, ${ARTICLE_7}`,
	"user-request": "comme vous l'avez demandé",
} as const;

export const accountClosedSchema = z.strictObject({
	displayName,
	closedOn: calendarDay,
	reason: z.enum(["contract-ended", "tiers-payant-agreement-ended", "user-request"]),
});
export type AccountClosedData = z.output<typeof accountClosedSchema>;

export function renderAccountClosed(data: AccountClosedData, context: MailContext): RenderedMail {
	const { organisation } = context;
	return renderContent(
		{
			subject: "Votre espace en ligne a été fermé",
			displayName: data.displayName,
			account: "closed",
			blocks: [
				paragraph(
					`Votre compte sur l'espace en ligne ${ofName(organisation.name)} a été fermé le ${formatDay(data.closedOn)}, ${REASONS[data.reason]}.`,
				),
				paragraph("Votre identifiant et votre mot de passe ne permettent plus de vous connecter."),
				paragraph(
					"Nous gardons à part, pour la durée fixée par la loi, les seules informations que la loi nous oblige à conserver, comme les documents comptables et ceux de vos remboursements.",
				),
			],
		},
		context,
	);
}
