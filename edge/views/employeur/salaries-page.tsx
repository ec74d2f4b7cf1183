// « Salariés »: a plain GET form (search, status, category, sort), one page of the company's
// employees and the pagination. When a criterion is wrong, the form comes back with the message.
//
// Written with the `html` helper rather than JSX (ADR 0048, as the member's dashboard, ADR 0045):
// the list of the 20 000-employee company is the space's busiest page, and building then walking
// the JSX tree of its form, 25 rows and pagination cost more than its SQL. The markup is the one
// the shared components write (form.tsx's TextField, Select and pagination.tsx's Pagination,
// byte for byte: salaries-page.test.tsx renders both and compares), and the table's cells carry
// their column's label already (stacked-tables.ts's bytes), so the page skips that rewrite.
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { CategoryChoice, EmployeeRow } from "../../../core/employeur/employees.ts";
import { formatDay } from "../../../core/format.ts";
import { ErrorSummary, type FieldErrors } from "../form.tsx";
import { pageWindow } from "../pagination.tsx";
import { EMPLOYEE_STATUS_LABELS, OPTION_LABELS } from "./labels.ts";

type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

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

/** form.tsx's field frame: the label, the error, then the control. */
function field(id: string, label: string, error: string | undefined, control: Markup): Markup {
	return html`<div class="field"><label for="${id}">${label}</label>${error ? html`<span class="field-error" id="${id}-erreur">${error}</span>` : ""}${control}</div>`;
}

/** form.tsx's Select: a first choice meaning "no filter", the chosen option selected. */
function select(
	name: string,
	label: string,
	value: string | undefined,
	all: string,
	options: readonly { readonly value: string; readonly label: string }[],
	error: string | undefined,
): Markup {
	const id = `champ-${name}`;
	const invalid = error ? html` aria-invalid="true" aria-describedby="${id}-erreur"` : "";
	const choices = options.map(
		(option) =>
			html`<option value="${option.value}"${option.value === value ? raw(' selected=""') : ""}>${option.label}</option>`,
	);
	return field(
		id,
		label,
		error,
		html`<select id="${id}" name="${name}"${invalid}><option value="">${all}</option>${choices}</select>`,
	);
}

const STATUS_OPTIONS = Object.entries(EMPLOYEE_STATUS_LABELS).map(([value, label]) => ({ value, label }));
const SORT_OPTIONS = [
	{ value: "numero", label: "Matricule" },
	{ value: "entree", label: "Date d'affiliation" },
];
const ORDER_OPTIONS = [{ value: "desc", label: "Décroissant" }];

function filters({ categories, criteria, errors = {} }: SalariesPageProps): Markup {
	const summary = Object.values(errors).some(Boolean) ? raw(String(<ErrorSummary errors={errors} />)) : "";
	const searchInvalid = errors.q ? raw(' aria-invalid="true" aria-describedby="champ-q-erreur"') : "";
	const search = html`<input id="champ-q" name="q" type="search"${criteria.q === undefined ? "" : html` value="${criteria.q}"`} maxlength="60"${searchInvalid}/>`;
	return html`<form method="get" action="${SALARIES_PATH}" aria-labelledby="recherche-titre"><h2 id="recherche-titre">Rechercher</h2>${summary}${field("champ-q", "Nom, 4 derniers chiffres du NIR ou matricule (facultatif)", errors.q, search)}${select("statut", "Statut", criteria.statut, "Tous les statuts", STATUS_OPTIONS, errors.statut)}${
		categories.length > 1
			? select(
					"categorie",
					"Catégorie",
					criteria.categorie,
					"Toutes les catégories",
					categories.map((category) => ({ value: String(category.id), label: category.label })),
					errors.categorie,
				)
			: ""
	}${select("tri", "Trier par", criteria.tri, "Nom", SORT_OPTIONS, errors.tri)}${select("ordre", "Ordre", criteria.ordre, "Croissant", ORDER_OPTIONS, errors.ordre)}<div class="actions"><button type="submit">Rechercher</button><a href="${SALARIES_PATH}">Effacer les critères</a></div></form>`;
}

