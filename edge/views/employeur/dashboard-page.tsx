// The employer's tableau de bord: the company and its contract, the headcounts of today, what
// waits for the administrator, the last contribution statements, and a shortcut to every part
// of the space. Only counts and contributions: never a health datum.
import type { EmployerDashboard } from "../../../core/employeur/dashboard.ts";
import { formatCents, formatDay, formatInstant } from "../../../core/format.ts";
import { PERIODICITY_LABELS } from "./labels.ts";
import { StatementsTable } from "./statements-table.tsx";

export const EMPLOYER_SHORTCUTS: readonly {
	readonly href: string;
	readonly label: string;
	readonly text: string;
}[] = [
	{ href: "/employeur/salaries", label: "Salariés", text: "Vos salariés affiliés, dispensés ou sortis." },
	{
		href: "/employeur/bordereaux",
		label: "Bordereaux de cotisations",
		text: "Chaque appel de cotisations, en PDF et en CSV.",
	},
	{
		href: "/employeur/dispenses",
		label: "Dispenses d'adhésion",
		text: "Les salariés dispensés, le cas de dispense et sa fin.",
	},
	{
		href: "/employeur/coordonnees-bancaires",
		label: "Coordonnées bancaires",
		text: "Le compte prélevé pour les cotisations, et son changement.",
	},
	{
		href: "/employeur/contrat",
		label: "Contrat",
		text: "Votre contrat collectif, ses catégories et ses garanties.",
	},
];

function Headcount({ value, label, href }: { value: number; label: string; href: string }) {
	return (
		<li class="card">
			<p>
				<strong>{value.toLocaleString("fr-FR")}</strong>
			</p>
			<p>
				<a href={href}>{label}</a>
			</p>
		</li>
	);
}

export function EmployerDashboardPage({ dashboard }: { readonly dashboard: EmployerDashboard }) {
	const { company, contracts, headcounts, statements, toPay, pendingBankChange, awaitingEmployees } =
		dashboard;
	const actions = [
		toPay.count > 0
			? `${toPay.count === 1 ? "1 bordereau à payer" : `${toPay.count} bordereaux à payer`} (${formatCents(toPay.totalCents)})`
			: null,
		pendingBankChange
			? `Changement de coordonnées bancaires en attente (compte se terminant par ${pendingBankChange.ibanLast4}) : il prendra effet le ${formatInstant(pendingBankChange.effectiveAt)} sauf annulation.`
			: null,
		awaitingEmployees > 0
			? awaitingEmployees === 1
				? "1 salarié affilié n'a pas encore créé son espace adhérent."
				: `${awaitingEmployees} salariés affiliés n'ont pas encore créé leur espace adhérent.`
			: null,
	].filter((action): action is string => action !== null);
	return (
		<>
			<h1>Tableau de bord</h1>
			<p class="lead">
				{company.name}, SIRET {company.siret}.
			</p>

			<h2>Contrat collectif</h2>
			{contracts.length === 0 ? (
				<p>Votre entreprise n'a pas de contrat collectif en cours.</p>
			) : (
				<ul>
					{contracts.map((contract) => (
						<li>
							Contrat n° {contract.number}, depuis le {formatDay(contract.startDate)}
							{contract.endDate ? `, jusqu'au ${formatDay(contract.endDate)}` : ""} : cotisations{" "}
							{PERIODICITY_LABELS[contract.periodicity].toLowerCase()}s,{" "}
							{contract.categoryCount === 1 ? "1 catégorie" : `${contract.categoryCount} catégories`} de
							salariés. <a href="/employeur/contrat">Voir le contrat</a>
						</li>
					))}
				</ul>
			)}

			<h2>Effectifs aujourd'hui</h2>
			<ul class="grid">
				<Headcount
					value={headcounts.covered}
					label="Salariés couverts"
					href="/employeur/salaries?statut=couvert"
				/>
				<Headcount
					value={headcounts.portability}
					label="Anciens salariés en portabilité"
					href="/employeur/salaries?statut=portabilite"
				/>
				<Headcount
					value={headcounts.dispensed}
					label="Salariés dispensés"
					href="/employeur/salaries?statut=dispense"
				/>
			</ul>

			<h2>Actions en attente</h2>
			{actions.length === 0 ? (
				<p>Aucune action en attente.</p>
			) : (
				<ul>
					{actions.map((action) => (
						<li>{action}</li>
					))}
				</ul>
			)}

			<h2 id="bordereaux-recents">Derniers bordereaux de cotisations</h2>
			{statements.length === 0 ? (
				<p>Aucun bordereau de cotisations pour le moment.</p>
			) : (
				<StatementsTable
					statements={statements}
					caption="Derniers bordereaux, du plus récent au plus ancien"
				/>
			)}
			<p>
				<a href="/employeur/bordereaux">Tous les bordereaux</a>
			</p>

			<h2>Votre espace</h2>
			<ul class="grid">
				{EMPLOYER_SHORTCUTS.map((shortcut) => (
					<li class="card">
						<h3>
							<a href={shortcut.href}>{shortcut.label}</a>
						</h3>
						<p>{shortcut.text}</p>
					</li>
				))}
			</ul>
		</>
	);
}
