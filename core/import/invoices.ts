// Tiers-payant invoices (factures) that professionals sent the insurer, from the core system,
// keyed by the practice's convention number and the invoice's number: the member named (by
// number, and rank when given), the dates, the amounts claimed and accepted, the status and why an
// invoice was rejected. An invoice may name a member the insurer does not know only when it was
// rejected (the professional sees it in their space with its reason). Invoice lines are not
// imported: the practice's pages read the invoice's totals.
import { sql } from "drizzle-orm";
import { z } from "zod";
import { invoiceStatuses } from "../../schema/enums.ts";
import { beneficiaries, professionals, tpInvoices } from "../../schema/tables/index.ts";
import { day, euros, fixedChunks, inList, optionalDay, optionalText } from "./fields.ts";
import { memberNumber, membersByNumber } from "./members.ts";
import type { ImportKind, ParsedLine, Rejection } from "./run.ts";

export const invoiceLine = z
	.strictObject({
		numero_convention: z
			.string({ error: "numero_convention : valeur manquante." })
			.trim()
			.regex(/^[A-Za-z0-9\-/]{1,32}$/, "numero_convention : 1 à 32 lettres, chiffres, - ou /."),
		numero_facture: z
			.string({ error: "numero_facture : valeur manquante." })
			.trim()
			.regex(/^[A-Za-z0-9._\-/]{1,40}$/, "numero_facture : 1 à 40 lettres, chiffres ou . _ - /."),
		numero_adherent: memberNumber,
		rang_beneficiaire: z
			.string()
			.regex(/^\d{1,2}$/, "rang_beneficiaire : un nombre de 1 à 99.")
			.transform(Number)
			.optional()
			.transform((value) => value ?? null),
		date_soins: day("date_soins"),
		date_reception: day("date_reception"),
		date_traitement: optionalDay("date_traitement"),
		montant_depense: euros("montant_depense"),
		part_demandee: euros("part_demandee"),
		part_acceptee: euros("part_acceptee")
			.optional()
			.transform((value) => value ?? null),
		statut: z.enum(invoiceStatuses, { error: `statut : l'un de ${invoiceStatuses.join(", ")}.` }),
		code_rejet: optionalText("code_rejet", 20),
		libelle_rejet: optionalText("libelle_rejet", 200),
		date_paiement: optionalDay("date_paiement"),
	})
	.refine((line) => line.statut !== "rejetee" || line.code_rejet !== null, {
		message: "code_rejet : obligatoire pour une facture rejetée.",
	})
	.refine((line) => line.statut !== "payee" || line.date_paiement !== null, {
		message: "date_paiement : obligatoire pour une facture payée.",
	})
	.refine((line) => line.part_acceptee === null || line.part_acceptee <= line.part_demandee, {
		message: "part_acceptee : plus que la part demandée.",
	});

export type InvoiceLine = z.output<typeof invoiceLine>;

export const invoicesImport: ImportKind<InvoiceLine> = {
	name: "factures",
	schema: invoiceLine as unknown as ImportKind<InvoiceLine>["schema"],
	async writeBatch(tx, lines) {
		const rejected: Rejection[] = [];
		const practiceIds = new Map(
			(
				await tx
					.select({ id: professionals.id, convention: professionals.conventionNumber })
					.from(professionals)
					.where(
						inList(professionals.conventionNumber, [
							...new Set(lines.map(({ data }) => data.numero_convention)),
						]),
					)
			).map((row) => [row.convention ?? "", row.id]),
		);
		const memberOf = await membersByNumber(tx, lines);
		const ranks = memberOf.size
			? await tx
					.select({ id: beneficiaries.id, memberId: beneficiaries.memberId, rank: beneficiaries.rank })
					.from(beneficiaries)
					.where(
						inList(
							beneficiaries.memberId,
							[...memberOf.values()].map((row) => row.id),
						),
					)
			: [];
		const beneficiaryIds = new Map(ranks.map((row) => [`${row.memberId}:${row.rank}`, row.id]));
		// The last line of an invoice wins, as a second run of the same file would make it.
		const byKey = new Map<string, ParsedLine<InvoiceLine>>();
		for (const entry of lines) {
			const { line, data } = entry;
			const memberId = memberOf.get(data.numero_adherent)?.id;
			if (!practiceIds.has(data.numero_convention))
				rejected.push({ line, reason: `Convention ${data.numero_convention} inconnue.` });
			else if (memberId === undefined && data.statut !== "rejetee")
				rejected.push({
					line,
					reason: `Adhérent ${data.numero_adherent} inconnu : seule une facture rejetée peut le nommer.`,
				});
			else if (
				memberId !== undefined &&
				data.rang_beneficiaire !== null &&
				!beneficiaryIds.has(`${memberId}:${data.rang_beneficiaire}`)
			)
				rejected.push({
					line,
					reason: `Aucun bénéficiaire de rang ${data.rang_beneficiaire} pour l'adhérent ${data.numero_adherent}.`,
				});
			else byKey.set(`${data.numero_convention}\u0000${data.numero_facture}`, entry);
		}
		const rows = [...byKey.values()].map(({ data }) => {
			const memberId = memberOf.get(data.numero_adherent)?.id ?? null;
			return {
				professionalId: practiceIds.get(data.numero_convention) ?? 0,
				memberId,
				beneficiaryId:
					memberId !== null && data.rang_beneficiaire !== null
						? (beneficiaryIds.get(`${memberId}:${data.rang_beneficiaire}`) ?? null)
						: null,
				memberNumberAsSent: data.numero_adherent,
				invoiceNumber: data.numero_facture,
				careDate: data.date_soins,
				receivedOn: data.date_reception,
				processedOn: data.date_traitement,
				chargedCents: data.montant_depense,
				claimedCents: data.part_demandee,
				acceptedCents: data.part_acceptee,
				status: data.statut,
				rejectionCode: data.code_rejet,
				rejectionLabel: data.libelle_rejet,
				paidOn: data.date_paiement,
			};
		});
		let written = 0;
		for (const chunk of fixedChunks(rows)) {
			const done = await tx
				.insert(tpInvoices)
				.values(chunk)
				.onConflictDoUpdate({
					target: [tpInvoices.professionalId, tpInvoices.invoiceNumber],
					set: {
						memberId: sql`excluded.member_id`,
						beneficiaryId: sql`excluded.beneficiary_id`,
						memberNumberAsSent: sql`excluded.member_number_as_sent`,
						careDate: sql`excluded.care_date`,
						receivedOn: sql`excluded.received_on`,
						processedOn: sql`excluded.processed_on`,
						chargedCents: sql`excluded.charged_cents`,
						claimedCents: sql`excluded.claimed_cents`,
						acceptedCents: sql`excluded.accepted_cents`,
						status: sql`excluded.status`,
						rejectionCode: sql`excluded.rejection_code`,
						rejectionLabel: sql`excluded.rejection_label`,
						paidOn: sql`excluded.paid_on`,
					},
				})
				.returning({ id: tpInvoices.id });
			written += done.length;
		}
		return { written, unchanged: 0, rejected };
	},
};
