// Contract terminations (résiliations) from the core system, keyed by the individual contract's
// number: the contract's last day and why it ended. The end starts the two-year clock of
// article 7: once none of the member's contracts or affiliations still runs, their adherent
// account stays usable until two years after the last one ended (`accounts.access_until`, the
// rule sign-up applies: core/sign-up.ts `memberCoverage`); the account-lifecycle task warns the
// holder 30 days before and closes the account on that day. A line that gives a contract the end
// and reason it already has changes nothing and is counted « inchangée »; a corrected date is
// written and the clock computed again.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { ContractEndReason } from "../../schema/enums.ts";
import { accounts, individualContracts } from "../../schema/tables/index.ts";
import { memberCoverage } from "../sign-up.ts";
import { day, inList } from "./fields.ts";
import type { ImportKind, Rejection, Transaction } from "./run.ts";

/** The core system's words for why a contract ended, and the portal's. */
const REASONS: Readonly<Record<string, ContractEndReason>> = {
	resiliation_adherent: "member_termination",
	resiliation_mutuelle: "insurer_termination",
	non_paiement: "non_payment",
	deces: "death",
	contrat_collectif: "group_coverage",
	changement_offre: "offer_change",
};

export const resiliationLine = z.strictObject({
	numero_contrat: z
		.string({ error: "numero_contrat : valeur manquante." })
		.trim()
		.regex(/^[A-Za-z0-9\-/]{1,32}$/, "numero_contrat : 1 à 32 lettres, chiffres, - ou /."),
	date_fin: day("date_fin"),
	motif: z
		.string({ error: "motif : valeur manquante." })
		.trim()
		.refine((value) => value in REASONS, {
			message: `motif : l'un de ${Object.keys(REASONS).join(", ")}.`,
		})
		.transform((value) => REASONS[value] as ContractEndReason),
});

export type ResiliationLine = z.output<typeof resiliationLine>;

/**
 * The adherent accounts of these members get their last day again from all their contracts and
 * affiliations (article 7): null while one runs, two years after the last one ended otherwise.
 */
export async function recomputeAccess(
	tx: Transaction,
	memberIds: Iterable<number>,
	now: Date,
): Promise<void> {
	for (const memberId of memberIds) {
		const { accessUntil } = await memberCoverage(tx, memberId);
		await tx
			.update(accounts)
			.set({ accessUntil, updatedAt: now })
			.where(and(eq(accounts.memberId, memberId), eq(accounts.space, "adherent")));
	}
}

export const resiliationsImport: ImportKind<ResiliationLine> = {
	name: "resiliations",
	schema: resiliationLine as unknown as ImportKind<ResiliationLine>["schema"],
	async writeBatch(tx, lines, now) {
		const rejected: Rejection[] = [];
		const numbers = [...new Set(lines.map(({ data }) => data.numero_contrat))];
		const known = await tx
			.select({
				id: individualContracts.id,
				number: individualContracts.number,
				memberId: individualContracts.memberId,
				startDate: individualContracts.startDate,
				endDate: individualContracts.endDate,
				endReason: individualContracts.endReason,
			})
			.from(individualContracts)
			.where(inList(individualContracts.number, numbers));
		const byNumber = new Map(known.map((row) => [row.number, { ...row }]));
		const touchedMembers = new Set<number>();
		let written = 0;
		let unchanged = 0;
		// In file order, each line against what the lines before it left: a later line for the same
		// contract corrects an earlier one, and a refused line leaves the earlier one in place.
		for (const { line, data } of lines) {
			const contract = byNumber.get(data.numero_contrat);
			if (!contract) {
				rejected.push({ line, reason: `Contrat ${data.numero_contrat} inconnu.` });
				continue;
			}
			if (data.date_fin < contract.startDate) {
				rejected.push({
					line,
					reason: `date_fin : le ${data.date_fin} précède le début du contrat (${contract.startDate}).`,
				});
				continue;
			}
			if (contract.endDate === data.date_fin && contract.endReason === data.motif) {
				unchanged++;
				continue;
			}
			await tx
				.update(individualContracts)
				.set({ endDate: data.date_fin, endReason: data.motif, updatedAt: now })
				.where(eq(individualContracts.id, contract.id));
			contract.endDate = data.date_fin;
			contract.endReason = data.motif;
			touchedMembers.add(contract.memberId);
			written++;
		}
		await recomputeAccess(tx, touchedMembers, now);
		return { written, unchanged, rejected };
	},
};
