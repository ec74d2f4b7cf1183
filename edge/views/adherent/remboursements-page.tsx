// « Mes remboursements »: the filter form (a plain GET form, every criterion optional), the totals
// of the filtered lines, one page of them and the pagination, and the CSV export of the same
// selection. When a criterion is wrong, the form comes back with the message and no list.
import type { FilterChoices, PrestationLine, PrestationTotals } from "../../../core/adherent/prestations.ts";
import { DateField, ErrorSummary, type FieldErrors, Select } from "../form.tsx";
import { PageLinks } from "../pagination.tsx";

export { pageWindow } from "../pagination.tsx";

import { formatMoney } from "./format.ts";
import { RemboursementTable } from "./remboursement-table.tsx";

export const LIST_PATH = "/adherent/remboursements";
export const CSV_PATH = "/adherent/remboursements.csv";

/**
 * The criteria as the form sends them (French names, strings), kept to fill the form again; the
 * dates also as their typed parts (`du-jour`…, DateField).
 */
export interface ListCriteria {
	readonly beneficiaire?: string | undefined;
	readonly du?: string | undefined;
	readonly au?: string | undefined;
	readonly categorie?: string | undefined;
	readonly typedDates?: Readonly<Record<string, string>>;
}

export interface ListResult {
	readonly lines: readonly PrestationLine[];
	readonly page: number;
	readonly pageCount: number;
	readonly totals: PrestationTotals;
}

export interface RemboursementsPageProps {
	readonly choices: FilterChoices;
	readonly criteria: ListCriteria;
	readonly errors?: FieldErrors;
	/** Absent when the criteria are wrong. */
	readonly result?: ListResult;
}

/** `?beneficiaire=…&du=…` with the criteria given (and the page past the first), or "". */
export function criteriaQuery(criteria: ListCriteria, page = 1): string {
	const params = new URLSearchParams();
	for (const key of ["beneficiaire", "du", "au", "categorie"] as const) {
		const value = criteria[key];
		if (value) params.set(key, value);
	}
	if (page > 1) params.set("page", String(page));
	const query = params.toString();
	return query ? `?${query}` : "";
}

function Filters({ choices, criteria, errors = {} }: RemboursementsPageProps) {
	return (
		<form method="get" action={LIST_PATH} aria-labelledby="filtres-titre">
			<h2 id="filtres-titre">Filtrer</h2>
			<p class="hint">Tous les critères sont facultatifs.</p>
			<ErrorSummary errors={errors} />
			<Select
				name="beneficiaire"
				label="Bénéficiaire"
				value={criteria.beneficiaire}
				all="Tous les bénéficiaires"
				options={choices.beneficiaries.map((b) => ({
					value: String(b.id),
					label: `${b.firstName} ${b.lastName}`,
				}))}
				error={errors.beneficiaire}
			/>
			<DateField
				name="du"
				legend="Soins à partir du"
				values={{ du: criteria.du, ...criteria.typedDates }}
				error={errors.du}
				required={false}
			/>
			<DateField
				name="au"
				legend="Soins jusqu'au"
				values={{ au: criteria.au, ...criteria.typedDates }}
				error={errors.au}
				required={false}
			/>
			<Select
				name="categorie"
				label="Catégorie de soins"
				value={criteria.categorie}
				all="Toutes les catégories"
				options={choices.categories.map((c) => ({ value: c.code, label: c.label }))}
				error={errors.categorie}
			/>
			<div class="actions">
				<button type="submit">Filtrer</button>
				<a href={LIST_PATH}>Effacer les filtres</a>
			</div>
		</form>
	);
}

function Pagination({
	criteria,
	page,
	pageCount,
}: {
	criteria: ListCriteria;
	page: number;
	pageCount: number;
}) {
	return (
		<PageLinks
			label="Pages des remboursements"
			page={page}
			pageCount={pageCount}
			href={(n) => `${LIST_PATH}${criteriaQuery(criteria, n)}`}
		/>
	);
}

function Results({ criteria, result }: { criteria: ListCriteria; result: ListResult }) {
	const { totals, page, pageCount } = result;
	if (totals.count === 0) return <p>Aucun remboursement ne correspond à ces critères.</p>;
	return (
		<>
			<p>
				{totals.count === 1 ? "1 remboursement" : `${totals.count} remboursements`}
				{pageCount > 1 ? `, page ${page} sur ${pageCount}` : ""}.{" "}
				<a href={`${CSV_PATH}${criteriaQuery(criteria)}`} download>
					Télécharger la liste (CSV)
				</a>
			</p>
			<dl class="facts">
				<dt>Montant dépensé</dt>
				<dd>{formatMoney(totals.chargedCents)}</dd>
				<dt>Part Sécurité sociale</dt>
				<dd>{formatMoney(totals.ssPaidCents)}</dd>
				<dt>Part mutuelle</dt>
				<dd>{formatMoney(totals.mutuelleCents)}</dd>
				<dt>Reste à charge</dt>
				<dd>{formatMoney(totals.remainingCents)}</dd>
			</dl>
			<RemboursementTable
				lines={result.lines}
				id="remboursements-titre"
				caption={`Remboursements, du plus récent au plus ancien${pageCount > 1 ? ` (page ${page} sur ${pageCount})` : ""}`}
			/>
			<Pagination criteria={criteria} page={page} pageCount={pageCount} />
		</>
	);
}

export function RemboursementsPage(props: RemboursementsPageProps) {
	return (
		<>
			<h1>Mes remboursements</h1>
			<p class="lead">
				Chaque acte remboursé : ce que la Sécurité sociale et la mutuelle ont payé, ce qui reste à votre
				charge, et à qui le remboursement a été versé.
			</p>
			<Filters {...props} />
			<h2>Résultats</h2>
			{props.result ? (
				<Results criteria={props.criteria} result={props.result} />
			) : (
				<p>Corrigez les critères pour afficher vos remboursements.</p>
			)}
		</>
	);
}
