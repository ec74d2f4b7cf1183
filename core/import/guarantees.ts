// Guarantee tables (tableaux de garanties) from the core system, one file line per guarantee
// line: the table is keyed by the offer's code and the day it takes effect (a new version of an
// offer's guarantees is a new table, as the schema keeps them), the line by its care category and
// its rank in that category (`ordre`). A line says how the mutuelle pays (a percentage of the
// Sécurité sociale base, a flat amount, a ceiling, the 100 % Santé basket, the actual cost), the
// amount or rate, an optional cap and its period; `valeur` is read by the line's type, as the
// espace adhérent reads it (core/adherent/guarantees.ts, schema/tables/guarantees.ts). The file's
// `date_fin` is the table's last day; the portal keeps the day after (`effective_to`, exclusive).
// Each line repeats its table's label and end; the last one read wins.
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { GuaranteeKind, GuaranteePeriod } from "../../schema/enums.ts";
import { acts, careCategories, guaranteeLines, guaranteeTables, offers } from "../../schema/tables/index.ts";
import { addDays } from "../calendar.ts";
import {
	day,
	euros,
	inList,
	mappedWord,
	optionalDay,
	percentUpTo,
	requiredText,
	wholeNumber,
} from "./fields.ts";
import type { ImportKind, Rejection } from "./run.ts";

const KINDS: Readonly<Record<string, GuaranteeKind>> = {
	pourcentage_br: "percent_br",
	forfait: "flat",
	panier_100_sante: "basket_100_sante",
	plafond: "ceiling",
	frais_reels: "actual_cost",
};

const PERIODS: Readonly<Record<string, GuaranteePeriod>> = {
	par_acte: "per_act",
	par_jour: "per_day",
	par_an: "per_year",
	par_deux_ans: "per_two_years",
};

/** The highest rate of a line: 1 000 % of the base covers every table the insurer sells. */
const MAX_PERCENT = 1_000;
const ratePercent = percentUpTo("valeur", MAX_PERCENT);
const amount = euros("valeur");

export const guaranteeLine = z
	.strictObject({
		code_offre: z
			.string({ error: "code_offre : valeur manquante." })
			.trim()
			.regex(/^[A-Z0-9_-]{1,32}$/, "code_offre : lettres majuscules, chiffres, _ ou -."),
		date_effet: day("date_effet"),
		date_fin: optionalDay("date_fin"),
		libelle_tableau: requiredText("libelle_tableau", 120),
		code_categorie: requiredText("code_categorie", 40),
		ordre: wholeNumber("ordre", 0, 999),
		code_acte: z
			.string()
			.trim()
			.max(20, "code_acte : 20 caractères au plus.")
			.optional()
			.transform((value) => value || null),
		libelle: requiredText("libelle", 200),
		type: mappedWord("type", KINDS),
		valeur: z
			.string()
			.optional()
			.transform((value) => value?.trim() || null),
		plafond: euros("plafond")
			.optional()
			.transform((value) => value ?? null),
		periode: mappedWord("periode", PERIODS)
			.optional()
			.transform((value) => value ?? "per_act"),
	})
	// guarantee_tables_dates_check (the portal's end is the day after the file's).
	.refine((line) => line.date_fin === null || line.date_fin >= line.date_effet, {
		message: "date_fin : le dernier jour du tableau précède sa date_effet.",
	})
	.transform((line, context) => {
		const parsed =
			line.type === "percent_br"
				? ratePercent.safeParse(line.valeur ?? undefined)
				: line.type === "flat" || line.type === "ceiling"
					? amount.safeParse(line.valeur ?? undefined)
					: line.valeur === null || /^0+(?:[.,]0+)?$/.test(line.valeur)
						? { success: true as const, data: 0 }
						: null;
		if (parsed?.success) return { ...line, valeur: parsed.data };
		context.addIssue({
			code: "custom",
			message:
				parsed === null
					? "valeur : vide pour un panier 100 % Santé ou des frais réels."
					: line.type === "percent_br"
						? `valeur : un pourcentage de la base de remboursement, de 0 à ${MAX_PERCENT}.`
						: "valeur : un montant en euros.",
		});
		return z.NEVER;
	});

export type GuaranteeLineInput = z.output<typeof guaranteeLine>;

