// The back-office's home: the staff member's role and the areas it opens, with what awaits.
import { areasOf, STAFF_ROLE_LABELS, type StaffArea } from "../../../core/gestion/staff.ts";
import type { StaffRole } from "../../../schema/tables/index.ts";

const AREAS: Readonly<Partial<Record<StaffArea, { href: string; title: string; text: string }>>> = {
	demandes: {
		href: "/gestion/demandes",
		title: "Demandes",
		text: "Réclamations, bénéficiaires, données personnelles, messages des professionnels, changements bancaires des entreprises, incidents de connexion : la file d'attente, avec les délais.",
	},
	comptes: {
		href: "/gestion/comptes",
		title: "Comptes",
		text: "Rechercher un compte, le suspendre, le rouvrir ou le fermer ; traiter les signalements de fraude.",
	},
	preuve: {
		href: "/gestion/comptes",
		title: "Preuve",
		text: "Le journal d'audit d'un compte, chaîne vérifiée, exportable pour un litige (depuis la page du compte).",
	},
	exploitation: {
		href: "/gestion/exploitation",
		title: "Exploitation",
		text: "Tâches de fond, lettres mortes et leur relance, exécutions planifiées, acceptation des CGU, maintenance, audience.",
	},
	imports: {
		href: "/gestion/imports",
		title: "Imports",
		text: "Envoyer un fichier du système de gestion (CSV ou JSON Lines) et lire son compte rendu, ligne par ligne.",
	},
	roles: {
		href: "/gestion/roles",
		title: "Rôles",
		text: "Donner, changer ou retirer le rôle des comptes de l'espace gestion.",
	},
};

export function GestionHome(props: {
	readonly identifier: string;
	readonly role: StaffRole;
	readonly waiting: { readonly open: number; readonly overdue: number; readonly fraud: number };
}) {
	return (
		<>
			<h1>Espace gestion</h1>
			<p class="lead">
				Connecté avec l'identifiant <strong>{props.identifier}</strong>, rôle{" "}
				<strong>{STAFF_ROLE_LABELS[props.role]}</strong>.
			</p>
			<ul class="link-list">
				<li>
					{props.waiting.open} demande(s) en attente, dont {props.waiting.overdue} en retard sur leur délai.
				</li>
				<li>{props.waiting.fraud} signalement(s) d'utilisation frauduleuse à traiter.</li>
			</ul>
			<ul class="grid">
				{areasOf(props.role).map((area) => {
					const card = AREAS[area];
					return card ? (
						<li class="card">
							<h2>{card.title}</h2>
							<p>{card.text}</p>
							<p>
								<a href={card.href}>Ouvrir : {card.title}</a>
							</p>
						</li>
					) : null;
				})}
			</ul>
		</>
	);
}
