// The French words of the activity log: what each audited action means to the person reading
// their own log, and who acted. An action the portal does not name yet reads as a generic
// operation with its code, rather than being hidden: the log shows everything the trail holds.
import type { ActivityActor, ActivityKind, ActivityLine } from "../../../core/activity.ts";

export const KIND_LABELS: Readonly<Record<ActivityKind, string>> = {
	connexion: "Connexions",
	consultation: "Consultations et téléchargements",
	operation: "Opérations",
};

export const ACTOR_LABELS: Readonly<Record<ActivityActor, string>> = {
	self: "Vous",
	colleague: "Un autre administrateur de votre compte",
	someone_with_identifier: "Une personne utilisant votre identifiant",
	staff: "Un gestionnaire de la mutuelle",
	professional: "Un professionnel de santé (vérification de vos droits)",
	employer: "Votre employeur",
	worker: "Traitement automatique de la mutuelle",
	other: "Un autre compte",
};

const ACTIONS: Readonly<Record<string, string>> = {
	"auth.sign_in.password": "Saisie du mot de passe",
	"auth.sign_in.completed": "Connexion réussie",
	"auth.sign_in.second_factor": "Code de vérification refusé",
	"auth.sign_in.throttled": "Connexion bloquée temporairement après plusieurs échecs",
	"auth.sign_in": "Connexion",
	"auth.sign_out": "Déconnexion",
	"auth.sign_up": "Création du compte",
	"auth.account.activated": "Activation du compte",
	"auth.password_reset.requested": "Demande de nouveau mot de passe",
	"auth.password_reset.completed": "Nouveau mot de passe choisi",
	"auth.passkey.sign_in": "Connexion avec une clé d'accès",
	"auth.federation.sign_in": "Connexion par un fournisseur d'identité",
	"account.password.changed": "Mot de passe modifié",
	"account.totp.enabled": "Application d'authentification activée",
	"account.totp.disabled": "Application d'authentification désactivée",
	"account.email_change.requested": "Demande de changement d'adresse e-mail",
	"account.email.changed": "Adresse e-mail modifiée",
	"account.session.ended": "Session fermée",
	"account.sessions.ended_others": "Autres sessions fermées",
	"account.fraud_report": "Signalement d'une utilisation frauduleuse",
	"account.state.suspend": "Compte suspendu",
	"account.state.reopen": "Compte rouvert",
	"account.state.close": "Compte fermé",
	"account.deletion.requested": "Demande de suppression du compte",
	"account.deletion.cancelled": "Demande de suppression annulée",
	"account.notifications.changed": "Préférences d'alertes modifiées",
	"account.passkey.registered": "Clé d'accès ajoutée",
	"account.passkey.revoked": "Clé d'accès supprimée",
	"account.federation.linked": "Identité numérique (FranceConnect, Pro Santé Connect) reliée",
	"account.federation.unlinked": "Identité numérique déliée",
	"cgu.accepted": "Conditions d'utilisation acceptées",
	"adherent.statement.downloaded": "Téléchargement d'un relevé de prestations",
	"adherent.statements.paper_preference": "Choix du relevé papier ou en ligne",
	"adherent.guarantees.downloaded": "Téléchargement du tableau de garanties",
	"adherent.reimbursements.exported": "Export des remboursements",
	"adherent.reimbursement.reported": "Remboursement signalé comme non reconnu",
	"adherent.complaint.filed": "Réclamation déposée",
	"adherent.beneficiary.add_requested": "Demande d'ajout d'un bénéficiaire",
	"adherent.beneficiary.remove_requested": "Demande de retrait d'un bénéficiaire",
	"adherent.beneficiary_request.accepted": "Demande de bénéficiaire acceptée",
	"adherent.beneficiary_request.rejected": "Demande de bénéficiaire refusée",
	"gestion.complaint.in_progress": "Réclamation prise en charge",
	"gestion.complaint.answered": "Réponse à votre réclamation",
	"gestion.complaint.closed": "Réclamation clôturée",
	"worker.account.closed": "Fermeture du compte à l'échéance",
	"worker.account.deleted": "Suppression du compte",
};

/** Sections of the private spaces, by the start of their route pattern. */
const PAGES: readonly (readonly [string, string])[] = [
	["/adherent/releves", "vos relevés de prestations"],
	["/adherent/remboursements", "vos remboursements"],
	["/adherent/garanties", "vos garanties"],
	["/adherent/beneficiaires", "vos bénéficiaires"],
	["/adherent/carte", "votre carte de tiers payant"],
	["/adherent/reclamations", "vos réclamations"],
	["/compte/activite", "votre activité"],
	["/compte/alertes", "vos alertes"],
	["/compte", "votre compte"],
	["/employeur", "votre espace employeur"],
	["/professionnel", "votre espace professionnel"],
	["/api/v1", "l'application mobile (API)"],
];

function pageLabel(route: string): string {
	if (route === "/adherent" || route === "/adherent/") return "Consultation du tableau de bord";
	const match = PAGES.find(([prefix]) => route === prefix || route.startsWith(`${prefix}/`));
	return match ? `Consultation de ${match[1]}` : `Consultation d'une page (${route})`;
}

const OUTCOMES = { success: "", failure: " : échec", denied: " : refusé" } as const;

export function activityLabel(line: ActivityLine): string {
	const base =
		line.page !== null ? pageLabel(line.page) : (ACTIONS[line.action] ?? `Opération (${line.action})`);
	return `${base}${OUTCOMES[line.outcome]}`;
}
