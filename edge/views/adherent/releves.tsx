// `/adherent/releves`: the member's relevés de prestations, one per month with payments, newest
// first, a year at a time; and the choice to receive them by post as well. No script.

import type { StatementList } from "../../../core/adherent/statements.ts";
import { formatCents, formatInstantDay, formatMonth } from "../../../core/format.ts";
import { Alert, ErrorSummary, type FieldErrors, RadioGroup } from "../form.tsx";
import { ofMonth } from "./releves-labels.ts";

export interface StatementsPageProps {
	readonly list: StatementList;
	readonly notice?: string | undefined;
	readonly errors?: FieldErrors;
}

export const PAPER_CHOICES = [
	{ value: "non", label: "En ligne uniquement" },
	{ value: "oui", label: "En ligne et par courrier" },
] as const;

export function StatementsPage({ list, notice, errors = {} }: StatementsPageProps) {
	return (
		<>
			<h1>Mes relevés de prestations</h1>
			<p class="lead">
				Chaque mois où nous effectuons un paiement, un relevé de prestations est publié ici. Ces relevés en
				ligne remplacent les décomptes papier.
			</p>
			{notice ? <Alert kind="success">{notice}</Alert> : null}

			{list.year === null ? (
				<p>Vous n'avez pas encore de relevé de prestations.</p>
			) : (
				<>
					<nav class="pagination" aria-label="Années des relevés">
						<ul>
							{list.years.map((year) => (
								<li>
									<a
										href={`/adherent/releves?annee=${year}`}
										aria-current={year === list.year ? "page" : undefined}
									>
										{year}
									</a>
								</li>
							))}
						</ul>
					</nav>
					<h2>Relevés de {list.year}</h2>
					{list.statements.length === 0 ? (
						<p>Aucun relevé de prestations pour {list.year}.</p>
					) : (
						<section class="table-wrap" tabindex={0} aria-labelledby="releves-titre">
							<table>
								<caption id="releves-titre">
									Relevés de prestations de {list.year}, du plus récent au plus ancien
								</caption>
								<thead>
									<tr>
										<th scope="col">Mois</th>
										<th scope="col">Publié le</th>
										<th scope="col" class="num">
											Actes
										</th>
										<th scope="col" class="num">
											Dépenses
										</th>
										<th scope="col" class="num">
											Part Sécurité sociale
										</th>
										<th scope="col" class="num">
											Part mutuelle
										</th>
										<th scope="col" class="num">
											Reste à charge
										</th>
										<th scope="col">PDF</th>
									</tr>
								</thead>
								<tbody>
									{list.statements.map((statement) => {
										const month = formatMonth(statement.month);
										return (
											<tr>
												<th scope="row">
													<a href={`/adherent/releves/${statement.id}`}>{month}</a>
												</th>
												<td>{formatInstantDay(statement.publishedAt)}</td>
												<td class="num">{statement.lineCount}</td>
												<td class="num">{formatCents(statement.chargedCents)}</td>
												<td class="num">{formatCents(statement.ssPaidCents)}</td>
												<td class="num key">{formatCents(statement.mutuelleCents)}</td>
												<td class="num key">{formatCents(statement.remainingCents)}</td>
												<td>
													<a href={`/adherent/releves/${statement.id}.pdf`} download>
														Télécharger<span class="sr-only"> le relevé {ofMonth(statement.month)}</span>
													</a>
												</td>
											</tr>
										);
									})}
								</tbody>
							</table>
						</section>
					)}
				</>
			)}

			<h2 id="courrier">Recevoir aussi mes relevés par courrier</h2>
			<p>
				Actuellement, vous recevez vos relevés de prestations{" "}
				<strong>{list.paperStatements ? "en ligne et par courrier" : "en ligne uniquement"}</strong>. Un
				e-mail vous prévient de chaque nouveau relevé, sans en donner le contenu.
			</p>
			<form method="post" action="/adherent/releves/courrier" novalidate>
				<ErrorSummary errors={errors} />
				<RadioGroup
					name="courrier"
					legend="Comment souhaitez-vous recevoir vos relevés ?"
					options={PAPER_CHOICES}
					value={list.paperStatements ? "oui" : "non"}
					error={errors.courrier}
				/>
				<button type="submit">Enregistrer mon choix</button>
			</form>
		</>
	);
}
