// Contribution statements (bordereaux de cotisations) of group contracts from the core system,
// one file line per statement line: the statement is keyed by the group contract's number and
// the period (`2026-10`, `2026-T4`, `2026-S2`, `2026`, as the contract is called), its line by
// the catégorie objective and the option. Each line carries its statement's head (status, dates,
// PMSS), the last one read wins. A statement's headcount and amounts are always the sum of its
// lines, computed again after each batch, so a file stopped between two lines of a statement
// leaves it consistent (and its CHECK on the employer and employee split holds), and the re-run
// completes it. The core system holds the truth: a statement's status and lines follow it even
// once paid (a frozen paid statement would refuse the rest of a file whose first batch just
// marked it paid). Lines the file does not name are left. The employer reads statements from these tables (core/employeur/statements.ts); the portal has no message or
// e-mail for a new statement, so the import queues none (ADR 0041).
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { ContributionBasis, ContributionStatementStatus, Periodicity } from "../../schema/enums.ts";
import { contributionLines, contributionStatements } from "../../schema/tables/index.ts";
import { addDays, addMonths } from "../calendar.ts";
import {
	coreNumber,
	euros,
	inList,
	mappedWord,
	optionalDay,
	optionalOf,
	percent,
	wholeNumber,
} from "./fields.ts";
import { categoryField, groupContractsByNumber, optionField } from "./group-contracts.ts";
import type { ImportKind, Rejection } from "./run.ts";

const STATUSES: Readonly<Record<string, ContributionStatementStatus>> = {
	brouillon: "draft",
	emis: "issued",
	paye: "paid",
	en_retard: "late",
};

/** A period as the core system writes it, and how many months it spans. */
const PERIODS: readonly { pattern: RegExp; periodicity: Periodicity; months: number; example: string }[] = [
	{ pattern: /^(\d{4})-(0[1-9]|1[0-2])$/, periodicity: "monthly", months: 1, example: "AAAA-MM" },
	{ pattern: /^(\d{4})-[TQ]([1-4])$/, periodicity: "quarterly", months: 3, example: "AAAA-T1 à T4" },
	{ pattern: /^(\d{4})-S([12])$/, periodicity: "half_yearly", months: 6, example: "AAAA-S1 ou S2" },
	{ pattern: /^(\d{4})$/, periodicity: "yearly", months: 12, example: "AAAA" },
];

const period = z.string({ error: "periode : valeur manquante." }).transform((value, context) => {
	const text = value.trim().toUpperCase();
	for (const { pattern, periodicity, months } of PERIODS) {
		const match = pattern.exec(text);
		if (!match) continue;
		const index = months === 1 ? 1 : Number(match[2] ?? 1);
		const month = months === 1 ? Number(match[2]) : (index - 1) * months + 1;
		const first = `${match[1]}-${String(month).padStart(2, "0")}-01`;
		// The portal writes a quarter as `2026-Q4`, as the seed and the employer's pages do.
		const name = periodicity === "quarterly" ? `${match[1]}-Q${index}` : text;
		return { name, periodicity, start: first, end: addDays(addMonths(first, months), -1) };
	}
	context.addIssue({
		code: "custom",
		message: `periode : « ${text.slice(0, 10)} » n'est ni un mois (AAAA-MM), ni un trimestre (AAAA-T1), ni un semestre (AAAA-S1), ni une année (AAAA).`,
	});
	return z.NEVER;
});

export const contributionLine = z
	.strictObject({
		numero_contrat: coreNumber("numero_contrat"),
		periode: period,
		statut: mappedWord("statut", STATUSES),
		date_emission: optionalDay("date_emission"),
		date_echeance: optionalDay("date_echeance"),
		date_paiement: optionalDay("date_paiement"),
		pmss: optionalOf(euros("pmss")),
		categorie: categoryField,
		option: optionField,
		effectif: wholeNumber("effectif", 1, 1_000_000),
		assiette: euros("assiette"),
		taux: optionalOf(percent("taux")),
		montant_unitaire: optionalOf(euros("montant_unitaire")),
		montant: euros("montant"),
		part_employeur: euros("part_employeur"),
		part_salarie: euros("part_salarie"),
	})
	// contribution_lines_split_check
	.refine((line) => line.part_employeur + line.part_salarie === line.montant, {
		message: "part_employeur + part_salarie : leur somme n'est pas le montant de la ligne.",
	})
	.refine((line) => line.statut !== "paid" || line.date_paiement !== null, {
		message: "date_paiement : obligatoire pour un bordereau payé.",
	})
	.refine((line) => line.statut === "paid" || line.date_paiement === null, {
		message: "date_paiement : seulement pour un bordereau payé.",
	})
	.refine((line) => line.date_echeance === null || line.date_echeance > line.periode.start, {
		message: "date_echeance : avant le début de la période.",
	});

export type ContributionLineInput = z.output<typeof contributionLine>;

/** A day as an instant: noon UTC is that same day in Paris, summer or winter. */
const noonOf = (day: string | null) => (day === null ? null : new Date(`${day}T12:00:00Z`));

const BASIS_RULE = {
	pmss_percent: "taux : obligatoire pour une catégorie cotisant en pourcentage du PMSS.",
	flat_amount:
		"montant_unitaire : obligatoire (et taux vide) pour une catégorie cotisant en montant forfaitaire.",
} as const;

