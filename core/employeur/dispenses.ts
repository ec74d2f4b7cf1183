// « Dispenses d'adhésion » (D911-2 CSS, DOMAIN.md §5): the company's employees who asked not to
// join, each with its legal case, the date of their written request (which the employer must be
// able to produce) and its end when it has one (a fixed-term contract's end, an individual
// contract's term), the ones ending within 30 days first flagged. Read from the employee
// directory's status index, then only the dispensed rows are joined.
import type { Database } from "../../db/client.ts";
import type { DispenseReason } from "../../schema/enums.ts";
import { addDays } from "../calendar.ts";

/** How far ahead a dispense's end is announced. */
export const DISPENSE_REMINDER_DAYS = 30;

export interface DispenseRow {
	readonly id: number;
	readonly lastName: string;
	readonly firstName: string;
	readonly categoryLabel: string;
	readonly reason: DispenseReason;
	readonly requestedOn: string | null;
	readonly startDate: string;
	readonly endDate: string | null;
	/** The employee's signed request was uploaded (downloadable). */
	readonly hasDocument: boolean;
	/** The dispense ends within DISPENSE_REMINDER_DAYS: the employee is to be affiliated then. */
	readonly endsSoon: boolean;
}

/** The dispenses in force on `today`, the soonest to end first, then by name. */
export async function listDispenses(db: Database, companyId: number, today: string): Promise<DispenseRow[]> {
	const soon = addDays(today, DISPENSE_REMINDER_DAYS);
	const result = await db.$client.execute({
		sql: `SELECT a.id, p.last_name, p.first_name, c.label, a.dispense_reason, a.dispense_requested_on,
				a.start_date, a.end_date, dd.document_id
			FROM employee_directory d
			JOIN affiliations a ON a.id = d.affiliation_id
			JOIN persons p ON p.id = a.person_id
			JOIN group_contract_categories c ON c.id = a.category_id
			LEFT JOIN dispense_documents dd ON dd.affiliation_id = a.id
			WHERE d.company_id = :company AND d.dispensed = 1 AND (d.end_date IS NULL OR d.end_date >= :today)
			ORDER BY d.end_date IS NULL, d.end_date, d.name_key, d.affiliation_id`,
		args: { company: companyId, today },
	});
	return result.rows.map((row) => {
		const endDate = row.end_date === null ? null : String(row.end_date);
		return {
			id: Number(row.id),
			lastName: String(row.last_name),
			firstName: String(row.first_name),
			categoryLabel: String(row.label),
			reason: row.dispense_reason as DispenseReason,
			requestedOn: row.dispense_requested_on === null ? null : String(row.dispense_requested_on),
			startDate: String(row.start_date),
			endDate,
			hasDocument: row.document_id !== null,
			endsSoon: endDate !== null && endDate <= soon,
		};
	});
}
