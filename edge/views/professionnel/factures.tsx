// « Factures »: the practice's tiers-payant invoices with their status (a rejection with its code
// and its plain French label), the filters (period of reception, status, member number), the CSV
// export of the filtered list; and one invoice with its lines and the transfers that settled it.
import { formatCents, formatDay } from "../../../core/format.ts";
import type { InvoiceDetail, InvoicePage, InvoiceRow } from "../../../core/professionnel/invoices.ts";
import { Alert, DateField, ErrorSummary, type FieldErrors, Select, TextField } from "../form.tsx";
import { Pagination } from "../pagination.tsx";
import { criteriaQuery, type ListCriteria } from "./criteria.ts";
import { INVOICE_STATUS_LABELS, INVOICE_STATUS_ORDER } from "./labels.ts";

export const FACTURES_PATH = "/professionnel/factures";
export const FACTURE_CRITERIA = ["du", "au", "statut", "adherent"] as const;

export function statusText(row: Pick<InvoiceRow, "status" | "rejection">): string {
	const label = INVOICE_STATUS_LABELS[row.status];
	return row.rejection ? `${label} (${row.rejection.code} : ${row.rejection.label})` : label;
}

function Filters({ criteria, errors }: { criteria: ListCriteria; errors: FieldErrors }) {
	return (
		<form method="get" action={FACTURES_PATH} aria-labelledby="filtres-titre">
			<h2 id="filtres-titre">Filtrer</h2>
			<p class="hint">Tous les critères sont facultatifs.</p>
			<ErrorSummary errors={errors} />
			<DateField name="du" legend="Reçues à partir du" values={criteria} error={errors.du} required={false} />
			<DateField name="au" legend="Reçues jusqu'au" values={criteria} error={errors.au} required={false} />
			<Select
				name="statut"
				label="Statut"
				value={criteria.statut}
				all="Tous les statuts"
				options={INVOICE_STATUS_ORDER.map((status) => ({
					value: status,
					label: INVOICE_STATUS_LABELS[status],
				}))}
				error={errors.statut}
			/>
			<TextField
				name="adherent"
				label="Numéro d'adhérent"
				required={false}
				inputmode="numeric"
				autocomplete="off"
				maxlength={20}
				value={criteria.adherent}
				error={errors.adherent}
			/>
			<div class="actions">
				<button type="submit">Filtrer</button>
				<a href={FACTURES_PATH}>Effacer les filtres</a>
			</div>
		</form>
	);
}

export function FacturesPage(props: {
	readonly criteria: ListCriteria;
	readonly errors?: FieldErrors;
	readonly result?: Extract<InvoicePage, { ok: true }>;
}) {
	const { criteria, errors = {}, result } = props;
	return (
		<>
			<h1>Factures</h1>
			<p class="lead">Les factures de tiers payant envoyées par votre cabinet, les plus récentes d'abord.</p>
			<Filters criteria={criteria} errors={errors} />
			{result ? <Results criteria={criteria} result={result} /> : null}
		</>
	);
}

function Results({
	criteria,
	result,
}: {
	criteria: ListCriteria;
	result: Extract<InvoicePage, { ok: true }>;
}) {
	if (result.total === 0) return <p>Aucune facture ne correspond à ces critères.</p>;
	return (
		<>
			<p>
				{result.total === 1 ? "1 facture" : `${result.total} factures`}
				{result.pageCount > 1 ? `, page ${result.page} sur ${result.pageCount}` : ""}.{" "}
				<a href={`${FACTURES_PATH}.csv${criteriaQuery(criteria, FACTURE_CRITERIA)}`} download>
					Télécharger la liste (CSV)
				</a>
			</p>
			<section class="table-wrap" tabindex={0} aria-labelledby="factures-titre">
				<table>
					<caption id="factures-titre">Factures de tiers payant</caption>
					<thead>
						<tr>
							<th scope="col">Facture</th>
							<th scope="col">Reçue le</th>
							<th scope="col">Date des soins</th>
							<th scope="col">N° d'adhérent</th>
							<th scope="col">Part mutuelle demandée</th>
							<th scope="col">Statut</th>
						</tr>
					</thead>
					<tbody>
						{result.rows.map((row) => (
							<tr>
								<td>
									<a href={`${FACTURES_PATH}/${row.id}`}>{row.invoiceNumber}</a>
								</td>
								<td>{formatDay(row.receivedOn)}</td>
								<td>{formatDay(row.careDate)}</td>
								<td>{row.memberNumber}</td>
								<td>{formatCents(row.claimedCents)}</td>
								<td>{statusText(row)}</td>
							</tr>
						))}
					</tbody>
				</table>
			</section>
			<Pagination
				page={result.page}
				pageCount={result.pageCount}
				label="Pages des factures"
				href={(n) => `${FACTURES_PATH}${criteriaQuery(criteria, FACTURE_CRITERIA, n)}`}
			/>
		</>
	);
}

