// « Paiements »: the transfers the practice received and the accepted invoices still waiting for
// one; one transfer with the invoices it settles (reconciliation), its avis de paiement as a PDF.
import { formatCents, formatDay } from "../../../core/format.ts";
import type { PaymentDetail, PaymentPage, UnpaidInvoice } from "../../../core/professionnel/payments.ts";
import { DateField, ErrorSummary, type FieldErrors } from "../form.tsx";
import { Pagination } from "../pagination.tsx";
import { settlementText } from "./avis-paiement-pdf.ts";
import { criteriaQuery, type ListCriteria } from "./criteria.ts";

export const PAIEMENTS_PATH = "/professionnel/paiements";
const CRITERIA = ["du", "au"] as const;

function Unpaid({ unpaid }: { readonly unpaid: readonly UnpaidInvoice[] }) {
	if (unpaid.length === 0) return <p>Toutes les factures acceptées sont réglées.</p>;
	const total = unpaid.reduce((sum, invoice) => sum + invoice.remainingCents, 0);
	return (
		<>
			<p>
				{unpaid.length === 1 ? "1 facture acceptée reste" : `${unpaid.length} factures acceptées restent`} à
				régler, pour {formatCents(total)}.
			</p>
			<section class="table-wrap" tabindex={0} aria-labelledby="impayes-titre">
				<table>
					<caption id="impayes-titre">Factures acceptées restant à régler</caption>
					<thead>
						<tr>
							<th scope="col">Facture</th>
							<th scope="col">Date des soins</th>
							<th scope="col">Acceptée</th>
							<th scope="col">Déjà réglé</th>
							<th scope="col">Reste à régler</th>
						</tr>
					</thead>
					<tbody>
						{unpaid.map((invoice) => (
							<tr>
								<td>
									<a href={`/professionnel/factures/${invoice.id}`}>{invoice.invoiceNumber}</a>
								</td>
								<td>{formatDay(invoice.careDate)}</td>
								<td>{formatCents(invoice.acceptedCents)}</td>
								<td>{formatCents(invoice.settledCents)}</td>
								<td>{formatCents(invoice.remainingCents)}</td>
							</tr>
						))}
					</tbody>
				</table>
			</section>
		</>
	);
}

export function PaiementsPage(props: {
	readonly criteria: ListCriteria;
	readonly errors?: FieldErrors;
	readonly unpaid: readonly UnpaidInvoice[];
	readonly result?: Extract<PaymentPage, { ok: true }>;
}) {
	const { criteria, errors = {}, result } = props;
	return (
		<>
			<h1>Paiements</h1>
			<p class="lead">Les virements reçus pour vos factures de tiers payant, les plus récents d'abord.</p>
			<h2>À régler</h2>
			<Unpaid unpaid={props.unpaid} />
			<form method="get" action={PAIEMENTS_PATH} aria-labelledby="filtres-titre">
				<h2 id="filtres-titre">Filtrer les virements</h2>
				<p class="hint">Tous les critères sont facultatifs.</p>
				<ErrorSummary errors={errors} />
				<DateField
					name="du"
					legend="Virements à partir du"
					values={criteria}
					error={errors.du}
					required={false}
				/>
				<DateField
					name="au"
					legend="Virements jusqu'au"
					values={criteria}
					error={errors.au}
					required={false}
				/>
				<div class="actions">
					<button type="submit">Filtrer</button>
					<a href={PAIEMENTS_PATH}>Effacer les filtres</a>
				</div>
			</form>
			{result ? <Results criteria={criteria} result={result} /> : null}
		</>
	);
}

function Results({
	criteria,
	result,
}: {
	criteria: ListCriteria;
	result: Extract<PaymentPage, { ok: true }>;
}) {
	if (result.total === 0) return <p>Aucun virement ne correspond à ces critères.</p>;
	return (
		<>
			<p>
				{result.total === 1 ? "1 virement" : `${result.total} virements`}
				{result.pageCount > 1 ? `, page ${result.page} sur ${result.pageCount}` : ""}.
			</p>
			<section class="table-wrap" tabindex={0} aria-labelledby="virements-titre">
				<table>
					<caption id="virements-titre">Virements reçus</caption>
					<thead>
						<tr>
							<th scope="col">Date</th>
							<th scope="col">Référence</th>
							<th scope="col">Montant</th>
							<th scope="col">Factures</th>
						</tr>
					</thead>
					<tbody>
						{result.rows.map((row) => (
							<tr>
								<td>{formatDay(row.paidOn)}</td>
								<td>
									<a href={`${PAIEMENTS_PATH}/${row.id}`}>{row.reference}</a>
								</td>
								<td>{formatCents(row.amountCents)}</td>
								<td>{row.invoiceCount}</td>
							</tr>
						))}
					</tbody>
				</table>
			</section>
			<Pagination
				page={result.page}
				pageCount={result.pageCount}
				label="Pages des virements"
				href={(n) => `${PAIEMENTS_PATH}${criteriaQuery(criteria, CRITERIA, n)}`}
			/>
		</>
	);
}

export function PaiementPage({ payment }: { readonly payment: PaymentDetail }) {
	return (
		<>
			<h1>Virement {payment.reference}</h1>
			<dl class="facts">
				<dt>Date du virement</dt>
				<dd>{formatDay(payment.paidOn)}</dd>
				<dt>Montant</dt>
				<dd>{formatCents(payment.amountCents)}</dd>
				<dt>Référence</dt>
				<dd>{payment.reference}</dd>
			</dl>
			<p>
				<a href={`${PAIEMENTS_PATH}/${payment.id}/avis.pdf`} download>
					Télécharger l'avis de paiement (PDF)
				</a>
			</p>
			<section class="table-wrap" tabindex={0} aria-labelledby="reglees-titre">
				<table>
					<caption id="reglees-titre">Factures réglées par ce virement</caption>
					<thead>
						<tr>
							<th scope="col">Facture</th>
							<th scope="col">Date des soins</th>
							<th scope="col">N° d'adhérent</th>
							<th scope="col">Acceptée</th>
							<th scope="col">Payée par ce virement</th>
							<th scope="col">Situation</th>
						</tr>
					</thead>
					<tbody>
						{payment.invoices.map((invoice) => (
							<tr>
								<td>
									<a href={`/professionnel/factures/${invoice.id}`}>{invoice.invoiceNumber}</a>
								</td>
								<td>{formatDay(invoice.careDate)}</td>
								<td>{invoice.memberNumber}</td>
								<td>{formatCents(invoice.acceptedCents)}</td>
								<td>{formatCents(invoice.paidCents)}</td>
								<td>{settlementText(invoice)}</td>
							</tr>
						))}
					</tbody>
				</table>
			</section>
			<p>
				<a href={PAIEMENTS_PATH}>Retour aux paiements</a>
			</p>
		</>
	);
}
