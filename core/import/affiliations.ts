// Employees' affiliations to their company's group contract, from the core system, keyed by the
// company's SIRET, the employee's NIR and the affiliation's first day (the core system has no
// number of its own for an affiliation): the contract and its catégorie objective, the option (or
// the dispense's reason), the last day and why, the end of the portability. Each line is held to
// the table's CHECK constraints before it is written, with a French sentence naming the rule it
// breaks, and to the employer's own rules (the NIR against the birth date, one affiliation at a
// time per company). The employee is the person of that NIR (created when new, with the
// « employee » role); their member record, when they have one, is linked, and their adherent
// account's two-year clock (article 7) computed again, as a contract import does. No account is
// created and nobody is e-mailed: the core system's affiliations are already known to the insurer.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { type AffiliationEndReason, affiliationEndReasons, type DispenseReason } from "../../schema/enums.ts";
import {
	affiliations,
	companies,
	members,
	personRoleAssignments,
	persons,
} from "../../schema/tables/index.ts";
import { nirMatchesBirthDate, sexOfNir } from "../employeur/affiliate.ts";
import {
	coreNumber,
	day,
	inList,
	mappedWord,
	optionalDay,
	optionalOf,
	optionalText,
	requiredNir,
	requiredText,
	siretField,
} from "./fields.ts";
import { categoryField, groupContractsByNumber, optionField } from "./group-contracts.ts";
import { memberNumber } from "./members.ts";
import { recomputeAccess } from "./resiliations.ts";
import type { ImportKind, Rejection } from "./run.ts";

const END_REASONS: Readonly<Record<string, AffiliationEndReason>> = {
	demission: "resignation",
	licenciement: "dismissal",
	fin_de_contrat: "contract_end",
	rupture_conventionnelle: "conventional_termination",
	retraite: "retirement",
	deces: "death",
	fin_contrat_collectif: "group_contract_end",
};
// Every reason of the schema has a word of the core system.
if (new Set(Object.values(END_REASONS)).size !== affiliationEndReasons.length)
	throw new Error("affiliations import: an end reason has no word");

const DISPENSE_REASONS: Readonly<Record<string, DispenseReason>> = {
	cdd: "fixed_term_contract",
	ayant_droit: "covered_as_dependant",
	c2s: "c2s",
	contrat_individuel: "individual_contract",
	temps_partiel_apprenti: "part_time_or_apprentice",
	present_a_la_mise_en_place: "present_at_due",
};

export const affiliationLine = z
	.strictObject({
		siret: siretField("siret"),
		numero_contrat: coreNumber("numero_contrat"),
		categorie: categoryField,
		option: optionalOf(optionField),
		motif_dispense: optionalOf(mappedWord("motif_dispense", DISPENSE_REASONS)),
		nir: requiredNir("nir"),
		nom: requiredText("nom", 80),
		prenom: requiredText("prenom", 80),
		date_naissance: day("date_naissance"),
		numero_adherent: optionalOf(memberNumber),
		matricule: optionalText("matricule", 20),
		date_debut: day("date_debut"),
		date_fin: optionalDay("date_fin"),
		motif_fin: optionalOf(mappedWord("motif_fin", END_REASONS)),
		fin_portabilite: optionalDay("fin_portabilite"),
	})
	// affiliations_option_or_dispense_check
	.refine((line) => (line.option === null) !== (line.motif_dispense === null), {
		message:
			"option ou motif_dispense : l'un des deux exactement (une affiliation a une option, une dispense un motif).",
	})
	.refine((line) => nirMatchesBirthDate(line.nir, line.date_naissance), {
		message: "nir : l'année et le mois de naissance du numéro ne sont pas ceux de date_naissance.",
	})
	// affiliations_dates_check
	.refine((line) => line.date_fin === null || line.date_fin >= line.date_debut, {
		message: "date_fin : une affiliation ne peut pas finir avant son premier jour (date_debut).",
	})
	.refine((line) => (line.date_fin === null) === (line.motif_fin === null), {
		message: "motif_fin : obligatoire avec une date_fin, et avec elle seulement.",
	})
	// affiliations_portability_check
	.refine(
		(line) =>
			line.fin_portabilite === null || (line.date_fin !== null && line.fin_portabilite > line.date_fin),
		{ message: "fin_portabilite : seulement après une date_fin, et au-delà d'elle." },
	);

