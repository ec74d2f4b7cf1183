// « Contrat »: the company's group contract in force (or its latest), its catégories objectives
// with their offer, contributions and the employer's share (at least 50 %, L911-7 CSS), and the
// guarantee table of each offer on the reference day.
import type { Database } from "../../db/client.ts";
import type { ContributionBasis, EmployeeCategory, Periodicity } from "../../schema/enums.ts";
import { type GuaranteeCategory, tableCategories } from "../adherent/guarantees.ts";
import { COMPANY_IDENTITY_SQL, type CompanyIdentity, toCompanyIdentity } from "./dashboard.ts";

/** L911-7 CSS: the employer pays at least half of the contribution. */
export const MINIMUM_EMPLOYER_SHARE_BP = 5000;

export interface ContractCategory {
	readonly category: EmployeeCategory;
	readonly label: string;
	readonly offer: { readonly code: string; readonly label: string; readonly responsible: boolean };
	readonly employerShareBp: number;
	readonly basis: ContributionBasis;
	/** Per option, per employee and month: basis points of the PMSS, or cents. */
	readonly prices: { readonly isole: number; readonly duo: number; readonly famille: number };
	readonly table: { readonly label: string; readonly effectiveFrom: string } | null;
	readonly guarantees: readonly GuaranteeCategory[];
}

export interface GroupContract {
	readonly company: CompanyIdentity;
	readonly number: string;
	readonly startDate: string;
	readonly endDate: string | null;
	readonly periodicity: Periodicity;
	readonly paymentDay: number | null;
	readonly categories: readonly ContractCategory[];
	readonly referenceDay: string;
}

/** The contract in force on `today`, or the latest one; null when the company has none. */
export async function getGroupContract(
	db: Database,
	companyId: number,
	today: string,
): Promise<GroupContract | null> {
	const [companyRows, contractRows] = await db.$client.batch(
		[
			{
				sql: COMPANY_IDENTITY_SQL,
				args: { company: companyId },
			},
			{
				sql: `SELECT id, number, start_date, end_date, contribution_periodicity, payment_day FROM group_contracts
					WHERE company_id = :company AND start_date <= :today
					ORDER BY (end_date IS NULL OR end_date >= :today) DESC, start_date DESC LIMIT 1`,
				args: { company: companyId, today },
			},
		],
		"read",
	);
	const company = companyRows?.rows[0];
	const contract = contractRows?.rows[0];
	if (!company || !contract) return null;
	const endDate = contract.end_date === null ? null : String(contract.end_date);
	const referenceDay = endDate !== null && endDate < today ? endDate : today;
	const categories = await db.$client.execute({
		sql: `SELECT c.category, c.label, c.employer_share_bp, c.basis, c.isole_value, c.duo_value, c.famille_value,
				o.code, o.label AS offer_label, o.responsible,
				(SELECT t.id FROM guarantee_tables t WHERE t.offer_id = o.id AND t.effective_from <= :day
					AND (t.effective_to IS NULL OR t.effective_to > :day) ORDER BY t.effective_from DESC LIMIT 1) AS table_id
			FROM group_contract_categories c JOIN offers o ON o.id = c.offer_id
			WHERE c.group_contract_id = :contract ORDER BY c.id`,
		args: { contract: Number(contract.id), day: referenceDay },
	});
	const tableIds = categories.rows.map((row) => (row.table_id === null ? null : Number(row.table_id)));
	const tables = await Promise.all(
		tableIds.map(async (id) => {
			if (id === null) return null;
			const head = await db.$client.execute({
				sql: "SELECT label, effective_from FROM guarantee_tables WHERE id = :id",
				args: { id },
			});
			const row = head.rows[0];
			return row
				? {
						table: { label: String(row.label), effectiveFrom: String(row.effective_from) },
						guarantees: await tableCategories(db, id),
					}
				: null;
		}),
	);
	return {
		company: toCompanyIdentity(company),
		number: String(contract.number),
		startDate: String(contract.start_date),
		endDate,
		periodicity: contract.contribution_periodicity as Periodicity,
		paymentDay: contract.payment_day === null ? null : Number(contract.payment_day),
		categories: categories.rows.map((row, index) => ({
			category: row.category as EmployeeCategory,
			label: String(row.label),
			offer: {
				code: String(row.code),
				label: String(row.offer_label),
				responsible: Boolean(row.responsible),
			},
			employerShareBp: Number(row.employer_share_bp),
			basis: row.basis as ContributionBasis,
			prices: {
				isole: Number(row.isole_value),
				duo: Number(row.duo_value),
				famille: Number(row.famille_value),
			},
			table: tables[index]?.table ?? null,
			guarantees: tables[index]?.guarantees ?? [],
		})),
		referenceDay,
	};
}
