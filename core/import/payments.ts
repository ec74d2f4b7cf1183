// Payments (virements de remboursement) to members from the core system, keyed by the payment's
// reference (the one on the member's bank statement, `member_payments.reference`). A payment
// already attached to a published statement is left as it is (counted « inchangée »). The member's
// e-mail that a reimbursement was paid goes through the outbox like any other: the daily
// `payment-notices` task queues it once per payment (core/adherent/prestations.ts
// `notifyPaymentsMade`), whether the payment came from the seed, an import or the API.
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { MemberPaymentStatus } from "../../schema/enums.ts";
import { memberPayments } from "../../schema/tables/index.ts";
import { day, euros, fixedChunks } from "./fields.ts";
import { memberNumber, membersByNumber } from "./members.ts";
import type { ImportKind, ParsedLine, Rejection } from "./run.ts";

const STATUSES: Readonly<Record<string, MemberPaymentStatus>> = {
	programme: "scheduled",
	paye: "paid",
	rejete: "returned",
};

export const paymentLine = z.strictObject({
	reference: z
		.string({ error: "reference : valeur manquante." })
		.trim()
		.regex(/^[A-Za-z0-9._\-/]{1,64}$/, "reference : 1 à 64 lettres, chiffres ou . _ - /."),
	numero_adherent: memberNumber,
	date_paiement: day("date_paiement"),
	montant: euros("montant").refine((cents) => cents > 0, "montant : plus de 0,00 €."),
	statut: z
		.enum(["programme", "paye", "rejete"], { error: "statut : « programme », « paye » ou « rejete »." })
		.transform((value) => STATUSES[value] as MemberPaymentStatus),
	iban_4: z
		.string()
		.trim()
		.regex(/^[A-Za-z0-9]{4}$/, "iban_4 : les 4 derniers caractères de l'IBAN.")
		.optional()
		.transform((value) => value ?? null),
});

export type PaymentLine = z.output<typeof paymentLine>;

export const paymentsImport: ImportKind<PaymentLine> = {
	name: "paiements",
	schema: paymentLine as unknown as ImportKind<PaymentLine>["schema"],
	async writeBatch(tx, lines) {
		const rejected: Rejection[] = [];
		const memberIds = new Map(
			[...(await membersByNumber(tx, lines))].map(([number, row]) => [number, row.id]),
		);
		// The last line of a reference wins, as a second run of the same file would make it.
		const byReference = new Map<string, ParsedLine<PaymentLine>>();
		for (const entry of lines) {
			if (memberIds.has(entry.data.numero_adherent)) byReference.set(entry.data.reference, entry);
			else rejected.push({ line: entry.line, reason: `Adhérent ${entry.data.numero_adherent} inconnu.` });
		}
		const rows = [...byReference.values()].map(({ data }) => ({
			memberId: memberIds.get(data.numero_adherent) ?? 0,
			paidOn: data.date_paiement,
			amountCents: data.montant,
			reference: data.reference,
			ibanLast4: data.iban_4,
			status: data.statut,
		}));
		let written = 0;
		for (const chunk of fixedChunks(rows)) {
			const done = await tx
				.insert(memberPayments)
				.values(chunk)
				.onConflictDoUpdate({
					target: memberPayments.reference,
					set: {
						memberId: sql`excluded.member_id`,
						paidOn: sql`excluded.paid_on`,
						amountCents: sql`excluded.amount_cents`,
						ibanLast4: sql`excluded.iban_last4`,
						status: sql`excluded.status`,
					},
					// A payment on a published statement stays as published.
					setWhere: sql`${memberPayments.statementId} IS NULL`,
				})
				.returning({ id: memberPayments.id });
			written += done.length;
		}
		return { written, unchanged: rows.length - written, rejected };
	},
};
