// Staff suspended, closed or reopened the account (article 7 of the CGU): the user is told at
// once, with the reason staff gave (a few words, no personal data) and whom to contact.
import { z } from "zod";
import { displayName } from "./fields.ts";
import { type MailContext, paragraph, type RenderedMail } from "./mail-content.ts";
import { renderContent } from "./render-content.ts";

export const accountStatusChangedSchema = z.strictObject({
	displayName,
	change: z.enum(["suspended", "closed", "reopened"]),
	reason: z.string().trim().min(1).max(200),
});
export type AccountStatusChangedData = z.output<typeof accountStatusChangedSchema>;

const SUBJECTS = {
	suspended: "Votre espace en ligne est suspendu",
	closed: "Votre espace en ligne a été fermé",
	reopened: "Votre espace en ligne est de nouveau ouvert",
} as const;

export function renderAccountStatusChanged(
	data: AccountStatusChangedData,
	context: MailContext,
): RenderedMail {
	const blocks =
		data.change === "reopened"
			? [paragraph("Vous pouvez de nouveau vous connecter à votre espace avec votre identifiant.")]
			: [
					paragraph(
						data.change === "suspended"
							? "Nos services ont suspendu votre compte : il n'est plus possible de s'y connecter, et toutes les sessions ouvertes ont été fermées."
							: "Nos services ont fermé votre compte, comme le prévoit l'article 7 des conditions générales d'utilisation ; toutes les sessions ouvertes ont été fermées.",
					),
					paragraph(`Motif : ${data.reason}`),
					paragraph(
						"Pour toute question, contactez nos services en indiquant votre identifiant (coordonnées sur la page « Nous contacter » du site).",
					),
				];
	return renderContent({ subject: SUBJECTS[data.change], displayName: data.displayName, blocks }, context);
}
