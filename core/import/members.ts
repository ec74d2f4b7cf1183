// Members (adhérents) from the core system, keyed by their member number: the person (name,
// birth, sex, NIR) and the member's address and contact details. A new member gets their person
// and the adherent role; a known one is updated in place. Contracts and beneficiaries are kinds
// of their own.
import { eq } from "drizzle-orm";
import { z } from "zod";
import { isValidNir, normalizeNir } from "../../schema/identifiers.ts";
import { members, personRoleAssignments, persons } from "../../schema/tables/index.ts";
import { day, inList, optionalText, postalCodeField, requiredText } from "./fields.ts";
import type { ImportKind, ParsedLine, Transaction } from "./run.ts";

/** The member's number in the core system: digits only. */
export const memberNumber = z
	.string({ error: "numero_adherent : valeur manquante." })
	.trim()
	.regex(/^\d{1,20}$/, "numero_adherent : des chiffres seulement.");

export const sexField = z.enum(["F", "M"], { error: "sexe : « F » ou « M »." });

/** An optional NIR, checked with its key. */
export const nirField = z
	.string()
	.optional()
	.transform((value, context) => {
		if (!value?.trim()) return null;
		const nir = normalizeNir(value);
		if (!isValidNir(nir)) {
			context.addIssue({
				code: "custom",
				message: "nir : le numéro de sécurité sociale n'est pas valide.",
			});
			return z.NEVER;
		}
		return nir;
	});

export const memberLine = z.strictObject({
	numero_adherent: memberNumber,
	nom: requiredText("nom", 80),
	prenom: requiredText("prenom", 80),
	date_naissance: day("date_naissance"),
	sexe: sexField,
	nir: nirField,
	adresse_1: requiredText("adresse_1", 120),
	adresse_2: optionalText("adresse_2", 120),
	code_postal: postalCodeField,
	ville: requiredText("ville", 80),
	email: z
		.string()
		.trim()
		.optional()
		.transform((value, context) => {
			if (!value) return null;
			if (!z.email().safeParse(value).success) {
				context.addIssue({ code: "custom", message: "email : l'adresse n'est pas valide." });
				return z.NEVER;
			}
			return value.toLowerCase();
		}),
	telephone: optionalText("telephone", 20),
	releves_papier: z
		.enum(["oui", "non"], { error: "releves_papier : « oui » ou « non »." })
		.optional()
		.transform((value) => value === "oui"),
});

export type MemberLine = z.output<typeof memberLine>;

/** The members the batch's lines name, by number (the kinds whose lines name a member). */
export async function membersByNumber(
	tx: Transaction,
	lines: readonly { readonly data: { readonly numero_adherent: string } }[],
): Promise<Map<string, { id: number; personId: number }>> {
	const rows = await tx
		.select({ id: members.id, number: members.memberNumber, personId: members.personId })
		.from(members)
		.where(inList(members.memberNumber, [...new Set(lines.map(({ data }) => data.numero_adherent))]));
	return new Map(rows.map((row) => [row.number, { id: row.id, personId: row.personId }]));
}

/** A person's civil identity from a line (members and beneficiaries). */
export function personValues(
	data: Pick<MemberLine, "nom" | "prenom" | "date_naissance" | "sexe" | "nir">,
	now: Date,
) {
	return {
		lastName: data.nom,
		firstName: data.prenom,
		birthDate: data.date_naissance,
		sex: data.sexe,
		nir: data.nir,
		updatedAt: now,
	};
}

export const membersImport: ImportKind<MemberLine> = {
	name: "adherents",
	schema: memberLine as unknown as ImportKind<MemberLine>["schema"],
	async writeBatch(tx, lines, now) {
		// The last line of a member number wins, as a second run of the same file would make it.
		const latest = new Map<string, ParsedLine<MemberLine>>();
		for (const entry of lines) latest.set(entry.data.numero_adherent, entry);
		const byNumber = await membersByNumber(tx, [...latest.values()]);
		const today = now.toISOString().slice(0, 10);
		for (const { data } of latest.values()) {
			const person = personValues(data, now);
			const member = {
				paperStatements: data.releves_papier,
				addressLine1: data.adresse_1,
				addressLine2: data.adresse_2,
				postalCode: data.code_postal,
				city: data.ville,
				email: data.email,
				phone: data.telephone,
				updatedAt: now,
			};
			const existing = byNumber.get(data.numero_adherent);
			if (existing) {
				await tx.update(persons).set(person).where(eq(persons.id, existing.personId));
				await tx.update(members).set(member).where(eq(members.id, existing.id));
				continue;
			}
			const [created] = await tx
				.insert(persons)
				.values({ ...person, createdAt: now })
				.returning({ id: persons.id });
			const personId = created?.id ?? 0;
			await tx.insert(personRoleAssignments).values({ personId, role: "adherent", since: today });
			await tx
				.insert(members)
				.values({ ...member, memberNumber: data.numero_adherent, personId, createdAt: now });
		}
		return { written: latest.size, unchanged: 0, rejected: [] };
	},
};
