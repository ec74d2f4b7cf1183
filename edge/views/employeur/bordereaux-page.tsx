// « Bordereaux de cotisations »: every statement of the company, newest first, with its payment
// status; and one statement with its lines per category and option, in PDF and CSV as well.
import type { StatementDetail, StatementListItem } from "../../../core/employeur/statements.ts";
import { formatCents, formatDay, formatInstantDay } from "../../../core/format.ts";
import { OPTION_LABELS, periodLabel, priceLabel } from "./labels.ts";
import { paymentStatus, StatementsTable } from "./statements-table.tsx";

export const BORDEREAUX_PATH = "/employeur/bordereaux";

export function BordereauxPage({ statements }: { readonly statements: readonly StatementListItem[] }) {
	return (
		<>
			<h1>Bordereaux de cotisations</h1>
			<p class="lead">
				Un bordereau par période : l'effectif, les cotisations par catégorie et option, la part de
				l'entreprise et celle des salariés, et l'état du paiement.
			</p>
			{statements.length === 0 ? (
				<p>Aucun bordereau de cotisations pour le moment.</p>
			) : (
				<StatementsTable statements={statements} caption="Bordereaux, du plus récent au plus ancien" />
			)}
		</>
	);
}

/** The line's rate or unit amount: « 1,05 % du PMSS » or « 45,00 € par salarié et par mois ». */
export function lineRate(line: StatementDetail["lines"][number]): string {
	if (line.rateBp !== null) return priceLabel("pmss_percent", line.rateBp);
	return line.unitAmountCents === null ? "–" : `${formatCents(line.unitAmountCents)} par mois`;
}

export function BordereauPage({ statement }: { readonly statement: StatementDetail }) {
	const file = `${BORDEREAUX_PATH}/${statement.id}`;
	return (
		<>
			<nav class="breadcrumb" aria-label="Fil d'Ariane">
				<a href={BORDEREAUX_PATH}>Bordereaux de cotisations</a>
			</nav>
			<h1>Bordereau de {periodLabel(statement.period)}</h1>
			<dl class="facts">
				<dt>Contrat</dt>
				<dd>n° {statement.contractNumber}</dd>
				<dt>Période</dt>
				<dd>
					du {formatDay(statement.periodStart)} au {formatDay(statement.periodEnd)}
				</dd>
				{statement.issuedAt ? (
					<>
						<dt>Émis le</dt>
						<dd>{formatInstantDay(statement.issuedAt)}</dd>
					</>
				) : null}
				{statement.pmssCents !== null ? (
					<>
						<dt>Plafond mensuel de la Sécurité sociale</dt>
						<dd>{formatCents(statement.pmssCents)}</dd>
					</>
				) : null}
				<dt>Effectif</dt>
				<dd>{statement.headcount}</dd>
				<dt>Total</dt>
				<dd>{formatCents(statement.totalCents)}</dd>
				<dt>Part de l'entreprise</dt>
				<dd>{formatCents(statement.employerCents)}</dd>
				<dt>Part des salariés</dt>
				<dd>{formatCents(statement.employeeCents)}</dd>
				<dt>Paiement</dt>
				<dd>{paymentStatus(statement)}</dd>
			</dl>
			<p class="actions">
				<a class="button" href={`${file}.pdf`} download>
					Télécharger le bordereau (PDF)
				</a>
				<a href={`${file}.csv`} download>
					Télécharger les lignes (CSV)
				</a>
			</p>
			<section class="table-wrap" tabindex={0} aria-labelledby="lignes-titre">
				<table>
					<caption id="lignes-titre">Cotisations par catégorie et option</caption>
					<thead>
						<tr>
							<th scope="col">Catégorie</th>
							<th scope="col">Option</th>
							<th scope="col" class="num">
								Effectif
							</th>
							<th scope="col" class="num">
								Assiette
							</th>
							<th scope="col">Taux</th>
							<th scope="col" class="num">
								Montant
							</th>
							<th scope="col" class="num">
								Part entreprise
							</th>
							<th scope="col" class="num">
								Part salariés
							</th>
						</tr>
					</thead>
					<tbody>
						{statement.lines.map((line) => (
							<tr>
								<th scope="row">{line.categoryLabel}</th>
								<td>{OPTION_LABELS[line.option]}</td>
								<td class="num">{line.headcount}</td>
								<td class="num">{formatCents(line.baseCents)}</td>
								<td>{lineRate(line)}</td>
								<td class="num">{formatCents(line.amountCents)}</td>
								<td class="num">{formatCents(line.employerCents)}</td>
								<td class="num">{formatCents(line.employeeCents)}</td>
							</tr>
						))}
					</tbody>
					<tfoot>
						<tr>
							<th scope="row" colspan={2}>
								Total
							</th>
							<td class="num">{statement.headcount}</td>
							<td class="num">–</td>
							<td>–</td>
							<td class="num">{formatCents(statement.totalCents)}</td>
							<td class="num">{formatCents(statement.employerCents)}</td>
							<td class="num">{formatCents(statement.employeeCents)}</td>
						</tr>
					</tfoot>
				</table>
			</section>
		</>
	);
}
