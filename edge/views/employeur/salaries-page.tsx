// « Salariés »: a plain GET form (search, status, category, sort), one page of the company's
// employees and the pagination. When a criterion is wrong, the form comes back with the message.
import type { CategoryChoice, EmployeeRow } from "../../../core/employeur/employees.ts";
import { formatDay } from "../../../core/format.ts";
import { ErrorSummary, type FieldErrors, Select, TextField } from "../form.tsx";
import { Pagination } from "../pagination.tsx";
import { EMPLOYEE_STATUS_LABELS, OPTION_LABELS } from "./labels.ts";

export const SALARIES_PATH = "/employeur/salaries";

/** The criteria as the form sends them, kept to fill the form again and to build the links. */
export interface SalariesCriteria {
	readonly q?: string | undefined;
	readonly statut?: string | undefined;
	readonly categorie?: string | undefined;
	readonly tri?: string | undefined;
	readonly ordre?: string | undefined;
}

export interface SalariesResult {
	readonly rows: readonly EmployeeRow[];
	readonly count: number;
	readonly page: number;
	readonly pageCount: number;
}

export interface SalariesPageProps {
	readonly categories: readonly CategoryChoice[];
	readonly criteria: SalariesCriteria;
	readonly errors?: FieldErrors;
	readonly result?: SalariesResult;
	/** The administrator's role lets them affiliate (the server's 403 stays the real guard). */
	readonly mayManage?: boolean;
}

export function salariesQuery(criteria: SalariesCriteria, page = 1): string {
	const params = new URLSearchParams();
	for (const key of ["q", "statut", "categorie", "tri", "ordre"] as const) {
		const value = criteria[key];
		if (value) params.set(key, value);
	}
	if (page > 1) params.set("page", String(page));
	const query = params.toString();
	return query ? `?${query}` : "";
}

export function salariePath(id: number): string {
	return `${SALARIES_PATH}/${id}`;
}

function Filters({ categories, criteria, errors = {} }: SalariesPageProps) {
	return (
		<form method="get" action={SALARIES_PATH} aria-labelledby="recherche-titre">
			<h2 id="recherche-titre">Rechercher</h2>
			<ErrorSummary errors={errors} />
			<TextField
				name="q"
				label="Nom, 4 derniers chiffres du NIR ou matricule"
				type="search"
				value={criteria.q}
				error={errors.q}
				required={false}
				maxlength={60}
			/>
			<Select
				name="statut"
				label="Statut"
				value={criteria.statut}
				all="Tous les statuts"
				options={Object.entries(EMPLOYEE_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
				error={errors.statut}
			/>
			{categories.length > 1 ? (
				<Select
					name="categorie"
					label="Catégorie"
					value={criteria.categorie}
					all="Toutes les catégories"
					options={categories.map((category) => ({ value: String(category.id), label: category.label }))}
					error={errors.categorie}
				/>
			) : null}
			<Select
				name="tri"
				label="Trier par"
				value={criteria.tri}
				all="Nom"
				options={[
					{ value: "numero", label: "Matricule" },
					{ value: "entree", label: "Date d'affiliation" },
				]}
				error={errors.tri}
			/>
			<Select
				name="ordre"
				label="Ordre"
				value={criteria.ordre}
				all="Croissant"
				options={[{ value: "desc", label: "Décroissant" }]}
				error={errors.ordre}
			/>
			<div class="actions">
				<button type="submit">Rechercher</button>
				<a href={SALARIES_PATH}>Effacer les critères</a>
			</div>
		</form>
	);
}

/** « du 01/02/2020 », « du 01/02/2020 au 31/03/2026 ». */
function period(row: EmployeeRow): string {
	return row.endDate
		? `du ${formatDay(row.startDate)} au ${formatDay(row.endDate)}`
		: `depuis le ${formatDay(row.startDate)}`;
}

function Results({ criteria, result }: { criteria: SalariesCriteria; result: SalariesResult }) {
	const { count, page, pageCount } = result;
	if (count === 0) return <p>Aucun salarié ne correspond à ces critères.</p>;
	return (
		<>
			<p>
				{count === 1 ? "1 salarié" : `${count.toLocaleString("fr-FR")} salariés`}
				{pageCount > 1 ? `, page ${page} sur ${pageCount}` : ""}.
			</p>
			<section class="table-wrap" tabindex={0} aria-labelledby="salaries-titre">
				<table>
					<caption id="salaries-titre">
						Salariés{pageCount > 1 ? ` (page ${page} sur ${pageCount})` : ""}
					</caption>
					<thead>
						<tr>
							<th scope="col">Nom</th>
							<th scope="col">Matricule</th>
							<th scope="col">NIR (fin)</th>
							<th scope="col">Catégorie</th>
							<th scope="col">Option</th>
							<th scope="col">Affiliation</th>
							<th scope="col">Statut</th>
						</tr>
					</thead>
					<tbody>
						{result.rows.map((row) => (
							<tr>
								<th scope="row">
									<a href={salariePath(row.id)}>
										{row.lastName.toUpperCase()} {row.firstName}
									</a>
								</th>
								<td>{row.employeeNumber ?? "–"}</td>
								<td>{row.nirLast4 ? `…${row.nirLast4}` : "–"}</td>
								<td>{row.categoryLabel}</td>
								<td>{row.option ? OPTION_LABELS[row.option] : "–"}</td>
								<td>{period(row)}</td>
								<td>{EMPLOYEE_STATUS_LABELS[row.status]}</td>
							</tr>
						))}
					</tbody>
				</table>
			</section>
			<Pagination
				label="Pages des salariés"
				page={page}
				pageCount={pageCount}
				href={(n) => `${SALARIES_PATH}${salariesQuery(criteria, n)}`}
			/>
		</>
	);
}

export function SalariesPage(props: SalariesPageProps) {
	return (
		<>
			<h1>Salariés</h1>
			<p class="lead">
				Vos salariés affiliés au contrat collectif, ceux qui en sont dispensés et les anciens salariés, dont
				ceux qui restent couverts au titre de la portabilité.
			</p>
			{props.mayManage ? (
				<p>
					<a class="button" href={`${SALARIES_PATH}/affilier`}>
						Affilier un salarié
					</a>
				</p>
			) : null}
			<Filters {...props} />
			<h2>Résultats</h2>
			{props.result ? (
				<Results criteria={props.criteria} result={props.result} />
			) : (
				<p>Corrigez les critères pour afficher vos salariés.</p>
			)}
		</>
	);
}
