// One reimbursement line: the care, who was paid and when, the computation step by step
// (DOMAIN.md §3: base × rate, the participation forfaitaire or franchise kept by the Sécurité
// sociale, the mutuelle's share, the reste à charge) and « Je ne reconnais pas ce remboursement ».

import type { PrestationDetail } from "../../../core/adherent/prestations.ts";
import type { ReimbursementReport } from "../../../core/adherent/reimbursement-report.ts";
import type { DeductionKind } from "../../../schema/enums.ts";
import { Alert, ErrorSummary, type FieldErrors } from "../form.tsx";
import {
	formatDate,
	formatInstant,
	formatMoney,
	formatMonth,
	formatRate,
	PAYEE_LABELS,
	PROFESSION_LABELS,
	REQUEST_STATUS_LABELS,
} from "./format.ts";
import { detailPath } from "./remboursement-table.tsx";
import { LIST_PATH } from "./remboursements-page.tsx";

export type ReportNotice = "enregistre" | "deja";

export interface RemboursementDetailPageProps {
	readonly line: PrestationDetail;
	readonly report: ReimbursementReport | null;
	readonly notice?: ReportNotice | undefined;
	readonly errors?: FieldErrors;
	readonly comment?: string | undefined;
}

const FRANCHISE_LABELS: Partial<Record<DeductionKind, string>> = {
	franchise_medicament: "Franchise médicale sur les médicaments",
	franchise_paramedical: "Franchise médicale sur les actes paramédicaux",
	franchise_transport: "Franchise médicale sur les transports",
};

/** "d'octobre 2026", "de mars 2026". */
function ofMonth(month: string): string {
	const label = formatMonth(month);
	return /^[aeiouh]/.test(label) ? `d'${label}` : `de ${label}`;
}

function Computation({ line }: { readonly line: PrestationDetail }) {
	// By construction, what the SS paid plus what it kept is the base times the rate.
	const ssGross = line.ssPaidCents + line.participationForfaitaireCents + line.franchiseCents;
	const overrun = line.chargedCents - line.baseCents;
	const row = (label: string, value: string) => (
		<tr>
			<th scope="row">{label}</th>
			<td class="num">{value}</td>
		</tr>
	);
	return (
		<>
			<section class="table-wrap" tabindex={0} aria-labelledby="calcul-titre">
				<table>
					<caption id="calcul-titre">Calcul du remboursement</caption>
					<thead>
						<tr>
							<th scope="col">Étape</th>
							<th scope="col" class="num">
								Montant
							</th>
						</tr>
					</thead>
					<tbody>
						{row("Montant dépensé", formatMoney(line.chargedCents))}
						{row("Base de remboursement de la Sécurité sociale", formatMoney(line.baseCents))}
						{row("Taux de remboursement de la Sécurité sociale", formatRate(line.ssRateBp))}
						{row("Remboursement Sécurité sociale avant déductions (base × taux)", formatMoney(ssGross))}
						{line.participationForfaitaireCents > 0
							? row(
									"Participation forfaitaire retenue",
									`− ${formatMoney(line.participationForfaitaireCents)}`,
								)
							: null}
						{line.franchiseCents > 0
							? row(
									(line.act.deduction && FRANCHISE_LABELS[line.act.deduction]) ?? "Franchise médicale",
									`− ${formatMoney(line.franchiseCents)}`,
								)
							: null}
						{row("Part Sécurité sociale versée", formatMoney(line.ssPaidCents))}
						{row("Part mutuelle", formatMoney(line.mutuelleCents))}
						{row("Reste à charge", formatMoney(line.remainingCents))}
					</tbody>
				</table>
			</section>
			<p>
				Reste à charge = montant dépensé − part Sécurité sociale − part mutuelle :{" "}
				{formatMoney(line.chargedCents)} − {formatMoney(line.ssPaidCents)} − {formatMoney(line.mutuelleCents)}{" "}
				= {formatMoney(line.remainingCents)}.
			</p>
			{overrun > 0 ? (
				<p>Dont dépassement (montant dépensé au-delà de la base) : {formatMoney(overrun)}.</p>
			) : null}
			{line.participationForfaitaireCents + line.franchiseCents > 0 ? (
				<p class="muted">
					La participation forfaitaire et les franchises médicales restent à votre charge : la loi interdit à
					un contrat responsable de les rembourser.
				</p>
			) : null}
		</>
	);
}

