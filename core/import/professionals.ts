// Health professionals and establishments under a tiers-payant convention, from the core system,
// keyed by the convention's number: identifiers (RPPS, FINESS, ADELI), names, profession,
// convention dates and where they practise (the network finder's spatial index follows the
// coordinates by its triggers). An RPPS is one person's: a line giving a professional the RPPS of
// another is refused. Lines apply in file order.
import { eq } from "drizzle-orm";
import { z } from "zod";
import { conventionSectors, professions } from "../../schema/enums.ts";
import { professionals } from "../../schema/tables/index.ts";
import { inList, optionalDay, optionalText, postalCodeField, requiredText } from "./fields.ts";
import type { ImportKind, Rejection } from "./run.ts";

const optionalPattern = (label: string, pattern: RegExp, message: string) =>
	z
		.string()
		.trim()
		.regex(pattern, `${label} : ${message}`)
		.optional()
		.transform((value) => value ?? null);

const coordinate = (label: string, limit: number) =>
	z
		.string()
		.trim()
		.regex(/^-?\d{1,3}(?:[.,]\d{1,8})?$/, `${label} : un nombre décimal.`)
		.transform((value) => Number(value.replace(",", ".")))
		.refine((value) => Math.abs(value) <= limit, `${label} : entre -${limit} et ${limit}.`)
		.optional()
		.transform((value) => value ?? null);

export const professionalLine = z
	.strictObject({
		numero_convention: z
			.string({ error: "numero_convention : valeur manquante." })
			.trim()
			.regex(/^[A-Za-z0-9\-/]{1,32}$/, "numero_convention : 1 à 32 lettres, chiffres, - ou /."),
		rpps: optionalPattern("rpps", /^\d{11}$/, "11 chiffres."),
		finess: optionalPattern("finess", /^[0-9AB]{9}$/, "9 caractères."),
		adeli: optionalPattern("adeli", /^\d{9}$/, "9 chiffres."),
		nom: optionalText("nom", 80),
		prenom: optionalText("prenom", 80),
		raison_sociale: optionalText("raison_sociale", 120),
		profession: z.enum(professions, { error: `profession : l'une de ${professions.join(", ")}.` }),
		specialite: optionalText("specialite", 80),
		secteur: z
			.enum(conventionSectors, { error: `secteur : l'un de ${conventionSectors.join(", ")}.` })
			.optional()
			.transform((value) => value ?? null),
		date_convention: optionalDay("date_convention"),
		fin_convention: optionalDay("fin_convention"),
		adresse_1: requiredText("adresse_1", 120),
		adresse_2: optionalText("adresse_2", 120),
		code_postal: postalCodeField,
		ville: requiredText("ville", 80),
		latitude: coordinate("latitude", 90),
		longitude: coordinate("longitude", 180),
		telephone: optionalText("telephone", 20),
		email: optionalText("email", 254),
	})
	.refine((line) => line.nom !== null || line.raison_sociale !== null, {
		message: "nom ou raison_sociale : l'un des deux au moins.",
	})
	.refine((line) => (line.latitude === null) === (line.longitude === null), {
		message: "latitude et longitude : les deux ou aucune.",
	})
	.refine(
		(line) => !line.date_convention || !line.fin_convention || line.fin_convention >= line.date_convention,
		{ message: "fin_convention : la fin de la convention précède sa signature." },
	);

export type ProfessionalLine = z.output<typeof professionalLine>;

export const professionalsImport: ImportKind<ProfessionalLine> = {
	name: "professionnels",
	schema: professionalLine as unknown as ImportKind<ProfessionalLine>["schema"],
	async writeBatch(tx, lines, now) {
		const rejected: Rejection[] = [];
		const conventions = [...new Set(lines.map(({ data }) => data.numero_convention))];
		const rppsList = [...new Set(lines.flatMap(({ data }) => (data.rpps ? [data.rpps] : [])))];
		const byConvention = new Map(
			(
				await tx
					.select({ id: professionals.id, convention: professionals.conventionNumber })
					.from(professionals)
					.where(inList(professionals.conventionNumber, conventions))
			).map((row) => [row.convention ?? "", row.id]),
		);
		// Whose each RPPS is (by row id), to refuse a line that would give it to someone else.
		const rppsOwner = new Map(
			rppsList.length
				? (
						await tx
							.select({ id: professionals.id, rpps: professionals.rpps })
							.from(professionals)
							.where(inList(professionals.rpps, rppsList))
					).map((row) => [row.rpps ?? "", row.id])
				: [],
		);
		let written = 0;
		for (const { line, data } of lines) {
			const id = byConvention.get(data.numero_convention);
			const owner = data.rpps ? rppsOwner.get(data.rpps) : undefined;
			if (owner !== undefined && owner !== id) {
				rejected.push({ line, reason: `rpps : ${data.rpps} est déjà celui d'un autre professionnel.` });
				continue;
			}
			const values = {
				rpps: data.rpps,
				finess: data.finess,
				adeli: data.adeli,
				lastName: data.nom,
				firstName: data.prenom,
				practiceName: data.raison_sociale,
				profession: data.profession,
				specialty: data.specialite,
				sector: data.secteur,
				conventionSignedOn: data.date_convention,
				conventionEndedOn: data.fin_convention,
				addressLine1: data.adresse_1,
				addressLine2: data.adresse_2,
				postalCode: data.code_postal,
				city: data.ville,
				latitude: data.latitude,
				longitude: data.longitude,
				phone: data.telephone,
				email: data.email,
				updatedAt: now,
			};
			let rowId = id;
			if (rowId !== undefined) await tx.update(professionals).set(values).where(eq(professionals.id, rowId));
			else {
				const [created] = await tx
					.insert(professionals)
					.values({ ...values, conventionNumber: data.numero_convention, createdAt: now })
					.returning({ id: professionals.id });
				rowId = created?.id ?? 0;
				byConvention.set(data.numero_convention, rowId);
			}
			// The RPPS the row had before is free again; the new one is the row's.
			for (const [rpps, holder] of rppsOwner) if (holder === rowId) rppsOwner.delete(rpps);
			if (data.rpps) rppsOwner.set(data.rpps, rowId);
			written++;
		}
		return { written, unchanged: 0, rejected };
	},
};