/** Why the line does not fit its contract, or null. */
function refusal(
	data: ContributionLineInput,
	contract: { periodicity: Periodicity; startDate: string } | undefined,
	category: { basis: ContributionBasis } | undefined,
): string | null {
	if (!contract) return `Contrat collectif ${data.numero_contrat} inconnu.`;
	if (contract.periodicity !== data.periode.periodicity) {
		const example = PERIODS.find((p) => p.periodicity === contract.periodicity)?.example;
		return `periode : le contrat ${data.numero_contrat} est appelé ${CALLED[contract.periodicity]} (${example}).`;
	}
	if (data.periode.end < contract.startDate)
		return `periode : ${data.periode.name} précède le début du contrat collectif (${contract.startDate}).`;
	if (!category)
		return `Le contrat collectif ${data.numero_contrat} n'a pas de catégorie « ${data.categorie} ».`;
	const fits =
		category.basis === "pmss_percent"
			? data.taux !== null
			: data.taux === null && data.montant_unitaire !== null;
	return fits ? null : BASIS_RULE[category.basis];
}

export const contributionStatementsImport: ImportKind<ContributionLineInput> = {
	name: "bordereaux",
	schema: contributionLine as unknown as ImportKind<ContributionLineInput>["schema"],
	async writeBatch(tx, lines) {
		const rejected: Rejection[] = [];
		const contracts = await groupContractsByNumber(
			tx,
			lines.map(({ data }) => data.numero_contrat),
		);
		const contractIds = [...contracts.values()].map((row) => row.id);
		// The statements these lines name that the portal holds, with their lines.
		const held = contractIds.length
			? await tx
					.select({
						id: contributionStatements.id,
						contractId: contributionStatements.groupContractId,
						period: contributionStatements.period,
					})
					.from(contributionStatements)
					.where(
						and(
							inList(contributionStatements.groupContractId, contractIds),
							inList(contributionStatements.period, [...new Set(lines.map(({ data }) => data.periode.name))]),
						),
					)
			: [];
		const existingLines = new Map(
			held.length
				? (
						await tx
							.select()
							.from(contributionLines)
							.where(
								inList(
									contributionLines.statementId,
									held.map((row) => row.id),
								),
							)
					).map((row) => [`${row.statementId}:${row.categoryId}:${row.option}`, row])
				: [],
		);
		// Each statement's head once per batch, from the last of its valid lines.
		const valid: { data: ContributionLineInput; statementKey: string; categoryId: number }[] = [];
		const heads = new Map<string, typeof contributionStatements.$inferInsert>();
		for (const { line, data } of lines) {
			const contract = contracts.get(data.numero_contrat);
			const category = contract?.categories.get(data.categorie);
			const reason = refusal(data, contract, category);
			if (reason !== null || !contract || !category) {
				rejected.push({ line, reason: reason ?? "Ligne invalide." });
				continue;
			}
			const statementKey = `${contract.id}:${data.periode.name}`;
			valid.push({ data, statementKey, categoryId: category.id });
			heads.set(statementKey, {
				companyId: contract.companyId,
				groupContractId: contract.id,
				period: data.periode.name,
				periodStart: data.periode.start,
				periodEnd: data.periode.end,
				status: data.statut,
				issuedAt: noonOf(data.date_emission),
				dueDate: data.date_echeance,
				paidAt: noonOf(data.date_paiement),
				pmssCents: data.pmss,
				// The totals are the lines' sum, written after the batch (recomputeTotals).
				headcount: 0,
				totalCents: 0,
				employerCents: 0,
				employeeCents: 0,
			});
		}
		const statementIds = new Map<string, number>();
		for (const [key, head] of heads) {
			const [saved] = await tx
				.insert(contributionStatements)
				.values(head)
				.onConflictDoUpdate({
					target: [contributionStatements.groupContractId, contributionStatements.period],
					set: {
						status: head.status,
						issuedAt: head.issuedAt,
						dueDate: head.dueDate,
						paidAt: head.paidAt,
						pmssCents: head.pmssCents,
					},
				})
				.returning({ id: contributionStatements.id });
			if (!saved) throw new Error("bordereaux: the statement was not written");
			statementIds.set(key, saved.id);
		}
		for (const { data, statementKey, categoryId } of valid) {
			const statementId = statementIds.get(statementKey) ?? 0;
			const values = {
				headcount: data.effectif,
				baseCents: data.assiette,
				rateBp: data.taux,
				unitAmountCents: data.montant_unitaire,
				amountCents: data.montant,
				employerCents: data.part_employeur,
				employeeCents: data.part_salarie,
			};
			const lineKey = `${statementId}:${categoryId}:${data.option}`;
			const existing = existingLines.get(lineKey);
			if (existing)
				await tx.update(contributionLines).set(values).where(eq(contributionLines.id, existing.id));
			else {
				const [created] = await tx
					.insert(contributionLines)
					.values({ ...values, statementId, categoryId, option: data.option })
					.returning();
				if (created) existingLines.set(lineKey, created);
			}
		}
		await recomputeTotals(tx, [...statementIds.values()]);
		return { written: valid.length, unchanged: 0, rejected };
	},
};

const CALLED: Readonly<Record<Periodicity, string>> = {
	monthly: "chaque mois",
	quarterly: "chaque trimestre",
	half_yearly: "chaque semestre",
	yearly: "chaque année",
};

/** Each statement's headcount and amounts become the sum of its lines. */
async function recomputeTotals(
	tx: Parameters<ImportKind<ContributionLineInput>["writeBatch"]>[0],
	statementIds: readonly number[],
): Promise<void> {
	if (statementIds.length === 0) return;
	const sum = (column: string) =>
		sql.raw(
			`(SELECT coalesce(sum(l.${column}), 0) FROM contribution_lines l WHERE l.statement_id = contribution_statements.id)`,
		);
	await tx
		.update(contributionStatements)
		.set({
			headcount: sum("headcount"),
			totalCents: sum("amount_cents"),
			employerCents: sum("employer_cents"),
			employeeCents: sum("employee_cents"),
		})
		.where(inList(contributionStatements.id, statementIds));
}