export function FacturePage({ invoice }: { readonly invoice: InvoiceDetail }) {
	return (
		<>
			<h1>Facture {invoice.invoiceNumber}</h1>
			{invoice.rejection ? (
				<Alert kind="warning">
					<p>
						Facture rejetée, code {invoice.rejection.code} : {invoice.rejection.label}.
					</p>
				</Alert>
			) : null}
			<dl class="facts">
				<dt>Statut</dt>
				<dd>{statusText(invoice)}</dd>
				<dt>Numéro d'adhérent</dt>
				<dd>{invoice.memberNumber}</dd>
				<dt>Date des soins</dt>
				<dd>{formatDay(invoice.careDate)}</dd>
				<dt>Reçue le</dt>
				<dd>{formatDay(invoice.receivedOn)}</dd>
				<dt>Traitée le</dt>
				<dd>{invoice.processedOn ? formatDay(invoice.processedOn) : "Pas encore traitée"}</dd>
				<dt>Montant facturé</dt>
				<dd>{formatCents(invoice.chargedCents)}</dd>
				<dt>Part mutuelle demandée</dt>
				<dd>{formatCents(invoice.claimedCents)}</dd>
				<dt>Part mutuelle acceptée</dt>
				<dd>{invoice.acceptedCents === null ? "–" : formatCents(invoice.acceptedCents)}</dd>
				{invoice.remainingCents > 0 ? (
					<>
						<dt>Reste à payer</dt>
						<dd>{formatCents(invoice.remainingCents)}</dd>
					</>
				) : null}
			</dl>
			<h2 id="lignes-titre">Détail des actes</h2>
			<section class="table-wrap" tabindex={0} aria-labelledby="lignes-titre">
				<table>
					<thead>
						<tr>
							<th scope="col">Acte</th>
							<th scope="col">Date</th>
							<th scope="col">Quantité</th>
							<th scope="col">Montant facturé</th>
							<th scope="col">Part Sécurité sociale</th>
							<th scope="col">Part mutuelle</th>
							<th scope="col">Part de l'adhérent</th>
						</tr>
					</thead>
					<tbody>
						{invoice.lines.map((line) => (
							<tr>
								<td>
									{line.act.label} ({line.act.code})
								</td>
								<td>{formatDay(line.careDate)}</td>
								<td>{line.quantity}</td>
								<td>{formatCents(line.chargedCents)}</td>
								<td>{formatCents(line.ssPaidCents)}</td>
								<td>{formatCents(line.insurerCents)}</td>
								<td>{formatCents(line.memberCents)}</td>
							</tr>
						))}
					</tbody>
				</table>
			</section>
			<h2>Paiements</h2>
			{invoice.settlements.length === 0 ? (
				<p>Aucun virement ne règle encore cette facture.</p>
			) : (
				<ul>
					{invoice.settlements.map((s) => (
						<li>
							<a href={`/professionnel/paiements/${s.paymentId}`}>Virement {s.reference}</a> du{" "}
							{formatDay(s.paidOn)} : {formatCents(s.amountCents)}
						</li>
					))}
				</ul>
			)}
			<p>
				<a href={FACTURES_PATH}>Retour aux factures</a>
			</p>
		</>
	);
}
