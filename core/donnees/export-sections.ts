// The files of the export and what each holds, in French: the README of the archive is written
// from this list, so that a section cannot be added without its description.

export const EXPORT_SECTIONS = [
	{
		name: "compte",
		description:
			"Votre compte : identifiant, espace, adresse e-mail, état, dates de création, d'activation et de dernière connexion, méthode de second facteur.",
	},
	{
		name: "identite",
		description:
			"Votre identité et vos coordonnées d'adhérent : nom, prénom, date de naissance, sexe, numéro de sécurité sociale (NIR), adresse postale, e-mail, téléphone.",
	},
	{
		name: "entreprise",
		description:
			"L'entreprise rattachée à votre compte employeur : raison sociale, SIREN, SIRET, adresse et coordonnées.",
	},
	{
		name: "professionnel",
		description:
			"Votre fiche de professionnel de santé : identifiants RPPS ou FINESS, nom, profession, convention de tiers payant, adresse et coordonnées.",
	},
	{
		name: "contact",
		description: "La personne de contact rattachée à votre compte : nom, prénom, date de naissance.",
	},
	{
		name: "contrats",
		description:
			"Vos contrats : numéro, offre, dates de début et de fin, cotisation (en centimes d'euro), mode de paiement. Seuls les 4 derniers caractères de l'IBAN figurent ici ; l'IBAN complet vous est communiqué sur demande au délégué à la protection des données.",
	},
	{
		name: "beneficiaires",
		description:
			"Les bénéficiaires de vos contrats : nom, prénom, date de naissance, NIR, lien avec vous, période de couverture.",
	},
	{
		name: "remboursements",
		description:
			"Chaque acte remboursé : date des soins, bénéficiaire, acte, professionnel, montants en centimes d'euro (dépense, base, part de la Sécurité sociale, participation forfaitaire, franchise, part de la mutuelle, reste à charge), destinataire et date du paiement.",
	},
	{
		name: "releves",
		description:
			"Vos relevés de prestations mensuels : mois, date de publication, totaux en centimes d'euro, date d'envoi papier le cas échéant.",
	},
	{
		name: "paiements",
		description:
			"Les virements de remboursement qui vous ont été faits : date, montant en centimes d'euro, référence, 4 derniers caractères de l'IBAN, statut.",
	},
	{
		name: "cartes",
		description:
			"Vos attestations de tiers payant : période de validité, numéro AMC, type de convention, critère de routage.",
	},
	{
		name: "mandats",
		description:
			"Vos mandats de prélèvement SEPA : référence unique (RUM), 4 derniers caractères de l'IBAN, titulaire, date de signature, statut.",
	},
	{
		name: "demandes",
		description:
			"Vos demandes (réclamations, bénéficiaires, données personnelles, suppression de compte…) : référence, type, contenu, statut, échéances et réponse.",
	},
	{
		name: "historique_demandes",
		description: "L'historique de chaque demande : chaque changement de statut, sa date et sa note.",
	},
	{
		name: "documents",
		description:
			"Les pièces jointes que vous avez déposées : nom, type, taille, empreinte SHA-256, date de dépôt (le contenu des fichiers n'est pas inclus).",
	},
	{
		name: "consentements",
		description:
			"Vos choix sur la prospection commerciale et le profilage, chacun daté : le plus récent s'applique.",
	},
	{
		name: "directives",
		description:
			"Vos directives pour après votre décès et la personne chargée de les exécuter, avec leurs dates d'enregistrement et de révocation.",
	},
	{
		name: "cgu",
		description:
			"Les versions des conditions générales d'utilisation que vous avez acceptées, la date et la capacité déclarée.",
	},
	{
		name: "sessions",
		description:
			"Vos sessions de connexion : début, dernière utilisation, appareil et lieu approximatif (jamais votre adresse IP).",
	},
	{
		name: "identites_numeriques",
		description:
			"Les identités numériques (FranceConnect, Pro Santé Connect) reliées à votre compte : le fournisseur, l'identifiant qu'il nous transmet, les dates de liaison et de dernière connexion.",
	},
	{
		name: "journal",
		description:
			"Le journal de ce qui a été fait par votre compte ou à son sujet (consultations, opérations), avec sa date et son résultat. Il sert de preuve (article 3 des conditions d'utilisation).",
	},
] as const satisfies readonly { readonly name: string; readonly description: string }[];

export type ExportSectionName = (typeof EXPORT_SECTIONS)[number]["name"];
