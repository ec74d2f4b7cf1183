// Password reset: a single-use link valid 30 minutes. Following it does not sign the user in,
// and the new password ends every open session (SECURITY.md).
import { z } from "zod";
import { displayName, sitePath } from "./fields.ts";
import { buildLink } from "./links.ts";
import { action, type MailContext, paragraph, type RenderedMail } from "./mail-content.ts";
import { renderContent } from "./render-content.ts";

export const PASSWORD_RESET_LINK_VALIDITY_MINUTES = 30;

export const passwordResetSchema = z.strictObject({
	displayName,
	/** Single-use, valid 30 minutes. */
	resetPath: sitePath,
});
export type PasswordResetData = z.output<typeof passwordResetSchema>;

export function renderPasswordReset(data: PasswordResetData, context: MailContext): RenderedMail {
	return renderContent(
		{
			subject: "Choisissez un nouveau mot de passe",
			displayName: data.displayName,
			blocks: [
				paragraph("Vous avez demandé à changer le mot de passe de votre compte."),
				action("Choisir un nouveau mot de passe", buildLink(context.publicUrl, data.resetPath)),
				paragraph(
					`Ce lien est valable ${PASSWORD_RESET_LINK_VALIDITY_MINUTES} minutes et ne sert qu'une fois. Une fois le mot de passe changé, vous devrez vous reconnecter sur tous vos appareils.`,
				),
				paragraph("Si vous n'avez rien demandé, ignorez ce message : votre mot de passe ne change pas."),
			],
		},
		context,
	);
}