function ReportSection({ line, report, notice, errors = {}, comment }: RemboursementDetailPageProps) {
	if (report) {
		return (
			<Alert kind={notice === "enregistre" ? "success" : "info"}>
				<p>
					{notice === "enregistre"
						? "Votre signalement est enregistré"
						: `Vous avez signalé ce remboursement le ${formatInstant(report.createdAt)}`}{" "}
					sous la référence <strong>{report.reference}</strong> ({REQUEST_STATUS_LABELS[report.status]}). Nos
					équipes le vérifient et vous répondront dans un délai de deux mois au plus.
				</p>
				<p>
					<a href="/adherent/reclamations">Suivre mes réclamations</a>
				</p>
			</Alert>
		);
	}
	const id = "champ-commentaire";
	return (
		<form method="post" action={`${detailPath(line)}/signalement`}>
			<p>
				Vous n'avez pas reçu ces soins, ou le montant vous paraît faux ? Signalez-le : nos équipes vérifient
				et vous répondent dans un délai de deux mois au plus.
			</p>
			<ErrorSummary errors={errors} />
			<div class="field">
				<label for={id}>Commentaire (facultatif)</label>
				<span class="hint" id={`${id}-aide`}>
					Ce qui vous paraît inexact, en 1 000 caractères au plus.
				</span>
				{errors.commentaire ? (
					<span class="field-error" id={`${id}-erreur`}>
						{errors.commentaire}
					</span>
				) : null}
				<textarea
					id={id}
					name="commentaire"
					rows={4}
					maxlength={1000}
					aria-invalid={errors.commentaire ? "true" : undefined}
					aria-describedby={`${id}-aide${errors.commentaire ? ` ${id}-erreur` : ""}`}
				>
					{comment ?? ""}
				</textarea>
			</div>
			<button type="submit">Signaler ce remboursement</button>
		</form>
	);
}

export function RemboursementDetailPage(props: RemboursementDetailPageProps) {
	const { line } = props;
	const beneficiary = `${line.beneficiary.firstName} ${line.beneficiary.lastName}`;
	return (
		<>
			<nav class="breadcrumb" aria-label="Fil d'Ariane">
				<ol>
					<li>
						<a href="/adherent">Tableau de bord</a>
					</li>
					<li>
						<a href={LIST_PATH}>Remboursements</a>
					</li>
					<li aria-current="page">Détail</li>
				</ol>
			</nav>
			<h1>{line.act.label}</h1>
			<p class="lead">
				Soins du {formatDate(line.careDate)} pour {beneficiary}.
			</p>
			<h2>Les soins et le paiement</h2>
			<dl class="facts">
				<dt>Date des soins</dt>
				<dd>{formatDate(line.careDate)}</dd>
				<dt>Bénéficiaire</dt>
				<dd>{beneficiary}</dd>
				<dt>Acte</dt>
				<dd>
					{line.act.label} ({line.act.code}){line.quantity > 1 ? `, quantité ${line.quantity}` : ""}
				</dd>
				<dt>Catégorie de soins</dt>
				<dd>{line.category.label}</dd>
				<dt>Professionnel de santé</dt>
				<dd>
					{line.professional
						? `${line.professional.name} (${PROFESSION_LABELS[line.professional.profession]})`
						: "Non renseigné"}
				</dd>
				<dt>Part mutuelle versée à</dt>
				<dd>{PAYEE_LABELS[line.paidTo]}</dd>
				<dt>Date de paiement</dt>
				<dd>{line.paymentDate ? formatDate(line.paymentDate) : "En attente de paiement"}</dd>
				{line.statement ? (
					<>
						<dt>Relevé de prestations</dt>
						<dd>
							<a href="/adherent/releves">Relevé {ofMonth(line.statement.month)}</a>
						</dd>
					</>
				) : null}
			</dl>
			<h2>Le calcul</h2>
			<Computation line={line} />
			<h2 id="signalement">Je ne reconnais pas ce remboursement</h2>
			<ReportSection {...props} />
		</>
	);
}
