// A new relevé de prestations is in the space. The mail never says what it contains: acts,
// amounts and beneficiaries are health data and stay behind the sign-in.
import { z } from "zod";
import { displayName, sitePath } from "./fields.ts";
import { buildLink } from "./links.ts";
import { action, type MailContext, paragraph, type RenderedMail } from "./mail-content.ts";
import { renderContent } from "./render-content.ts";

export const statementAvailableSchema = z.strictObject({
	displayName,
	/** The list of statements in the space. */
	statementsPath: sitePath,
});
export type StatementAvailableData = z.output<typeof statementAvailableSchema>;

export function renderStatementAvailable(data: StatementAvailableData, context: MailContext): RenderedMail {
	return renderContent(
		{
			subject: "Un nouveau relevé de prestations est disponible",
			displayName: data.displayName,
			blocks: [
				paragraph("Un nouveau relevé de prestations est disponible dans votre espace."),
				action("Voir mes relevés de prestations", buildLink(context.publicUrl, data.statementsPath)),
				paragraph("Pour protéger vos données de santé, son contenu n'est visible qu'après connexion."),
			],
		},
		context,
	);
}
