// The table of reimbursement lines of the list (the dashboard writes its shorter version with the
// same markup, edge/views/adherent/dashboard-page.tsx): a caption, column headers, the act as the row header linking to the line's detail, and
// a wrapper that scrolls sideways on a narrow screen (reachable with the keyboard).
import type { PrestationLine } from "../../../core/adherent/prestations.ts";
import { formatDate, formatMoney, PAYEE_LABELS, PROFESSION_LABELS } from "./format.ts";

export interface RemboursementTableProps {
	readonly lines: readonly PrestationLine[];
	readonly caption: string;
	readonly id: string;
}

export function detailPath(line: Pick<PrestationLine, "id">): string {
	return `/adherent/remboursements/${line.id}`;
}

export function RemboursementTable({ lines, caption, id }: RemboursementTableProps) {
	return (
		<section class="table-wrap" tabindex={0} aria-labelledby={id}>
			<table>
				<caption id={id}>{caption}</caption>
				<thead>
					<tr>
						<th scope="col">Date des soins</th>
						<th scope="col">Acte</th>
						<th scope="col">Bénéficiaire</th>
						<th scope="col">Professionnel</th>
						<th scope="col" class="num">
							Montant dépensé
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
						<th scope="col">Versé à</th>
						<th scope="col">Payé le</th>
					</tr>
				</thead>
				<tbody>
					{lines.map((line) => (
						<tr>
							<td>{formatDate(line.careDate)}</td>
							<th scope="row">
								<a href={detailPath(line)}>{line.act.label}</a>
							</th>
							<td>
								{line.beneficiary.firstName} {line.beneficiary.lastName}
							</td>
							<td>
								{line.professional ? (
									<>
										{line.professional.name}
										<br />
										<span class="muted">{PROFESSION_LABELS[line.professional.profession]}</span>
									</>
								) : (
									"Non renseigné"
								)}
							</td>
							<td class="num">{formatMoney(line.chargedCents)}</td>
							<td class="num">{formatMoney(line.ssPaidCents)}</td>
							{/* What a member looks for first: on a phone these come right after the act. */}
							<td class="num key">{formatMoney(line.mutuelleCents)}</td>
							<td class="num key">{formatMoney(line.remainingCents)}</td>
							<td>{PAYEE_LABELS[line.paidTo]}</td>
							<td>
								{line.paymentDate ? (
									formatDate(line.paymentDate)
								) : (
									<span class="badge badge-info">En attente</span>
								)}
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</section>
	);
}