export type AffiliationLine = z.output<typeof affiliationLine>;

interface KnownAffiliation {
	id: number;
	companyId: number;
	personId: number;
	nir: string;
	startDate: string;
	endDate: string | null;
}

/** Why the line cannot be written against what the database holds, or null. */
function refusal(
	data: AffiliationLine,
	found: {
		readonly companyId: number | undefined;
		readonly contract: { companyId: number; startDate: string; endDate: string | null } | undefined;
		readonly categoryId: number | undefined;
		/** Undefined: the line names a member the portal does not know; null: it names none. */
		readonly member: { nir: string | null } | null | undefined;
		readonly person: { birthDate: string | null } | undefined;
		readonly overlapping: KnownAffiliation | undefined;
	},
): string | null {
	const { contract, member, person, overlapping } = found;
	if (found.companyId === undefined)
		return `Entreprise de SIRET ${data.siret} inconnue : importez-la d'abord (entreprises).`;
	if (!contract || contract.companyId !== found.companyId)
		return `Contrat collectif ${data.numero_contrat} inconnu pour l'entreprise ${data.siret}.`;
	if (found.categoryId === undefined)
		return `Le contrat collectif ${data.numero_contrat} n'a pas de catégorie « ${data.categorie} ».`;
	if (data.date_debut < contract.startDate)
		return `date_debut : le ${data.date_debut} précède le début du contrat collectif (${contract.startDate}).`;
	if (contract.endDate !== null && data.date_debut > contract.endDate)
		return `date_debut : le contrat collectif a pris fin le ${contract.endDate}.`;
	if (member === undefined) return `Adhérent ${data.numero_adherent} inconnu.`;
	if (member && member.nir !== null && member.nir !== data.nir)
		return `numero_adherent : l'adhérent ${data.numero_adherent} a un autre numéro de sécurité sociale.`;
	if (person?.birthDate && person.birthDate !== data.date_naissance)
		return `nir : ce numéro est celui d'une personne née le ${person.birthDate}, pas le ${data.date_naissance}.`;
	if (overlapping)
		return `Le salarié est déjà affilié à cette entreprise depuis le ${overlapping.startDate}${
			overlapping.endDate ? ` jusqu'au ${overlapping.endDate}` : ""
		} : les deux périodes se chevauchent.`;
	return null;
}

export const affiliationsImport: ImportKind<AffiliationLine> = {
	name: "affiliations",
	schema: affiliationLine as unknown as ImportKind<AffiliationLine>["schema"],
	async writeBatch(tx, lines, now) {
		const rejected: Rejection[] = [];
		const unique = <T>(values: T[]) => [...new Set(values)];
		const companyIds = new Map(
			(
				await tx
					.select({ id: companies.id, siret: companies.siret })
					.from(companies)
					.where(inList(companies.siret, unique(lines.map(({ data }) => data.siret))))
			).map((row) => [row.siret, row.id]),
		);
		const contracts = await groupContractsByNumber(
			tx,
			lines.map(({ data }) => data.numero_contrat),
		);
		const nirs = unique(lines.map(({ data }) => data.nir));
		const people = await tx
			.select({ id: persons.id, nir: persons.nir, birthDate: persons.birthDate })
			.from(persons)
			.where(inList(persons.nir, nirs))
			.orderBy(persons.id);
		const personOfNir = new Map<string, { id: number; birthDate: string }>();
		for (const row of people) if (row.nir && !personOfNir.has(row.nir)) personOfNir.set(row.nir, row);
		const memberRows = await tx
			.select({
				id: members.id,
				number: members.memberNumber,
				personId: members.personId,
				nir: persons.nir,
				birthDate: persons.birthDate,
			})
			.from(members)
			.innerJoin(persons, eq(persons.id, members.personId))
			.where(inList(members.memberNumber, unique(lines.flatMap(({ data }) => data.numero_adherent ?? []))));
		const memberOfNumber = new Map(memberRows.map((row) => [row.number, row]));
		// Every affiliation of these NIRs: the line's own (by its key) and the ones it must not overlap.
		const known: KnownAffiliation[] = (
			await tx
				.select({
					id: affiliations.id,
					companyId: affiliations.companyId,
					personId: affiliations.personId,
					nir: persons.nir,
					startDate: affiliations.startDate,
					endDate: affiliations.endDate,
				})
				.from(affiliations)
				.innerJoin(persons, eq(persons.id, affiliations.personId))
				.where(inList(persons.nir, nirs))
		).map((row) => ({ ...row, nir: row.nir ?? "" }));
		// Which of these people are employees already, and their member records.
		const personIds = unique([
			...people.map((row) => row.id),
			...memberRows.map((row) => row.personId),
			...known.map((row) => row.personId),
		]);
		const employees = new Set(
			(
				await tx
					.select({ personId: personRoleAssignments.personId })
					.from(personRoleAssignments)
					.where(
						and(
							inList(personRoleAssignments.personId, personIds),
							eq(personRoleAssignments.role, "employee"),
						),
					)
			).map((row) => row.personId),
		);
		const memberOfPerson = new Map(
			(
				await tx
					.select({ id: members.id, personId: members.personId })
					.from(members)
					.where(inList(members.personId, personIds))
			).map((row) => [row.personId, row.id]),
		);
		const touchedMembers = new Set<number>();
		let written = 0;
		// In file order, each line against what the lines before it left.
		for (const { line, data } of lines) {
			const companyId = companyIds.get(data.siret);
			const contract = contracts.get(data.numero_contrat);
			const categoryId = contract?.categories.get(data.categorie)?.id;
			const member = data.numero_adherent === null ? null : memberOfNumber.get(data.numero_adherent);
			const own = known.find(
				(row) => row.companyId === companyId && row.nir === data.nir && row.startDate === data.date_debut,
			);
			const overlapping = known.find(
				(row) =>
					row !== own &&
					row.companyId === companyId &&
					row.nir === data.nir &&
					row.startDate <= (data.date_fin ?? "9999-12-31") &&
					(row.endDate ?? "9999-12-31") >= data.date_debut,
			);
			const person = own
				? { id: own.personId, birthDate: null }
				: member
					? { id: member.personId, birthDate: member.birthDate }
					: personOfNir.get(data.nir);
			const reason = refusal(data, { companyId, contract, categoryId, member, person, overlapping });
			if (reason !== null || companyId === undefined || !contract || categoryId === undefined) {
				rejected.push({ line, reason: reason ?? "Ligne invalide." });
				continue;
			}
			const identity = {
				lastName: data.nom,
				firstName: data.prenom,
				birthDate: data.date_naissance,
				nir: data.nir,
				updatedAt: now,
			};
			let personId = person?.id;
			if (personId === undefined) {
				const [created] = await tx
					.insert(persons)
					.values({ ...identity, sex: sexOfNir(data.nir), createdAt: now })
					.returning({ id: persons.id });
				personId = created?.id ?? 0;
				personOfNir.set(data.nir, { id: personId, birthDate: data.date_naissance });
			} else await tx.update(persons).set(identity).where(eq(persons.id, personId));
			if (!employees.has(personId)) {
				await tx.insert(personRoleAssignments).values({ personId, role: "employee", since: data.date_debut });
				employees.add(personId);
			}
			const memberId = member?.id ?? memberOfPerson.get(personId) ?? null;
			const values = {
				companyId,
				groupContractId: contract.id,
				categoryId,
				personId,
				memberId,
				employeeNumber: data.matricule,
				option: data.option,
				startDate: data.date_debut,
				endDate: data.date_fin,
				endReason: data.motif_fin,
				portabilityEndDate: data.fin_portabilite,
				dispenseReason: data.motif_dispense,
				updatedAt: now,
			};
			if (own) {
				await tx.update(affiliations).set(values).where(eq(affiliations.id, own.id));
				own.endDate = data.date_fin;
			} else {
				const [created] = await tx
					.insert(affiliations)
					.values({ ...values, createdAt: now })
					.returning({ id: affiliations.id });
				known.push({
					id: created?.id ?? 0,
					companyId,
					personId,
					nir: data.nir,
					startDate: data.date_debut,
					endDate: data.date_fin,
				});
			}
			if (memberId !== null) touchedMembers.add(memberId);
			written++;
		}
		await recomputeAccess(tx, touchedMembers, now);
		return { written, unchanged: 0, rejected };
	},
};
