// The group contracts a batch of lines names, by their number, with their catégories objectives
// (the kinds `affiliations` and `bordereaux`), and the core system's words for a category and an
// option.
import type { ContributionBasis, CoverageOption, EmployeeCategory, Periodicity } from "../../schema/enums.ts";
import { groupContractCategories, groupContracts } from "../../schema/tables/index.ts";
import { inList, mappedWord } from "./fields.ts";
import type { Transaction } from "./run.ts";

export const categoryField = mappedWord<EmployeeCategory>("categorie", {
	ensemble: "ensemble",
	cadres: "cadres",
	non_cadres: "non_cadres",
	"non-cadres": "non_cadres",
});

/** « isole » or « isolé », « duo », « famille »: the option an employee is covered with. */
export const optionField = mappedWord<CoverageOption>("option", {
	isole: "isole",
	isolé: "isole",
	duo: "duo",
	famille: "famille",
});

export interface GroupContractFound {
	readonly id: number;
	readonly companyId: number;
	readonly periodicity: Periodicity;
	readonly startDate: string;
	readonly endDate: string | null;
	readonly categories: ReadonlyMap<
		EmployeeCategory,
		{ readonly id: number; readonly basis: ContributionBasis }
	>;
}

export async function groupContractsByNumber(
	tx: Transaction,
	numbers: Iterable<string>,
): Promise<Map<string, GroupContractFound>> {
	const rows = await tx
		.select({
			id: groupContracts.id,
			number: groupContracts.number,
			companyId: groupContracts.companyId,
			periodicity: groupContracts.contributionPeriodicity,
			startDate: groupContracts.startDate,
			endDate: groupContracts.endDate,
		})
		.from(groupContracts)
		.where(inList(groupContracts.number, [...new Set(numbers)]));
	if (rows.length === 0) return new Map();
	const categories = await tx
		.select({
			id: groupContractCategories.id,
			contractId: groupContractCategories.groupContractId,
			category: groupContractCategories.category,
			basis: groupContractCategories.basis,
		})
		.from(groupContractCategories)
		.where(
			inList(
				groupContractCategories.groupContractId,
				rows.map((row) => row.id),
			),
		);
	return new Map(
		rows.map(({ number, ...contract }) => [
			number,
			{
				...contract,
				categories: new Map(
					categories
						.filter((row) => row.contractId === contract.id)
						.map((row) => [row.category, { id: row.id, basis: row.basis }]),
				),
			},
		]),
	);
}
