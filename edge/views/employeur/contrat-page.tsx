// « Contrat »: the company's group contract, each catégorie objective with its offer, its
// contributions per option and the employer's share, and the offer's guarantee table.
import type { GroupContract } from "../../../core/employeur/contract.ts";
import { formatDay } from "../../../core/format.ts";
import { GUARANTEE_NOTES } from "../adherent/garanties-labels.ts";
import { GuaranteeTable } from "../adherent/guarantee-table.tsx";
import { categoryFacts, contractFacts, EMPLOYER_SHARE_NOTE } from "./contrat-labels.ts";

function Facts({ pairs }: { readonly pairs: readonly [string, string][] }) {
	return (
		<dl class="facts">
			{pairs.map(([term, value]) => (
				<>
					<dt>{term}</dt>
					<dd>{value}</dd>
				</>
			))}
		</dl>
	);
}

export function ContratPage({ contract }: { readonly contract: GroupContract }) {
	return (
		<>
			<h1>Contrat collectif</h1>
			<p class="lead">
				Le contrat de complémentaire santé de votre entreprise, ses catégories de salariés et leurs garanties.
			</p>
			<p>
				<a class="button" href="/employeur/contrat.pdf" download>
					Télécharger le contrat (PDF)
				</a>
			</p>
			<Facts pairs={contractFacts(contract)} />
			<p>{EMPLOYER_SHARE_NOTE}</p>
			{contract.categories.map((category, index) => (
				<section aria-labelledby={`categorie-${index}`}>
					<h2 id={`categorie-${index}`}>{category.label}</h2>
					<Facts pairs={categoryFacts(category)} />
					{category.table ? (
						<GuaranteeTable
							id={`garanties-${index}`}
							caption={`${category.table.label}, en vigueur depuis le ${formatDay(category.table.effectiveFrom)}`}
							categories={category.guarantees}
						/>
					) : (
						<p>Le tableau de garanties de cette offre n'est pas disponible en ligne pour le moment.</p>
					)}
				</section>
			))}
			<ul>
				{GUARANTEE_NOTES.map((note) => (
					<li>{note}</li>
				))}
			</ul>
		</>
	);
}
