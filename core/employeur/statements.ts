// « Bordereaux de cotisations »: the company's contribution statements, newest first, and one
// statement with its lines per catégorie objective and option (headcount, base, rate, amount,
// employer and employee shares). Another company's statement is not found (404 at the edge).
import type { Database } from "../../db/client.ts";
import type { ContributionBasis, CoverageOption } from "../../schema/enums.ts";
import type { CompanyIdentity, StatementSummary } from "./dashboard.ts";
import { toStatementSummary } from "./dashboard.ts";

export interface StatementListItem extends StatementSummary {
	readonly contractNumber: string;
	readonly employerCents: number;
	readonly employeeCents: number;
}

export interface StatementLine {
	readonly categoryLabel: string;
	readonly option: CoverageOption;
	readonly headcount: number;
	readonly basis: ContributionBasis;
	readonly baseCents: number;
	/** Basis points of the PMSS, for PMSS-based rates. */
	readonly rateBp: number | null;
	/** Per employee and month. */
	readonly unitAmountCents: number | null;
	readonly amountCents: number;
	readonly employerCents: number;
	readonly employeeCents: number;
}

export interface StatementDetail extends StatementListItem {
	readonly company: Pick<CompanyIdentity, "name" | "siret">;
	readonly pmssCents: number | null;
	readonly issuedAt: Date | null;
	readonly lines: readonly StatementLine[];
}

const LIST_COLUMNS = `s.id, s.period, s.period_start, s.period_end, s.status, s.due_date, s.paid_at, s.headcount,
	s.total_cents, s.employer_cents, s.employee_cents, g.number AS contract_number`;

function toListItem(row: Record<string, unknown>): StatementListItem {
	return {
		...toStatementSummary(row),
		contractNumber: String(row.contract_number),
		employerCents: Number(row.employer_cents),
		employeeCents: Number(row.employee_cents),
	};
}

/** Every statement of the company (36 at most in three years), newest first. */
export async function listStatements(db: Database, companyId: number): Promise<StatementListItem[]> {
	const result = await db.$client.execute({
		sql: `SELECT ${LIST_COLUMNS} FROM contribution_statements s
			JOIN group_contracts g ON g.id = s.group_contract_id
			WHERE s.company_id = :company ORDER BY s.period_start DESC, s.id DESC`,
		args: { company: companyId },
	});
	return result.rows.map((row) => toListItem(row));
}

/** One statement of the company with its lines, or null (another company's, or none). */
export async function getStatement(
	db: Database,
	companyId: number,
	statementId: number,
): Promise<StatementDetail | null> {
	const [head, lines] = await db.$client.batch(
		[
			{
				sql: `SELECT ${LIST_COLUMNS}, s.pmss_cents, s.issued_at, co.name AS company_name, co.siret
					FROM contribution_statements s
					JOIN group_contracts g ON g.id = s.group_contract_id
					JOIN companies co ON co.id = s.company_id
					WHERE s.id = :id AND s.company_id = :company`,
				args: { id: statementId, company: companyId },
			},
			{
				sql: `SELECT c.label, c.basis, l.option, l.headcount, l.base_cents, l.rate_bp, l.unit_amount_cents,
						l.amount_cents, l.employer_cents, l.employee_cents
					FROM contribution_lines l
					JOIN contribution_statements s ON s.id = l.statement_id
					JOIN group_contract_categories c ON c.id = l.category_id
					WHERE l.statement_id = :id AND s.company_id = :company
					ORDER BY c.id, CASE l.option WHEN 'isole' THEN 1 WHEN 'duo' THEN 2 ELSE 3 END`,
				args: { id: statementId, company: companyId },
			},
		],
		"read",
	);
	const row = head?.rows[0];
	if (!row) return null;
	return {
		...toListItem(row),
		company: { name: String(row.company_name), siret: String(row.siret) },
		pmssCents: row.pmss_cents === null ? null : Number(row.pmss_cents),
		issuedAt: row.issued_at === null ? null : new Date(Number(row.issued_at)),
		lines: (lines?.rows ?? []).map((line) => ({
			categoryLabel: String(line.label),
			option: line.option as CoverageOption,
			headcount: Number(line.headcount),
			basis: line.basis as ContributionBasis,
			baseCents: Number(line.base_cents),
			rateBp: line.rate_bp === null ? null : Number(line.rate_bp),
			unitAmountCents: line.unit_amount_cents === null ? null : Number(line.unit_amount_cents),
			amountCents: Number(line.amount_cents),
			employerCents: Number(line.employer_cents),
			employeeCents: Number(line.employee_cents),
		})),
	};
}
