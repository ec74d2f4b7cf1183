// What surrounds every message: the brand line, the greeting, the signature and the footer. Both
// renderers read it from here so that the text and HTML versions say exactly the same thing.

import { ofName } from "./format.ts";
import { buildLink, CONTACT_PATH } from "./links.ts";
import type { MailContent, MailContext } from "./mail-content.ts";

export interface MailFrame {
	readonly title: string;
	readonly brand: { readonly label: string; readonly url: URL };
	readonly greeting: string;
	readonly signature: readonly string[];
	readonly footer: {
		readonly automatic: string;
		readonly contact: { readonly before: string; readonly label: string; readonly url: URL };
		readonly noPassword: string;
		readonly reason: string;
		readonly identity: string;
	};
}

export function frameOf(content: MailContent, { publicUrl, organisation }: MailContext): MailFrame {
	const space = `l'espace en ligne ${ofName(organisation.name)}`;
	return {
		title: content.heading ?? content.subject,
		brand: { label: `${organisation.productName} ${organisation.name}`, url: buildLink(publicUrl, "/") },
		greeting: content.displayName ? `Bonjour ${content.displayName},` : "Bonjour,",
		signature: ["Cordialement,", organisation.name],
		footer: {
			automatic: "Ceci est un message automatique.",
			contact: {
				before: "Pour nous contacter :",
				label: "page Contact",
				url: buildLink(publicUrl, CONTACT_PATH),
			},
			noPassword: "Nous ne vous demandons jamais votre mot de passe, par e-mail ni par téléphone.",
			reason:
				content.account === "closed"
					? `Vous recevez ce message car vous aviez un compte sur ${space}.`
					: `Vous recevez ce message car vous avez un compte sur ${space}.`,
			identity: `${organisation.name} – ${organisation.legalForm}.`,
		},
	};
}
