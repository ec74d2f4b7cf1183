// The table of contribution statements (bordereaux), on the dashboard and on their own page:
// the period, the headcount, the total, the due date and the payment status, a link to each.
import type { StatementSummary } from "../../../core/employeur/dashboard.ts";
import { formatCents, formatDay, formatInstantDay } from "../../../core/format.ts";
import { periodLabel, STATEMENT_STATUS_LABELS } from "./labels.ts";

export function statementPath(id: number): string {
	return `/employeur/bordereaux/${id}`;
}

/** « Payé le 12/11/2026 », « En retard (échéance le 15/11/2026) », « À payer avant le … ». */
export function paymentStatus(statement: StatementSummary): string {
	if (statement.status === "paid" && statement.paidAt) return `Payé le ${formatInstantDay(statement.paidAt)}`;
	const due = statement.dueDate ? formatDay(statement.dueDate) : null;
	if (statement.status === "late") return `En retard${due ? ` (échéance le ${due})` : ""}`;
	if (statement.status === "issued") return `À payer${due ? ` avant le ${due}` : ""}`;
	return STATEMENT_STATUS_LABELS[statement.status];
}

export function StatementsTable({
	statements,
	caption,
}: {
	readonly statements: readonly StatementSummary[];
	readonly caption: string;
}) {
	return (
		<section class="table-wrap" tabindex={0} aria-labelledby="bordereaux-titre">
			<table>
				<caption id="bordereaux-titre">{caption}</caption>
				<thead>
					<tr>
						<th scope="col">Période</th>
						<th scope="col" class="num">
							Effectif
						</th>
						<th scope="col" class="num">
							Montant
						</th>
						<th scope="col">Paiement</th>
					</tr>
				</thead>
				<tbody>
					{statements.map((statement) => (
						<tr>
							<th scope="row">
								<a href={statementPath(statement.id)}>{periodLabel(statement.period)}</a>
							</th>
							<td class="num">{statement.headcount}</td>
							<td class="num">{formatCents(statement.totalCents)}</td>
							<td>{paymentStatus(statement)}</td>
						</tr>
					))}
				</tbody>
			</table>
		</section>
	);
}
