// The one-time code asked at sign-in on a new device. The code stays out of the subject, which
// phones show on a locked screen.
import { z } from "zod";
import { displayName } from "./fields.ts";
import { code, type MailContext, paragraph, type RenderedMail } from "./mail-content.ts";
import { renderContent } from "./render-content.ts";

export const SIGN_IN_CODE_VALIDITY_MINUTES = 10;

export const signInCodeSchema = z.strictObject({
	displayName,
	code: z.string().regex(/^\d{6}$/, "doit compter 6 chiffres"),
});
export type SignInCodeData = z.output<typeof signInCodeSchema>;

export function renderSignInCode(data: SignInCodeData, context: MailContext): RenderedMail {
	return renderContent(
		{
			subject: "Votre code de connexion",
			displayName: data.displayName,
			blocks: [
				paragraph("Pour terminer votre connexion, saisissez ce code :"),
				code("Code de connexion", data.code),
				paragraph(`Il est valable ${SIGN_IN_CODE_VALIDITY_MINUTES} minutes et ne sert qu'une fois.`),
				paragraph(
					"Si ce n'est pas vous qui essayez de vous connecter, ne donnez ce code à personne : quelqu'un connaît peut-être votre mot de passe. Changez-le dès que possible.",
				),
			],
		},
		context,
	);
}
