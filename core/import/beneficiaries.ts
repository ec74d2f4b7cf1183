// Beneficiaries (bénéficiaires) from the core system, keyed by the member's number and the
// beneficiary's rank on the member's cover (the rank prestations and the card use): the person
// (name, birth, sex, NIR), the link to the member and the cover's dates. Rank 1 is the member
// themself (link « adherent », the member's own person); a new rank gets a person of its own and
// the beneficiary role; a known rank is updated in place. Lines apply in file order, so a later
// line for the same rank corrects an earlier one.
import { eq } from "drizzle-orm";
import { z } from "zod";
import { relationships } from "../../schema/enums.ts";
import { beneficiaries, personRoleAssignments, persons } from "../../schema/tables/index.ts";
import { day, inList, optionalDay, requiredText } from "./fields.ts";
import { memberNumber, membersByNumber, nirField, personValues, sexField } from "./members.ts";
import type { ImportKind, Rejection } from "./run.ts";

export const beneficiaryLine = z
	.strictObject({
		numero_adherent: memberNumber,
		rang_beneficiaire: z
			.string({ error: "rang_beneficiaire : valeur manquante." })
			.regex(/^\d{1,2}$/, "rang_beneficiaire : un nombre de 1 à 99.")
			.transform(Number)
			.refine((rank) => rank >= 1, "rang_beneficiaire : un nombre de 1 à 99."),
		lien: z.enum(relationships, { error: `lien : l'un de ${relationships.join(", ")}.` }),
		nom: requiredText("nom", 80),
		prenom: requiredText("prenom", 80),
		date_naissance: day("date_naissance"),
		sexe: sexField,
		nir: nirField,
		date_debut: day("date_debut"),
		date_fin: optionalDay("date_fin"),
	})
	.refine((line) => (line.rang_beneficiaire === 1) === (line.lien === "adherent"), {
		message: "lien : le rang 1 est celui de l'adhérent (lien « adherent »), et lui seul.",
	})
	.refine((line) => line.date_fin === null || line.date_fin >= line.date_debut, {
		message: "date_fin : la fin de la couverture précède son début.",
	});

export type BeneficiaryLine = z.output<typeof beneficiaryLine>;

export const beneficiariesImport: ImportKind<BeneficiaryLine> = {
	name: "beneficiaires",
	schema: beneficiaryLine as unknown as ImportKind<BeneficiaryLine>["schema"],
	async writeBatch(tx, lines, now) {
		const rejected: Rejection[] = [];
		const memberOf = await membersByNumber(tx, lines);
		const known = memberOf.size
			? await tx
					.select({
						id: beneficiaries.id,
						memberId: beneficiaries.memberId,
						rank: beneficiaries.rank,
						personId: beneficiaries.personId,
					})
					.from(beneficiaries)
					.where(
						inList(
							beneficiaries.memberId,
							[...memberOf.values()].map((row) => row.id),
						),
					)
			: [];
		const byRank = new Map(known.map((row) => [`${row.memberId}:${row.rank}`, row]));
		const today = now.toISOString().slice(0, 10);
		let written = 0;
		for (const { line, data } of lines) {
			const member = memberOf.get(data.numero_adherent);
			if (!member) {
				rejected.push({ line, reason: `Adhérent ${data.numero_adherent} inconnu.` });
				continue;
			}
			const person = personValues(data, now);
			const cover = {
				relationship: data.lien,
				startDate: data.date_debut,
				endDate: data.date_fin,
				updatedAt: now,
			};
			const key = `${member.id}:${data.rang_beneficiaire}`;
			const existing = byRank.get(key);
			written++;
			if (existing) {
				await tx.update(persons).set(person).where(eq(persons.id, existing.personId));
				await tx.update(beneficiaries).set(cover).where(eq(beneficiaries.id, existing.id));
				continue;
			}
			let personId = member.personId;
			if (data.rang_beneficiaire === 1) await tx.update(persons).set(person).where(eq(persons.id, personId));
			else {
				const [created] = await tx
					.insert(persons)
					.values({ ...person, createdAt: now })
					.returning({ id: persons.id });
				personId = created?.id ?? 0;
				await tx.insert(personRoleAssignments).values({ personId, role: "beneficiary", since: today });
			}
			const [inserted] = await tx
				.insert(beneficiaries)
				.values({ ...cover, memberId: member.id, personId, rank: data.rang_beneficiaire, createdAt: now })
				.returning({ id: beneficiaries.id });
			byRank.set(key, { id: inserted?.id ?? 0, memberId: member.id, rank: data.rang_beneficiaire, personId });
		}
		return { written, unchanged: 0, rejected };
	},
};
