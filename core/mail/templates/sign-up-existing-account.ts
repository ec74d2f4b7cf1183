// Sent to the owner of an existing account when someone signs up with the same details: the
// sign-up page never says whether the records matched, so only the owner learns it, here.
import { z } from "zod";
import { displayName, sitePath } from "./fields.ts";
import { buildLink } from "./links.ts";
import { action, link, type MailContext, paragraph, type RenderedMail } from "./mail-content.ts";
import { renderContent } from "./render-content.ts";

export const signUpExistingAccountSchema = z.strictObject({
	displayName,
	signInPath: sitePath,
	resetPath: sitePath,
});
export type SignUpExistingAccountData = z.output<typeof signUpExistingAccountSchema>;

export function renderSignUpExistingAccount(
	data: SignUpExistingAccountData,
	context: MailContext,
): RenderedMail {
	return renderContent(
		{
			subject: "Vous avez déjà un compte",
			displayName: data.displayName,
			blocks: [
				paragraph(
					"Une inscription à l'espace en ligne vient d'être demandée avec vos informations, mais vous avez déjà un compte : aucun nouveau compte n'a été créé.",
				),
				action("Me connecter", buildLink(context.publicUrl, data.signInPath)),
				link("J'ai oublié mon mot de passe", buildLink(context.publicUrl, data.resetPath)),
				paragraph(
					"Si vous n'êtes pas à l'origine de cette demande, vous pouvez ignorer ce message : votre compte n'a pas changé.",
				),
			],
		},
		context,
	);
}
