// `/adherent/releves/:id`: one relevé de prestations, its lines grouped by beneficiary with their
// totals (DOMAIN.md §4), the transfers made to the member, and the PDF to download. No script.

import type { StatementDetail, Totals } from "../../../core/adherent/statements.ts";
import { formatCents, formatDay, formatInstantDay, formatRate } from "../../../core/format.ts";
import {
	actLabel,
	beneficiaryLabel,
	paidToLabel,
	STATEMENT_NOTES,
	statementTitle,
} from "./releves-labels.ts";

function TotalCells({ totals }: { readonly totals: Totals }) {
	return (
		<>
			<td class="num">{formatCents(totals.chargedCents)}</td>
			<td />
			<td />
			<td class="num">{formatCents(totals.ssPaidCents)}</td>
			<td class="num">{totals.deductionsCents > 0 ? formatCents(totals.deductionsCents) : "–"}</td>
			<td class="num key">{formatCents(totals.mutuelleCents)}</td>
			<td class="num key">{formatCents(totals.remainingCents)}</td>
			<td />
		</>
	);
}

export function StatementPage({ detail }: { readonly detail: StatementDetail }) {
	const { statement, member, groups, totals, transfers } = detail;
	const year = statement.month.slice(0, 4);
	return (
		<>
			<p>
				<a href={`/adherent/releves?annee=${year}`}>Tous mes relevés de {year}</a>
			</p>
			<h1>{statementTitle(statement.month)}</h1>
			<dl class="facts">
				<dt>Adhérent</dt>
				<dd>
					{member.firstName} {member.lastName}, n° {member.memberNumber}
				</dd>
				<dt>Publié le</dt>
				<dd>{formatInstantDay(statement.publishedAt)}</dd>
				<dt>Nombre d'actes</dt>
				<dd>{statement.lineCount}</dd>
				{statement.postedAt ? (
					<>
						<dt>Copie papier</dt>
						<dd>envoyée le {formatInstantDay(statement.postedAt)}</dd>
					</>
				) : null}
			</dl>
			<p>
				<a class="button" href={`/adherent/releves/${statement.id}.pdf`} download>
					Télécharger le relevé (PDF)
				</a>
			</p>

			<h2>Totaux du relevé</h2>
			<dl class="facts">
				<dt>Dépenses</dt>
				<dd>{formatCents(totals.chargedCents)}</dd>
				<dt>Part Sécurité sociale</dt>
				<dd>{formatCents(totals.ssPaidCents)}</dd>
				<dt>Part mutuelle</dt>
				<dd>
					{formatCents(totals.mutuelleCents)} (dont {formatCents(statement.paidToMemberCents)} versés sur
					votre compte et {formatCents(statement.paidToProfessionalsCents)} aux professionnels de santé)
				</dd>
				<dt>Reste à charge</dt>
				<dd>{formatCents(totals.remainingCents)}</dd>
			</dl>

			{groups.map((group, index) => (
				<section aria-labelledby={`beneficiaire-${index}`}>
					<h2 id={`beneficiaire-${index}`}>{beneficiaryLabel(group)}</h2>
					<section class="table-wrap" tabindex={0} aria-labelledby={`soins-${index}`}>
						<table>
							<caption id={`soins-${index}`}>
								Soins de {group.firstName} {group.lastName}
							</caption>
							<thead>
								<tr>
									<th scope="col">Date des soins</th>
									<th scope="col" class="wide">
										Acte
									</th>
									<th scope="col" class="num">
										Dépense
									</th>
									<th scope="col" class="num">
										Base SS
									</th>
									<th scope="col" class="num">
										Taux SS
									</th>
									<th scope="col" class="num">
										Part SS
									</th>
									<th scope="col" class="num">
										Participation et franchise
									</th>
									<th scope="col" class="num">
										Part mutuelle
									</th>
									<th scope="col" class="num">
										Reste à charge
									</th>
									<th scope="col" class="wide">
										Payé à, le
									</th>
								</tr>
							</thead>
							<tbody>
								{group.lines.map((line) => (
									<tr>
										<td>{formatDay(line.careDate)}</td>
										<th scope="row">{actLabel(line)}</th>
										<td class="num">{formatCents(line.chargedCents)}</td>
										<td class="num">{formatCents(line.baseCents)}</td>
										<td class="num">{formatRate(line.ssRateBp)}</td>
										<td class="num">{formatCents(line.ssPaidCents)}</td>
										<td class="num">
											{line.participationForfaitaireCents + line.franchiseCents > 0
												? formatCents(line.participationForfaitaireCents + line.franchiseCents)
												: "–"}
										</td>
										<td class="num key">{formatCents(line.mutuelleCents)}</td>
										<td class="num key">{formatCents(line.remainingCents)}</td>
										<td>
											{paidToLabel(line)}
											{line.paymentDate ? `, le ${formatDay(line.paymentDate)}` : ""}
										</td>
									</tr>
								))}
							</tbody>
							<tfoot>
								<tr>
									<td />
									<th scope="row">Total</th>
									<TotalCells totals={group.totals} />
								</tr>
							</tfoot>
						</table>
					</section>
				</section>
			))}

			{transfers.length > 0 ? (
				<>
					<h2>Virements sur votre compte</h2>
					<section class="table-wrap" tabindex={0} aria-labelledby="virements-titre">
						<table>
							<caption id="virements-titre">Virements de la part mutuelle</caption>
							<thead>
								<tr>
									<th scope="col">Date</th>
									<th scope="col" class="num">
										Montant
									</th>
									<th scope="col">Compte</th>
									<th scope="col">Référence</th>
								</tr>
							</thead>
							<tbody>
								{transfers.map((transfer) => (
									<tr>
										<td>{formatDay(transfer.paidOn)}</td>
										<td class="num">{formatCents(transfer.amountCents)}</td>
										<td>{transfer.ibanLast4 ? `se terminant par ${transfer.ibanLast4}` : "–"}</td>
										<td>{transfer.reference}</td>
									</tr>
								))}
							</tbody>
						</table>
					</section>
				</>
			) : null}

			<h2>Pour lire ce relevé</h2>
			<ul>
				{STATEMENT_NOTES.map((note) => (
					<li>{note}</li>
				))}
			</ul>
		</>
	);
}
