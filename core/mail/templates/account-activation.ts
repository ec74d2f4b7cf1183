// Account activation: the numeric identifier and a single-use link where the user chooses the
// password. The terms say the password is "delivered by e-mail"; it never is (SECURITY.md, CNIL
// SAN-2021-021): the user sets it behind the link.
import { z } from "zod";
import { accountIdentifier, displayName, sitePath } from "./fields.ts";
import { ofName } from "./format.ts";
import { buildLink } from "./links.ts";
import { action, code, type MailContext, paragraph, type RenderedMail } from "./mail-content.ts";
import { renderContent } from "./render-content.ts";

export const ACTIVATION_LINK_VALIDITY_HOURS = 24;

export const accountActivationSchema = z.strictObject({
	displayName,
	identifier: accountIdentifier,
	/** Single-use, valid 24 hours. */
	activationPath: sitePath,
});
export type AccountActivationData = z.output<typeof accountActivationSchema>;

export function renderAccountActivation(data: AccountActivationData, context: MailContext): RenderedMail {
	const { organisation, publicUrl } = context;
	return renderContent(
		{
			subject: `Activez votre ${organisation.productName} ${organisation.name}`,
			heading: "Activez votre compte",
			displayName: data.displayName,
			blocks: [
				paragraph(`Votre compte sur l'espace en ligne ${ofName(organisation.name)} a été créé.`),
				code("Votre identifiant", data.identifier),
				paragraph("Notez-le : il vous sera demandé à chaque connexion."),
				paragraph("Pour activer votre compte, choisissez votre mot de passe :"),
				action("Choisir mon mot de passe", buildLink(publicUrl, data.activationPath)),
				paragraph(
					`Ce lien est valable ${ACTIVATION_LINK_VALIDITY_HOURS} heures et ne sert qu'une fois. Passé ce délai, refaites votre demande d'inscription : un nouveau lien vous sera envoyé.`,
				),
			],
		},
		context,
	);
}
