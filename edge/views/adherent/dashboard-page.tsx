// The member's dashboard (tableau de bord): the latest reimbursements, statements and open
// requests, the tiers-payant card in force, and a shortcut to every part of the space.
import { raw } from "hono/html";
import type { Dashboard, OpenRequest } from "../../../core/adherent/dashboard.ts";
import { UNRECOGNISED_REIMBURSEMENT } from "../../../core/adherent/reimbursement-report.ts";
import { requestKindLabels } from "../../../schema/enums.ts";
import { formatDate, formatMoney, formatMonth, parisDayOf, REQUEST_STATUS_LABELS } from "./format.ts";
import { RemboursementTable } from "./remboursement-table.tsx";

export const SHORTCUTS: readonly { readonly href: string; readonly label: string; readonly text: string }[] =
	[
		{
			href: "/adherent/garanties",
			label: "Garanties",
			text: "Ce que votre contrat rembourse, poste par poste.",
		},
		{
			href: "/adherent/remboursements",
			label: "Remboursements",
			text: "Tous vos remboursements, en détail.",
		},
		{ href: "/adherent/releves", label: "Relevés", text: "Vos relevés de prestations mensuels." },
		{
			href: "/adherent/beneficiaires",
			label: "Bénéficiaires",
			text: "Les personnes couvertes par votre contrat.",
		},
		{
			href: "/adherent/carte",
			label: "Carte de tiers payant",
			text: "Votre carte, à présenter aux professionnels.",
		},
		{
			href: "/adherent/reclamations",
			label: "Réclamations",
			text: "Faire une réclamation et suivre vos demandes.",
		},
		{
			href: "/adherent/informations",
			label: "Informations utiles",
			text: "Ce qu'il faut savoir sur votre mutuelle.",
		},
		{
			href: "/reseau",
			label: "Trouver un professionnel",
			text: "Les professionnels de santé du réseau près de chez vous.",
		},
	];

/** The same for every member: rendered once, when the module loads. */
const SHORTCUTS_NAV = raw(
	String(
		<nav aria-labelledby="raccourcis-titre">
			<h2 id="raccourcis-titre">Accès rapides</h2>
			<ul class="grid">
				{SHORTCUTS.map((shortcut) => (
					<li class="card">
						<h3>
							<a href={shortcut.href}>{shortcut.label}</a>
						</h3>
						<p>{shortcut.text}</p>
					</li>
				))}
			</ul>
		</nav>,
	),
);

function requestLabel(request: OpenRequest): string {
	return request.subKind === UNRECOGNISED_REIMBURSEMENT
		? "Remboursement non reconnu"
		: requestKindLabels[request.kind];
}

function Card({ card }: { readonly card: Dashboard["card"] }) {
	return (
		<section aria-labelledby="carte-titre">
			<h2 id="carte-titre">Ma carte de tiers payant</h2>
			{card === null ? (
				<p>Aucune carte de tiers payant en cours : contactez-nous si vous en avez besoin.</p>
			) : (
				<p>
					{card.valid ? "Valable" : "Était valable"} du {formatDate(card.validFrom)} au{" "}
					{formatDate(card.validTo)}.{card.valid ? null : <> Une nouvelle carte vous sera adressée.</>}
				</p>
			)}
			<p>
				<a href="/adherent/carte">Afficher ma carte de tiers payant</a>
			</p>
		</section>
	);
}

export function DashboardPage({ dashboard }: { readonly dashboard: Dashboard }) {
	const { holder, prestations, statements, openRequests, card } = dashboard;
	return (
		<>
			<h1>Espace adhérent</h1>
			<p class="lead">{holder ? `Bonjour ${holder.firstName} ${holder.lastName}.` : "Bonjour."}</p>
			<section aria-labelledby="remboursements-titre">
				<h2 id="remboursements-titre">Derniers remboursements</h2>
				{prestations.length === 0 ? (
					<p>Aucun remboursement pour le moment.</p>
				) : (
					<RemboursementTable
						lines={prestations}
						id="derniers-remboursements"
						caption={`Vos ${prestations.length} derniers remboursements, du plus récent au plus ancien`}
						compact
					/>
				)}
				<p>
					<a href="/adherent/remboursements">Voir tous mes remboursements</a>
				</p>
			</section>
			<section aria-labelledby="releves-titre">
				<h2 id="releves-titre">Derniers relevés de prestations</h2>
				{statements.length === 0 ? (
					<p>Aucun relevé pour le moment.</p>
				) : (
					<ul>
						{statements.map((statement) => (
							<li>
								<strong>{formatMonth(statement.month)}</strong> : {statement.lineCount}{" "}
								{statement.lineCount > 1 ? "actes" : "acte"}, {formatMoney(statement.mutuelleCents)}{" "}
								remboursés par la mutuelle, reste à charge {formatMoney(statement.remainingCents)}.
							</li>
						))}
					</ul>
				)}
				<p>
					<a href="/adherent/releves">Voir tous mes relevés</a>
				</p>
			</section>
			<section aria-labelledby="demandes-titre">
				<h2 id="demandes-titre">Mes demandes en cours</h2>
				{openRequests.length === 0 ? (
					<p>Aucune demande en cours.</p>
				) : (
					<ul>
						{openRequests.map((request) => (
							<li>
								{requestLabel(request)} <strong>{request.reference}</strong>, du{" "}
								{formatDate(parisDayOf(request.createdAt))} :{" "}
								<span class="badge badge-info">{REQUEST_STATUS_LABELS[request.status]}</span>
							</li>
						))}
					</ul>
				)}
				<p>
					<a href="/adherent/reclamations">Voir mes réclamations</a>
				</p>
			</section>
			<Card card={card} />
			{SHORTCUTS_NAV}
		</>
	);
}
