// Individual contracts from the core system, keyed by the contract's number: the member, the
// offer (by its code, individual offers only), the start, the contribution and how it is paid.
// A contract's end is the `resiliations` kind's (it starts the two-year clock); this kind never
// touches it. A new contract for a member whose access was counting down stops the clock: the
// member's `access_until` is computed again with sign-up's rule (core/sign-up.ts).
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { paymentMethods, periodicities } from "../../schema/enums.ts";
import { individualContracts, offers } from "../../schema/tables/index.ts";
import { day, euros, inList } from "./fields.ts";
import { memberNumber, membersByNumber } from "./members.ts";
import { recomputeAccess } from "./resiliations.ts";
import type { ImportKind, Rejection } from "./run.ts";

const PERIODICITIES = {
	mensuelle: "monthly",
	trimestrielle: "quarterly",
	semestrielle: "half_yearly",
	annuelle: "yearly",
} as const satisfies Record<string, (typeof periodicities)[number]>;

const PAYMENT_METHODS = {
	prelevement: "direct_debit",
	virement: "transfer",
	cheque: "cheque",
} as const satisfies Record<string, (typeof paymentMethods)[number]>;

export const contractLine = z
	.strictObject({
		numero_contrat: z
			.string({ error: "numero_contrat : valeur manquante." })
			.trim()
			.regex(/^[A-Za-z0-9\-/]{1,32}$/, "numero_contrat : 1 à 32 lettres, chiffres, - ou /."),
		numero_adherent: memberNumber,
		code_offre: z
			.string({ error: "code_offre : valeur manquante." })
			.trim()
			.regex(/^[A-Z0-9_-]{1,32}$/, "code_offre : lettres majuscules, chiffres, _ ou -."),
		date_debut: day("date_debut"),
		cotisation: euros("cotisation"),
		periodicite: z
			.enum(Object.keys(PERIODICITIES) as [keyof typeof PERIODICITIES], {
				error: `periodicite : l'une de ${Object.keys(PERIODICITIES).join(", ")}.`,
			})
			.transform((value) => PERIODICITIES[value]),
		mode_paiement: z
			.enum(Object.keys(PAYMENT_METHODS) as [keyof typeof PAYMENT_METHODS], {
				error: `mode_paiement : l'un de ${Object.keys(PAYMENT_METHODS).join(", ")}.`,
			})
			.transform((value) => PAYMENT_METHODS[value]),
		jour_prelevement: z
			.string()
			.regex(/^\d{1,2}$/, "jour_prelevement : un jour de 1 à 28.")
			.transform(Number)
			.refine((dayOfMonth) => dayOfMonth >= 1 && dayOfMonth <= 28, "jour_prelevement : un jour de 1 à 28.")
			.optional()
			.transform((value) => value ?? null),
	})
	.refine((line) => (line.mode_paiement === "direct_debit") === (line.jour_prelevement !== null), {
		message: "jour_prelevement : obligatoire pour un prélèvement, et pour lui seul.",
	});

export type ContractLine = z.output<typeof contractLine>;

export const contractsImport: ImportKind<ContractLine> = {
	name: "contrats",
	schema: contractLine as unknown as ImportKind<ContractLine>["schema"],
	async writeBatch(tx, lines, now) {
		const rejected: Rejection[] = [];
		const memberOf = await membersByNumber(tx, lines);
		const offerIds = new Map(
			(
				await tx
					.select({ id: offers.id, code: offers.code })
					.from(offers)
					.where(
						and(
							inList(offers.code, [...new Set(lines.map(({ data }) => data.code_offre))]),
							eq(offers.kind, "individual"),
						),
					)
			).map((row) => [row.code, row.id]),
		);
		const known = new Map(
			(
				await tx
					.select({
						id: individualContracts.id,
						number: individualContracts.number,
						endDate: individualContracts.endDate,
					})
					.from(individualContracts)
					.where(
						inList(individualContracts.number, [...new Set(lines.map(({ data }) => data.numero_contrat))]),
					)
			).map((row) => [row.number, row]),
		);
		const touchedMembers = new Set<number>();
		let written = 0;
		for (const { line, data } of lines) {
			const member = memberOf.get(data.numero_adherent);
			const offerId = offerIds.get(data.code_offre);
			const existing = known.get(data.numero_contrat);
			if (!member) rejected.push({ line, reason: `Adhérent ${data.numero_adherent} inconnu.` });
			else if (offerId === undefined)
				rejected.push({ line, reason: `Offre individuelle ${data.code_offre} inconnue.` });
			else if (existing?.endDate && existing.endDate < data.date_debut)
				rejected.push({
					line,
					reason: `date_debut : le contrat a pris fin le ${existing.endDate}, avant le ${data.date_debut}.`,
				});
			else {
				const values = {
					memberId: member.id,
					offerId,
					startDate: data.date_debut,
					contributionCents: data.cotisation,
					contributionPeriodicity: data.periodicite,
					paymentMethod: data.mode_paiement,
					paymentDay: data.jour_prelevement,
					updatedAt: now,
				};
				if (existing)
					await tx.update(individualContracts).set(values).where(eq(individualContracts.id, existing.id));
				else {
					const [created] = await tx
						.insert(individualContracts)
						.values({ ...values, number: data.numero_contrat, createdAt: now })
						.returning({ id: individualContracts.id });
					known.set(data.numero_contrat, {
						id: created?.id ?? 0,
						number: data.numero_contrat,
						endDate: null,
					});
				}
				touchedMembers.add(member.id);
				written++;
			}
		}
		await recomputeAccess(tx, touchedMembers, now);
		return { written, unchanged: 0, rejected };
	},
};
