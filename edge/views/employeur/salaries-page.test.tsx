// The employee list is written with the `html` helper (ADR 0048); its form and pagination must
// stay the markup of the shared components (form.tsx, pagination.tsx), and its table what the
// stacked-table rewrite would make of it. Each case is rendered both ways and compared to the byte.
import { describe, expect, it } from "vitest";
import type { EmployeeRow } from "../../../core/employeur/employees.ts";
import { ErrorSummary, type FieldErrors, Select, TextField } from "../form.tsx";
import { Pagination } from "../pagination.tsx";
import { labelTableCells } from "../stacked-tables.ts";
import { EMPLOYEE_STATUS_LABELS } from "./labels.ts";
import { SALARIES_PATH, SalariesPage, type SalariesPageProps, salariesQuery } from "./salaries-page.tsx";

/** The form as the shared JSX components write it. */
function referenceForm({ categories, criteria, errors = {} }: SalariesPageProps) {
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

const STATUSES = ["couvert", "portabilite", "sorti", "dispense"] as const;
const OPTIONS = ["isole", "duo", "famille", null] as const;

/** Rows with every kind of value: missing ones, an end date, characters to escape. */
function rowsOf(count: number): EmployeeRow[] {
	return Array.from({ length: count }, (_, i) => ({
		id: 100 + i,
		lastName: `Dupont<&"'${i}`,
		firstName: "Élodie",
		employeeNumber: i % 3 ? `E${i}` : null,
		nirLast4: i % 4 ? "1234" : null,
		categoryLabel: 'Cadres & "assimilés"',
		option: OPTIONS[i % 4] ?? null,
		startDate: "2020-01-15",
		endDate: i % 2 ? "2026-03-31" : null,
		portabilityEndDate: null,
		status: STATUSES[i % 4] ?? "couvert",
	}));
}

const three = [
	{ id: 1, label: "Cadres" },
	{ id: 2, label: "Non-cadres <x>" },
	{ id: 3, label: "Tous" },
];
const one = [{ id: 1, label: "Ensemble du personnel" }];
const errors: FieldErrors = {
	statut: "Choisissez un statut dans la liste.",
	q: "Trop <long>",
	_form: "Cette adresse contient un critère inconnu.",
};

const CASES: Record<string, SalariesPageProps> = {
	"the first of 800 pages": {
		categories: three,
		criteria: {},
		result: { rows: rowsOf(25), count: 20_000, page: 1, pageCount: 800 },
		mayManage: true,
	},
	"a middle page, every criterion set": {
		categories: three,
		criteria: { q: 'du"p&<', statut: "portabilite", categorie: "2", tri: "entree", ordre: "desc" },
		result: { rows: rowsOf(25), count: 617, page: 13, pageCount: 25 },
	},
	"the last page, one category": {
		categories: one,
		criteria: { tri: "numero", q: "" },
		result: { rows: rowsOf(3), count: 53, page: 3, pageCount: 3 },
	},
	"one employee": {
		categories: one,
		criteria: { q: "x" },
		result: { rows: rowsOf(1), count: 1, page: 1, pageCount: 1 },
		mayManage: true,
	},
	nobody: {
		categories: three,
		criteria: { q: "zzz" },
		result: { rows: [], count: 0, page: 1, pageCount: 1 },
	},
	"wrong criteria": { categories: three, criteria: { statut: "vip", q: "a" }, errors, mayManage: true },
	"a wrong category": {
		categories: three,
		criteria: { categorie: "9" },
		errors: { categorie: "Choisissez une catégorie dans la liste." },
	},
};

describe("the employee list's markup", () => {
	for (const [name, props] of Object.entries(CASES)) {
		it(`writes the shared components' markup and labelled cells: ${name}`, async () => {
			const page = String(await SalariesPage(props));
			const form = /<form[\s\S]*<\/form>/.exec(page)?.[0];
			expect(form).toBe(String(await referenceForm(props).toString()));
			const { result } = props;
			const pagination = result
				? String(
						(
							<Pagination
								label="Pages des salariés"
								page={result.page}
								pageCount={result.pageCount}
								href={(n) => `${SALARIES_PATH}${salariesQuery(props.criteria, n)}`}
							/>
						).toString(),
					)
				: "";
			expect(/<nav class="pagination"[\s\S]*<\/nav>/.exec(page)?.[0] ?? "").toBe(pagination);
			expect(page.includes('href="/employeur/salaries/affilier"')).toBe(props.mayManage === true);
			expect(labelTableCells(page)).toBe(page);
			expect(labelTableCells(page.replaceAll(/ data-label="[^"]*"/g, ""))).toBe(page);
			const cells = page.match(/<t[dh]\b[^>]*>/g)?.filter((cell) => !cell.includes('scope="col"')) ?? [];
			expect(cells).toHaveLength((result?.rows.length ?? 0) * 7);
			expect(cells.every((cell) => cell.includes(" data-label="))).toBe(true);
		});
	}
});
