// The home page of the espace professionnel de santé: the practice, and the services of the space.
import { withFirstOfMonth } from "../../../core/format.ts";
import type { PracticeSummary } from "../../../core/professionnel/practice.ts";
import { PROFESSION_LABELS } from "../adherent/format.ts";

const DATE_TIME = new Intl.DateTimeFormat("fr-FR", {
	dateStyle: "full",
	timeStyle: "short",
	timeZone: "Europe/Paris",
});

export const PRACTICE_SERVICES = [
	{
		href: "/professionnel/droits",
		title: "Droits d'un adhérent",
		text: "Vérifier les droits en tiers payant d'un patient à la date des soins.",
	},
	{
		href: "/professionnel/factures",
		title: "Factures",
		text: "Les factures de tiers payant envoyées, leur statut et leur détail.",
	},
	{
		href: "/professionnel/paiements",
		title: "Paiements",
		text: "Les virements reçus, les factures qu'ils règlent et les avis de paiement.",
	},
	{
		href: "/professionnel/cabinet",
		title: "Mon cabinet",
		text: "L'identité de votre cabinet, sa convention de tiers payant et ses réseaux de soins.",
	},
	{
		href: "/professionnel/cles-api",
		title: "Clés d'API",
		text: "Les clés du logiciel de votre cabinet pour vérifier les droits.",
	},
	{
		href: "/professionnel/contact",
		title: "Contact",
		text: "Nous écrire et retrouver nos réponses à vos messages.",
	},
	{
		href: "/compte/securite",
		title: "Mon compte",
		text: "Sessions ouvertes, mot de passe, application d'authentification.",
	},
] as const;

export function PracticeDashboard(props: {
	readonly practice: PracticeSummary;
	readonly identifier: string;
	readonly lastSignInAt: Date | null;
}) {
	return (
		<>
			<h1>Espace professionnel de santé</h1>
			<p class="lead">
				{props.practice.name} – {PROFESSION_LABELS[props.practice.profession]}, {props.practice.city}
			</p>
			<p class="muted">
				Identifiant <strong>{props.identifier}</strong>
				{props.lastSignInAt
					? `, dernière connexion : ${withFirstOfMonth(DATE_TIME.format(props.lastSignInAt))}`
					: ""}
				.
			</p>
			<ul class="grid">
				{PRACTICE_SERVICES.map((service) => (
					<li class="card">
						<h2>{service.title}</h2>
						<p>{service.text}</p>
						<p>
							<a href={service.href}>{service.title}</a>
						</p>
					</li>
				))}
			</ul>
		</>
	);
}
