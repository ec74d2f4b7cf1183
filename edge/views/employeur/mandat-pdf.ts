// The SEPA direct-debit mandate of a bank change (DOMAIN.md §5): the RUM, the creditor (ICS),
// the debtor and their account, the kind of payment (recurrent), the date, and the place to sign.
// The debtor's own document: it carries the whole IBAN, which the pages never show.

import type { getPendingMandate } from "../../../core/employeur/bank-details.ts";
import { formatDay, formatInstantDay, parisDayOf } from "../../../core/format.ts";
import { organisation } from "../../../core/organisation.ts";
import { formatIban } from "../../../schema/identifiers.ts";
import { PdfWriter } from "../../pdf/document.ts";

type PendingMandate = NonNullable<Awaited<ReturnType<typeof getPendingMandate>>>;

export async function renderMandatePdf(mandate: PendingMandate, now: Date): Promise<Uint8Array> {
	const title = "Mandat de prélèvement SEPA";
	const writer = await PdfWriter.create({
		title,
		subject: `Mandat ${mandate.change.rum}`,
		keywords: ["SEPA", "mandat"],
		now,
	});
	writer.heading(title, 1);
	writer.text(
		`En signant ce formulaire de mandat, vous autorisez ${organisation.name} à envoyer des instructions à votre banque pour débiter votre compte, et votre banque à débiter votre compte conformément à ces instructions. Vous bénéficiez du droit d'être remboursé par votre banque selon les conditions décrites dans la convention que vous avez passée avec elle.`,
		{ size: 9 },
	);
	writer.facts(
		[
			["Référence unique du mandat (RUM)", mandate.change.rum],
			["Identifiant créancier SEPA (ICS)", mandate.ics],
			["Créancier", organisation.name],
			["Débiteur", mandate.company],
			["Titulaire du compte", mandate.change.holderName],
			["IBAN", formatIban(mandate.iban)],
			["BIC", mandate.change.bic ?? "–"],
			["Type de paiement", "Récurrent"],
			["Demandé le", formatInstantDay(mandate.change.requestedAt)],
			["En vigueur à partir du", formatDay(parisDayOf(mandate.change.effectiveAt))],
		],
		{ labelWidth: 200 },
	);
	writer.text("Fait à : ....................................   le : ........................", { after: 8 });
	writer.text("Signature :", { after: 40 });
	writer.text(
		"Vos droits concernant ce mandat sont expliqués dans un document que vous pouvez obtenir auprès de votre banque.",
		{ size: 8, muted: true },
	);
	return writer.finish();
}
