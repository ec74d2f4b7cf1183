// The member's dashboard (tableau de bord): the latest reimbursements, statements and open
// requests, the tiers-payant card in force, and a shortcut to every part of the space.
import { html, raw } from "hono/html";
import type { Dashboard, OpenRequest } from "../../../core/adherent/dashboard.ts";
import type { PrestationLine } from "../../../core/adherent/prestations.ts";
import { UNRECOGNISED_REIMBURSEMENT } from "../../../core/adherent/reimbursement-report.ts";
import { formatLongDay } from "../../../core/format.ts";
import { requestKindLabels } from "../../../schema/enums.ts";
import {
	formatDate,
	formatMoney,
	formatMonth,
	PAYEE_LABELS,
	parisDayOf,
	REQUEST_STATUS_LABELS,
} from "./format.ts";
import { detailPath } from "./remboursement-table.tsx";

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
			href: "/compte/donnees",
			label: "Mes données personnelles",
			text: "Télécharger, corriger vos données, vos choix et vos demandes.",
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

// The member-specific part is written with the `html` helper rather than JSX: it is the busiest
// page of the space, and building then serialising the JSX tree cost about twice as much as the
// same escaped template (35–50 µs against 11–20 µs per page here, ADR 0013). The markup is the one the JSX wrote, byte for byte (the
// fair peer of the dashboard benchmark, which renders the same page, is compared with it).

/**
 * The latest reimbursements: the list's table without the professional and the amounts charged.
 * Its cells carry their column's label already (the bytes labelTableCells would write), so the
 * page skips that rewrite of the whole document (`tablesLabelled`): about 25 µs of a page view.
 */
function latestLines(lines: readonly PrestationLine[]) {
	if (lines.length === 0) return html`<p>Aucun remboursement pour le moment.</p>`;
	const rows = lines.map(
		(line) =>
			html`<tr><td data-label="Date des soins">${formatDate(line.careDate)}</td><th scope="row" data-label="Acte"><a href="${detailPath(line)}">${line.act.label}</a></th><td data-label="Bénéficiaire">${line.beneficiary.firstName} ${line.beneficiary.lastName}</td><td class="num key" data-label="Part mutuelle">${formatMoney(line.mutuelleCents)}</td><td class="num key" data-label="Reste à charge">${formatMoney(line.remainingCents)}</td><td data-label="Versé à">${PAYEE_LABELS[line.paidTo]}</td><td data-label="Payé le">${line.paymentDate ? formatDate(line.paymentDate) : WAITING}</td></tr>`,
	);
	return html`<section class="table-wrap" tabindex="0" aria-labelledby="derniers-remboursements"><table><caption id="derniers-remboursements">Vos ${lines.length} derniers remboursements, du plus récent au plus ancien</caption><thead><tr><th scope="col">Date des soins</th><th scope="col">Acte</th><th scope="col">Bénéficiaire</th><th scope="col" class="num">Part mutuelle</th><th scope="col" class="num">Reste à charge</th><th scope="col">Versé à</th><th scope="col">Payé le</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

const WAITING = raw('<span class="badge badge-info">En attente</span>');

function latestStatements(statements: Dashboard["statements"]) {
	if (statements.length === 0) return html`<p>Aucun relevé pour le moment.</p>`;
	return html`<ul>${statements.map(
		(statement) =>
			html`<li><strong>${formatMonth(statement.month)}</strong> : ${statement.lineCount} ${statement.lineCount > 1 ? "actes" : "acte"}, ${formatMoney(statement.mutuelleCents)} remboursés par la mutuelle, reste à charge ${formatMoney(statement.remainingCents)}.</li>`,
	)}</ul>`;
}

/** Requests that have a page of their own open from the list (every data-protection request does). */
function requestLink(request: Dashboard["openRequests"][number]) {
	const path =
		request.kind === "data_protection"
			? `/compte/donnees/demandes/${request.id}`
			: request.kind === "complaint"
				? `/adherent/reclamations/${request.id}`
				: null;
	return path
		? html`<a href="${path}">${requestLabel(request)} <strong>${request.reference}</strong></a>`
		: html`${requestLabel(request)} <strong>${request.reference}</strong>`;
}

function openRequestList(requests: Dashboard["openRequests"]) {
	if (requests.length === 0) return html`<p>Aucune demande en cours.</p>`;
	return html`<ul>${requests.map(
		(request) =>
			html`<li>${requestLink(request)}, du ${formatDate(parisDayOf(request.createdAt))} : <span class="badge badge-info">${REQUEST_STATUS_LABELS[request.status]}</span></li>`,
	)}</ul>`;
}

/** After the contract ended, until when the space stays open (article 7's two years). */
function accessNotice(accessUntil: string) {
	return html`<div class="alert alert-info" role="status">Votre contrat a pris fin. Votre espace reste ouvert jusqu&#39;au ${formatLongDay(accessUntil)} inclus (article 7 des conditions d&#39;utilisation) : d&#39;ici là, vous pouvez consulter et télécharger vos relevés et vos remboursements. Vous recevrez un e-mail 30 jours puis 7 jours avant sa fermeture.</div>`;
}

function cardText(card: Dashboard["card"]) {
	if (card === null)
		return html`<p>Aucune carte de tiers payant en cours : contactez-nous si vous en avez besoin.</p>`;
	return html`<p>${card.valid ? "Valable" : "Était valable"} du ${formatDate(card.validFrom)} au ${formatDate(card.validTo)}.${card.valid ? "" : " Une nouvelle carte vous sera adressée."}</p>`;
}

export function DashboardPage({
	dashboard,
	accessUntil = null,
}: {
	readonly dashboard: Dashboard;
	/** The last day the space stays open after the contract ended (article 7), if it ended. */
	readonly accessUntil?: string | null;
}) {
	const { holder, prestations, statements, openRequests, card } = dashboard;
	return html`<h1>Espace adhérent</h1><p class="lead">${holder ? `Bonjour ${holder.firstName} ${holder.lastName}.` : "Bonjour."}</p>${accessUntil ? accessNotice(accessUntil) : ""}<section aria-labelledby="remboursements-titre"><h2 id="remboursements-titre">Derniers remboursements</h2>${latestLines(prestations)}<p><a href="/adherent/remboursements">Voir tous mes remboursements</a></p></section><section aria-labelledby="releves-titre"><h2 id="releves-titre">Derniers relevés de prestations</h2>${latestStatements(statements)}<p><a href="/adherent/releves">Voir tous mes relevés</a></p></section><section aria-labelledby="demandes-titre"><h2 id="demandes-titre">Mes demandes en cours</h2>${openRequestList(openRequests)}<p><a href="/adherent/reclamations">Voir mes réclamations</a></p></section><section aria-labelledby="carte-titre"><h2 id="carte-titre">Ma carte de tiers payant</h2>${cardText(card)}<p><a href="/adherent/carte">Afficher ma carte de tiers payant</a></p></section>${SHORTCUTS_NAV}`;
}
