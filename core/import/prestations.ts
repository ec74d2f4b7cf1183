// Prestations (reimbursement lines) from the core system, keyed by its line reference
// (`prestations.source_ref`). A line names its member by number and its beneficiary by rank on
// the member's contract; the act must be known. A line already on a published statement is left
// as it is (a published statement never changes); the nightly statement publication and the
// payment notices pick up the new lines and queue their e-mails through the outbox.
import { sql } from "drizzle-orm";
import { z } from "zod";
import { acts, beneficiaries, prestations } from "../../schema/tables/index.ts";
import { bulkUpsert } from "./bulk.ts";
import { day, euros, inList, percent } from "./fields.ts";
import { membersByNumber } from "./members.ts";
import type { ImportKind, ParsedLine, Rejection, Transaction } from "./run.ts";

export const prestationLine = z
	.strictObject({
		reference: z
			.string({ error: "reference : valeur manquante." })
			.trim()
			.regex(/^[A-Za-z0-9._\-/]{1,64}$/, "reference : 1 à 64 lettres, chiffres ou . _ - /."),
		numero_adherent: z
			.string({ error: "numero_adherent : valeur manquante." })
			.trim()
			.regex(/^\d{1,20}$/, "numero_adherent : des chiffres seulement."),
		rang_beneficiaire: z
			.string({ error: "rang_beneficiaire : valeur manquante." })
			.regex(/^\d{1,2}$/, "rang_beneficiaire : un nombre de 1 à 99.")
			.transform(Number),
		date_soins: day("date_soins"),
		code_acte: z
			.string({ error: "code_acte : valeur manquante." })
			.trim()
			.regex(/^[A-Z0-9]{1,8}$/, "code_acte : de 1 à 8 lettres majuscules ou chiffres."),
		quantite: z
			.string()
			.regex(/^\d{1,3}$/, "quantite : un nombre entier.")
			.optional()
			.transform((value) => (value ? Number(value) : 1)),
		montant_depense: euros("montant_depense"),
		base_remboursement: euros("base_remboursement"),
		taux_ss: percent("taux_ss"),
		part_ss: euros("part_ss"),
		participation_forfaitaire: euros("participation_forfaitaire")
			.optional()
			.transform((v) => v ?? 0),
		franchise: euros("franchise")
			.optional()
			.transform((v) => v ?? 0),
		part_mutuelle: euros("part_mutuelle"),
		reste_a_charge: euros("reste_a_charge"),
		paye_a: z.enum(["adherent", "professionnel"], { error: "paye_a : « adherent » ou « professionnel »." }),
		date_paiement: day("date_paiement").optional(),
	})
	.refine((line) => line.part_ss + line.part_mutuelle + line.reste_a_charge === line.montant_depense, {
		message:
			"La part Sécurité sociale, la part mutuelle et le reste à charge ne font pas le montant dépensé.",
	})
	.refine((line) => line.quantite >= 1, { message: "quantite : au moins 1." });

export type PrestationLine = z.output<typeof prestationLine>;

/** The act table is small (a hundred rows): read in each batch's transaction, so it is never stale. */
async function actCategories(tx: Transaction): Promise<Map<string, string>> {
	const rows = await tx.select({ code: acts.code, category: acts.categoryCode }).from(acts);
	return new Map(rows.map((row) => [row.code, row.category]));
}

/** The columns a prestation line gives, in the table's order. */
export const PRESTATION_COLUMNS = [
	"memberId",
	"beneficiaryId",
	"careDate",
	"actCode",
	"categoryCode",
	"quantity",
	"chargedCents",
	"baseCents",
	"ssRateBp",
	"ssPaidCents",
	"participationForfaitaireCents",
	"franchiseCents",
	"mutuelleCents",
	"remainingCents",
	"paidTo",
	"paymentDate",
	"sourceRef",
] as const;

const upsertPrestations = bulkUpsert(prestations, {
	columns: PRESTATION_COLUMNS,
	target: prestations.sourceRef,
	targetWhere: sql`source_ref IS NOT NULL`,
	// A line on a published statement stays as published.
	setWhere: sql`${prestations.statementId} IS NULL`,
});

export const prestationsImport: ImportKind<PrestationLine> = {
	name: "prestations",
	schema: prestationLine as unknown as ImportKind<PrestationLine>["schema"],
	async writeBatch(tx, lines) {
		const rejected: Rejection[] = [];
		const categories = await actCategories(tx);
		const memberIds = new Map(
			[...(await membersByNumber(tx, lines))].map(([number, row]) => [number, row.id]),
		);
		const ranks = memberIds.size
			? await tx
					.select({ id: beneficiaries.id, memberId: beneficiaries.memberId, rank: beneficiaries.rank })
					.from(beneficiaries)
					.where(inList(beneficiaries.memberId, [...memberIds.values()]))
			: [];
		const beneficiaryIds = new Map(ranks.map((row) => [`${row.memberId}:${row.rank}`, row.id]));
		// The last line of a reference wins, as a second run of the same file would make it.
		const byReference = new Map<string, ParsedLine<PrestationLine>>();
		for (const entry of lines) {
			const { data, line } = entry;
			const memberId = memberIds.get(data.numero_adherent);
			const category = categories.get(data.code_acte);
			if (memberId === undefined)
				rejected.push({ line, reason: `Adhérent ${data.numero_adherent} inconnu.` });
			else if (!beneficiaryIds.has(`${memberId}:${data.rang_beneficiaire}`))
				rejected.push({
					line,
					reason: `Aucun bénéficiaire de rang ${data.rang_beneficiaire} pour l'adhérent ${data.numero_adherent}.`,
				});
			else if (category === undefined) rejected.push({ line, reason: `Acte ${data.code_acte} inconnu.` });
			else byReference.set(data.reference, entry);
		}
		const rows = [...byReference.values()].map(({ data }) => {
			const memberId = memberIds.get(data.numero_adherent) ?? 0;
			return {
				memberId,
				beneficiaryId: beneficiaryIds.get(`${memberId}:${data.rang_beneficiaire}`) ?? 0,
				careDate: data.date_soins,
				actCode: data.code_acte,
				categoryCode: categories.get(data.code_acte) ?? "",
				quantity: data.quantite,
				chargedCents: data.montant_depense,
				baseCents: data.base_remboursement,
				ssRateBp: data.taux_ss,
				ssPaidCents: data.part_ss,
				participationForfaitaireCents: data.participation_forfaitaire,
				franchiseCents: data.franchise,
				mutuelleCents: data.part_mutuelle,
				remainingCents: data.reste_a_charge,
				paidTo: data.paye_a === "adherent" ? ("member" as const) : ("professional" as const),
				paymentDate: data.date_paiement ?? null,
				sourceRef: data.reference,
			};
		});
		const written = await upsertPrestations.write(tx, rows);
		return { written, unchanged: rows.length - written, rejected };
	},
};
