// Companies (entreprises) from the core system, keyed by the SIRET of the establishment that
// signed the group contract: its SIRET and SIREN checked with their Luhn key (DOMAIN.md §1, La
// Poste's establishments by their own rule), the name, NAF code, address and contact. A known
// SIRET is updated in place, a new one created; the group contracts, affiliations and
// contribution statements that hang on the company keep pointing at the same row.
import { sql } from "drizzle-orm";
import { z } from "zod";
import { companies } from "../../schema/tables/index.ts";
import {
	fixedChunks,
	optionalEmail,
	optionalText,
	postalCodeField,
	requiredText,
	siretField,
} from "./fields.ts";
import type { ImportKind, ParsedLine } from "./run.ts";

export const companyLine = z
	.strictObject({
		siret: siretField("siret"),
		/** Optional: the SIRET's first nine digits; when given, they must agree. */
		siren: z
			.string()
			.optional()
			.transform((value) => value?.replace(/[\s\u00a0]/g, "") || null),
		raison_sociale: requiredText("raison_sociale", 120),
		code_naf: z
			.string()
			.trim()
			.regex(/^\d{2}\.?\d{2}[A-Z]$/, "code_naf : 4 chiffres et une lettre (ex. 10.71C).")
			.optional()
			.transform((value) => (value ? `${value.slice(0, 2)}.${value.replace(".", "").slice(2)}` : null)),
		adresse_1: requiredText("adresse_1", 120),
		adresse_2: optionalText("adresse_2", 120),
		code_postal: postalCodeField,
		ville: requiredText("ville", 80),
		code_insee: z
			.string()
			.trim()
			.regex(/^(?:\d{5}|2[AB]\d{3})$/, "code_insee : 5 caractères (ex. 75056, 2A004).")
			.optional()
			.transform((value) => value ?? null),
		email: optionalEmail("email"),
		telephone: optionalText("telephone", 20),
	})
	.refine((line) => line.siren === null || line.siren === line.siret.slice(0, 9), {
		message: "siren : ce ne sont pas les 9 premiers chiffres du SIRET.",
	});

export type CompanyLine = z.output<typeof companyLine>;

export const companiesImport: ImportKind<CompanyLine> = {
	name: "entreprises",
	schema: companyLine as unknown as ImportKind<CompanyLine>["schema"],
	async writeBatch(tx, lines, now) {
		// The last line of a SIRET wins, as a second run of the same file would make it.
		const bySiret = new Map<string, ParsedLine<CompanyLine>>();
		for (const entry of lines) bySiret.set(entry.data.siret, entry);
		const rows = [...bySiret.values()].map(({ data }) => ({
			siret: data.siret,
			siren: data.siret.slice(0, 9),
			name: data.raison_sociale,
			nafCode: data.code_naf,
			addressLine1: data.adresse_1,
			addressLine2: data.adresse_2,
			postalCode: data.code_postal,
			city: data.ville,
			inseeCode: data.code_insee,
			email: data.email,
			phone: data.telephone,
			createdAt: now,
			updatedAt: now,
		}));
		let written = 0;
		for (const chunk of fixedChunks(rows)) {
			const done = await tx
				.insert(companies)
				.values(chunk)
				.onConflictDoUpdate({
					target: companies.siret,
					set: {
						name: sql`excluded.name`,
						nafCode: sql`excluded.naf_code`,
						addressLine1: sql`excluded.address_line1`,
						addressLine2: sql`excluded.address_line2`,
						postalCode: sql`excluded.postal_code`,
						city: sql`excluded.city`,
						inseeCode: sql`excluded.insee_code`,
						email: sql`excluded.email`,
						phone: sql`excluded.phone`,
						updatedAt: sql`excluded.updated_at`,
					},
				})
				.returning({ id: companies.id });
			written += done.length;
		}
		return { written, unchanged: 0, rejected: [] };
	},
};
