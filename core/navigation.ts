// The public pages, named once: the header navigation, the footer and the home page read them.

export interface Link {
	readonly href: string;
	readonly label: string;
}

export const mainNavigation: readonly Link[] = [
	{ href: "/", label: "Accueil" },
	{ href: "/informations", label: "Informations" },
	{ href: "/cgu", label: "Conditions d'utilisation" },
	{ href: "/donnees-personnelles", label: "Données personnelles" },
	{ href: "/informations/contact", label: "Contact" },
];

export const informationPages: readonly (Link & { readonly description: string })[] = [
	{
		href: "/informations/tiers-payant",
		label: "Le tiers payant",
		description: "Ne pas avancer les frais chez les professionnels de santé, avec la carte de tiers payant.",
	},
	{
		href: "/informations/garanties-et-remboursements",
		label: "Garanties et remboursements",
		description: "Comment un remboursement est calculé, avec des exemples chiffrés.",
	},
	{
		href: "/informations/reseau-de-soins",
		label: "Le réseau de soins Kalixia",
		description: "Des opticiens, audioprothésistes et dentistes partenaires, à tarifs négociés.",
	},
	{
		href: "/informations/contact",
		label: "Nous contacter",
		description: "Adresses postales, réclamation et médiation.",
	},
];

/**
 * RGAA 4.1 compliance state, shown in the footer and on /accessibilite. Without a valid
 * conformity audit the RGAA only allows "non conforme"; change it once an audit has been made
 * ("partiellement conforme" from 50 % of the criteria met, "totalement conforme" at 100 %).
 */
export type AccessibilityStatus = "non conforme" | "partiellement conforme" | "totalement conforme";
export const accessibilityStatus: AccessibilityStatus = "non conforme";

export const footerGroups: readonly { readonly title: string; readonly links: readonly Link[] }[] = [
	{
		title: "Informations",
		links: [
			{ href: "/informations", label: "Toutes les informations" },
			...informationPages.map(({ href, label }) => ({ href, label })),
		],
	},
	{
		title: "Conditions d'utilisation",
		links: [
			{ href: "/cgu", label: "Conditions générales d'utilisation" },
			{ href: "/cgu/versions", label: "Versions des conditions d'utilisation" },
			{ href: "/cgu/engagements", label: "Nos engagements, article par article" },
		],
	},
	{
		title: "Vos droits",
		links: [
			{ href: "/donnees-personnelles", label: "Données personnelles" },
			{ href: "/cookies", label: "Cookies" },
			{ href: "/accessibilite", label: `Accessibilité : ${accessibilityStatus}` },
			{ href: "/mentions-legales", label: "Mentions légales" },
			{ href: "/etat-du-service", label: "État du service" },
		],
	},
];