/** Why the line names what the portal does not know, or null. */
function refusal(
	data: GuaranteeLineInput,
	offerId: number | undefined,
	categories: ReadonlySet<string>,
	actCategory: ReadonlyMap<string, string>,
): string | null {
	if (offerId === undefined) return `Offre ${data.code_offre} inconnue.`;
	if (!categories.has(data.code_categorie)) return `Catégorie de soins ${data.code_categorie} inconnue.`;
	if (data.code_acte === null) return null;
	const category = actCategory.get(data.code_acte);
	if (category === undefined) return `Acte ${data.code_acte} inconnu.`;
	return category === data.code_categorie
		? null
		: `code_acte : l'acte ${data.code_acte} est de la catégorie ${category}, pas ${data.code_categorie}.`;
}

export const guaranteesImport: ImportKind<GuaranteeLineInput> = {
	name: "garanties",
	schema: guaranteeLine as unknown as ImportKind<GuaranteeLineInput>["schema"],
	async writeBatch(tx, lines) {
		const rejected: Rejection[] = [];
		const unique = <T>(values: T[]) => [...new Set(values)];
		const offerIds = new Map(
			(
				await tx
					.select({ id: offers.id, code: offers.code })
					.from(offers)
					.where(inList(offers.code, unique(lines.map(({ data }) => data.code_offre))))
			).map((row) => [row.code, row.id]),
		);
		const categories = new Set(
			(
				await tx
					.select({ code: careCategories.code })
					.from(careCategories)
					.where(inList(careCategories.code, unique(lines.map(({ data }) => data.code_categorie))))
			).map((row) => row.code),
		);
		const actCategory = new Map(
			(
				await tx
					.select({ code: acts.code, category: acts.categoryCode })
					.from(acts)
					.where(inList(acts.code, unique(lines.flatMap(({ data }) => data.code_acte ?? []))))
			).map((row) => [row.code, row.category]),
		);
		// Each table's head once per batch, from the last of its valid lines.
		const valid: { data: GuaranteeLineInput; tableKey: string }[] = [];
		const heads = new Map<string, typeof guaranteeTables.$inferInsert>();
		for (const { line, data } of lines) {
			const offerId = offerIds.get(data.code_offre);
			const reason = refusal(data, offerId, categories, actCategory);
			if (reason !== null || offerId === undefined) {
				rejected.push({ line, reason: reason ?? "Ligne invalide." });
				continue;
			}
			const tableKey = `${offerId}:${data.date_effet}`;
			valid.push({ data, tableKey });
			heads.set(tableKey, {
				offerId,
				label: data.libelle_tableau,
				effectiveFrom: data.date_effet,
				effectiveTo: data.date_fin === null ? null : addDays(data.date_fin, 1),
			});
		}
		const tableIds = new Map<string, number>();
		for (const [key, head] of heads) {
			const [table] = await tx
				.insert(guaranteeTables)
				.values(head)
				.onConflictDoUpdate({
					target: [guaranteeTables.offerId, guaranteeTables.effectiveFrom],
					set: { label: sql`excluded.label`, effectiveTo: sql`excluded.effective_to` },
				})
				.returning({ id: guaranteeTables.id });
			if (!table) throw new Error("garanties: the table was not written");
			tableIds.set(key, table.id);
		}
		for (const { data, tableKey } of valid) {
			const tableId = tableIds.get(tableKey) ?? 0;
			const values = {
				actCode: data.code_acte,
				label: data.libelle,
				kind: data.type,
				value: data.valeur,
				ceilingCents: data.plafond,
				period: data.periode,
			};
			const [held] = await tx
				.select({ id: guaranteeLines.id })
				.from(guaranteeLines)
				.where(
					and(
						eq(guaranteeLines.tableId, tableId),
						eq(guaranteeLines.categoryCode, data.code_categorie),
						eq(guaranteeLines.sortOrder, data.ordre),
					),
				)
				.limit(1);
			if (held) await tx.update(guaranteeLines).set(values).where(eq(guaranteeLines.id, held.id));
			else
				await tx
					.insert(guaranteeLines)
					.values({ ...values, tableId, categoryCode: data.code_categorie, sortOrder: data.ordre });
		}
		return { written: valid.length, unchanged: 0, rejected };
	},
};