/** « du 01/02/2020 », « du 01/02/2020 au 31/03/2026 ». */
function period(row: EmployeeRow): string {
	return row.endDate
		? `du ${formatDay(row.startDate)} au ${formatDay(row.endDate)}`
		: `depuis le ${formatDay(row.startDate)}`;
}

/** pagination.tsx's Pagination: the previous and next pages, the first, the last and two each side. */
function pagination(
	label: string,
	page: number,
	pageCount: number,
	href: (page: number) => string,
): Markup | "" {
	if (pageCount <= 1) return "";
	const previous =
		page > 1
			? html`<li><a href="${href(page - 1)}" rel="prev">Précédente<span class="sr-only"> page</span></a></li>`
			: "";
	const next =
		page < pageCount
			? html`<li><a href="${href(page + 1)}" rel="next">Suivante<span class="sr-only"> page</span></a></li>`
			: "";
	const pages = pageWindow(page, pageCount).map((n) =>
		n === "gap"
			? raw('<li aria-hidden="true">…</li>')
			: html`<li><a href="${href(n)}"${n === page ? raw(' aria-current="page"') : ""}><span class="sr-only">Page </span>${n}</a></li>`,
	);
	return html`<nav class="pagination" aria-label="${label}"><ul>${previous}${pages}${next}</ul></nav>`;
}

function employeeRow(row: EmployeeRow): Markup {
	return html`<tr><th scope="row" data-label="Nom"><a href="${salariePath(row.id)}">${row.lastName.toUpperCase()} ${row.firstName}</a></th><td data-label="Matricule">${row.employeeNumber ?? "–"}</td><td data-label="NIR (fin)">${row.nirLast4 ? `…${row.nirLast4}` : "–"}</td><td data-label="Catégorie">${row.categoryLabel}</td><td data-label="Option">${row.option ? OPTION_LABELS[row.option] : "–"}</td><td data-label="Affiliation">${period(row)}</td><td data-label="Statut">${EMPLOYEE_STATUS_LABELS[row.status]}</td></tr>`;
}

function results(criteria: SalariesCriteria, result: SalariesResult): Markup {
	const { count, page, pageCount } = result;
	if (count === 0) return html`<p>Aucun salarié ne correspond à ces critères.</p>`;
	const ofPages = pageCount > 1 ? `page ${page} sur ${pageCount}` : "";
	return html`<p>${count === 1 ? "1 salarié" : `${count.toLocaleString("fr-FR")} salariés`}${ofPages ? `, ${ofPages}` : ""}.</p><section class="table-wrap" tabindex="0" aria-labelledby="salaries-titre"><table><caption id="salaries-titre">Salariés${ofPages ? ` (${ofPages})` : ""}</caption><thead><tr><th scope="col">Nom</th><th scope="col">Matricule</th><th scope="col">NIR (fin)</th><th scope="col">Catégorie</th><th scope="col">Option</th><th scope="col">Affiliation</th><th scope="col">Statut</th></tr></thead><tbody>${result.rows.map(employeeRow)}</tbody></table></section>${pagination(
		"Pages des salariés",
		page,
		pageCount,
		(n) => `${SALARIES_PATH}${salariesQuery(criteria, n)}`,
	)}`;
}

const AFFILIATE = raw(`<p><a class="button" href="${SALARIES_PATH}/affilier">Affilier un salarié</a></p>`);

/** The page's content, escaped and complete (renderPage puts it in the kept frame as it is). */
export function SalariesPage(props: SalariesPageProps): Markup {
	return html`<h1>Salariés</h1><p class="lead">Vos salariés affiliés au contrat collectif, ceux qui en sont dispensés et les anciens salariés, dont ceux qui restent couverts au titre de la portabilité.</p>${props.mayManage ? AFFILIATE : ""}${filters(props)}<h2>Résultats</h2>${
		props.result
			? results(props.criteria, props.result)
			: html`<p>Corrigez les critères pour afficher vos salariés.</p>`
	}`;
}
