// The detail lines of tiers-payant invoices (lignes de factures) from the core system, keyed by
// the practice's convention number, the invoice's number and the line's number: the act, the
// day of care, the quantity, the amount charged, the Sécurité sociale's base and share, the share
// the professional claims from the mutuelle and the share accepted. The member's part (reste à
// charge) is what remains; when the file gives it, the amounts must add up. A kind of its own
// rather than columns of `factures` (ADR 0041): a CSV line is one invoice there and one act here,
// and the invoice must exist first, as a member must before their beneficiaries.
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { acts, professionals, tpInvoiceLines, tpInvoices } from "../../schema/tables/index.ts";
import { coreNumber, day, euros, fixedChunks, inList, wholeNumber } from "./fields.ts";
import type { ImportKind, ParsedLine, Rejection } from "./run.ts";

export const invoiceDetailLine = z
	.strictObject({
		numero_convention: coreNumber("numero_convention"),
		numero_facture: z
			.string({ error: "numero_facture : valeur manquante." })
			.trim()
			.regex(/^[A-Za-z0-9._\-/]{1,40}$/, "numero_facture : 1 à 40 lettres, chiffres ou . _ - /."),
		numero_ligne: wholeNumber("numero_ligne", 1, 999),
		code_acte: z
			.string({ error: "code_acte : valeur manquante." })
			.trim()
			.min(1, "code_acte : valeur manquante.")
			.max(20, "code_acte : 20 caractères au plus."),
		date_soins: day("date_soins"),
		quantite: wholeNumber("quantite", 1, 999)
			.optional()
			.transform((value) => value ?? 1),
		montant_depense: euros("montant_depense"),
		base_remboursement: euros("base_remboursement"),
		part_ss: euros("part_ss"),
		part_demandee: euros("part_demandee"),
		part_acceptee: euros("part_acceptee")
			.optional()
			.transform((value) => value ?? null),
		reste_a_charge: euros("reste_a_charge")
			.optional()
			.transform((value) => value ?? null),
	})
	.refine((line) => line.part_ss + line.part_demandee <= line.montant_depense, {
		message: "part_ss + part_demandee : plus que le montant dépensé.",
	})
	.refine(
		(line) =>
			line.reste_a_charge === null ||
			line.part_ss + line.part_demandee + line.reste_a_charge === line.montant_depense,
		{
			message:
				"reste_a_charge : la part Sécurité sociale, la part demandée et le reste à charge ne font pas le montant dépensé.",
		},
	)
	.refine((line) => line.part_acceptee === null || line.part_acceptee <= line.part_demandee, {
		message: "part_acceptee : plus que la part demandée.",
	});

export type InvoiceDetailLine = z.output<typeof invoiceDetailLine>;

export const invoiceLinesImport: ImportKind<InvoiceDetailLine> = {
	name: "lignes-factures",
	schema: invoiceDetailLine as unknown as ImportKind<InvoiceDetailLine>["schema"],
	async writeBatch(tx, lines) {
		const rejected: Rejection[] = [];
		const unique = <T>(values: T[]) => [...new Set(values)];
		const invoices = await tx
			.select({
				id: tpInvoices.id,
				convention: professionals.conventionNumber,
				number: tpInvoices.invoiceNumber,
			})
			.from(tpInvoices)
			.innerJoin(professionals, eq(professionals.id, tpInvoices.professionalId))
			.where(
				and(
					inList(tpInvoices.invoiceNumber, unique(lines.map(({ data }) => data.numero_facture))),
					inList(professionals.conventionNumber, unique(lines.map(({ data }) => data.numero_convention))),
				),
			);
		const invoiceId = new Map(invoices.map((row) => [`${row.convention}\u0000${row.number}`, row.id]));
		const knownActs = new Set(
			(
				await tx
					.select({ code: acts.code })
					.from(acts)
					.where(inList(acts.code, unique(lines.map(({ data }) => data.code_acte))))
			).map((row) => row.code),
		);
		// The last line of a key wins, as a second run of the same file would make it.
		const byKey = new Map<string, ParsedLine<InvoiceDetailLine> & { invoiceId: number }>();
		for (const entry of lines) {
			const { line, data } = entry;
			const id = invoiceId.get(`${data.numero_convention}\u0000${data.numero_facture}`);
			if (id === undefined)
				rejected.push({
					line,
					reason: `Facture ${data.numero_facture} de la convention ${data.numero_convention} inconnue : importez-la d'abord (factures).`,
				});
			else if (!knownActs.has(data.code_acte))
				rejected.push({ line, reason: `Acte ${data.code_acte} inconnu.` });
			else byKey.set(`${id}:${data.numero_ligne}`, { ...entry, invoiceId: id });
		}
		const rows = [...byKey.values()].map(({ data, invoiceId: id }) => ({
			invoiceId: id,
			lineNumber: data.numero_ligne,
			actCode: data.code_acte,
			careDate: data.date_soins,
			quantity: data.quantite,
			chargedCents: data.montant_depense,
			baseCents: data.base_remboursement,
			ssPaidCents: data.part_ss,
			claimedCents: data.part_demandee,
			acceptedCents: data.part_acceptee,
		}));
		let written = 0;
		for (const chunk of fixedChunks(rows)) {
			const done = await tx
				.insert(tpInvoiceLines)
				.values(chunk)
				.onConflictDoUpdate({
					target: [tpInvoiceLines.invoiceId, tpInvoiceLines.lineNumber],
					set: {
						actCode: sql`excluded.act_code`,
						careDate: sql`excluded.care_date`,
						quantity: sql`excluded.quantity`,
						chargedCents: sql`excluded.charged_cents`,
						baseCents: sql`excluded.base_cents`,
						ssPaidCents: sql`excluded.ss_paid_cents`,
						claimedCents: sql`excluded.claimed_cents`,
						acceptedCents: sql`excluded.accepted_cents`,
					},
				})
				.returning({ id: tpInvoiceLines.id });
			written += done.length;
		}
		return { written, unchanged: 0, rejected };
	},
};
