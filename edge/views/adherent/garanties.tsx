// `/adherent/garanties`: the guarantee table of the member's offer by care category, who it
// covers, and the contract's payment and reimbursement terms. No script.

import type { MemberGuarantees } from "../../../core/adherent/guarantees.ts";
import { formatDay } from "../../../core/format.ts";
import {
	contributionAmount,
	contributionSchedule,
	coveredPerson,
	GUARANTEE_NOTES,
	REIMBURSEMENT_NOTES,
	reimbursementAccount,
} from "./garanties-labels.ts";
import { GuaranteeTable } from "./guarantee-table.tsx";

export function GuaranteesPage({ guarantees }: { readonly guarantees: MemberGuarantees }) {
	const { offer, table, categories, contract, covered } = guarantees;
	return (
		<>
			<h1>Mes garanties</h1>
			<p class="lead">
				Offre {offer.label}
				{offer.responsible ? ", contrat responsable et solidaire" : ""}. Contrat n° {contract.number}, depuis
				le {formatDay(contract.startDate)}
				{contract.endDate ? `, jusqu'au ${formatDay(contract.endDate)}` : ""}.
			</p>
			<p>
				<a class="button" href="/adherent/garanties.pdf" download>
					Télécharger le tableau de garanties (PDF)
				</a>
			</p>

			<h2 id="tableau">Tableau de garanties</h2>
			{table ? (
				<GuaranteeTable
					id="garanties-titre"
					caption={`${table.label}, en vigueur depuis le ${formatDay(table.effectiveFrom)}`}
					categories={categories}
				/>
			) : (
				<p>Le tableau de garanties de votre offre n'est pas disponible en ligne pour le moment.</p>
			)}
			<ul>
				{GUARANTEE_NOTES.map((note) => (
					<li>{note}</li>
				))}
			</ul>

			<h2>Personnes couvertes</h2>
			<ul>
				{covered.map((person) => (
					<li>{coveredPerson(person)}</li>
				))}
			</ul>

			<h2>Cotisation</h2>
			<dl class="facts">
				<dt>Montant</dt>
				<dd>{contributionAmount(contract)}, toutes personnes couvertes comprises</dd>
				<dt>Paiement</dt>
				<dd>{contributionSchedule(contract)}</dd>
				{contract.mandate ? (
					<>
						<dt>Mandat de prélèvement</dt>
						<dd>{contract.mandate.rum}</dd>
					</>
				) : null}
			</dl>

			<h2>Remboursements</h2>
			<dl class="facts">
				<dt>Compte de remboursement</dt>
				<dd>{reimbursementAccount(contract)}</dd>
			</dl>
			<ul>
				{REIMBURSEMENT_NOTES.map((note) => (
					<li>{note}</li>
				))}
			</ul>
			<p>
				<a href="/adherent/releves">Voir mes relevés de prestations</a> ·{" "}
				<a href="/informations/garanties-et-remboursements">Comprendre un remboursement</a>
			</p>
		</>
	);
}
