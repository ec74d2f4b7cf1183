// The words and date formats of the back-office pages, in one place.
import type { DeadlineKind } from "../../../core/gestion/queue.ts";
import type { AccountState, RequestStatus, Space } from "../../../schema/enums.ts";

export const DAY = new Intl.DateTimeFormat("fr-FR", {
	day: "2-digit",
	month: "2-digit",
	year: "numeric",
	timeZone: "Europe/Paris",
});

export const DATE_TIME = new Intl.DateTimeFormat("fr-FR", {
	dateStyle: "short",
	timeStyle: "short",
	timeZone: "Europe/Paris",
});

export const STATE_LABELS: Readonly<Record<AccountState, string>> = {
	pending: "En attente d'activation",
	active: "Actif",
	suspended: "Suspendu",
	closed: "Fermé",
	deleted: "Supprimé",
};

export const SPACE_LABELS: Readonly<Record<Space, string>> = {
	adherent: "Adhérent",
	employeur: "Employeur",
	professionnel: "Professionnel de santé",
	gestionnaire: "Gestion",
};

export const REQUEST_STATUS_LABELS: Readonly<Record<RequestStatus, string>> = {
	received: "Reçue",
	acknowledged: "Accusé de réception envoyé",
	in_progress: "En cours",
	answered: "Répondue",
	rejected: "Refusée",
	cancelled: "Annulée",
	closed: "Clôturée",
};

export const DEADLINE_LABELS: Readonly<Record<DeadlineKind, string>> = {
	acknowledge: "Accusé de réception",
	answer: "Réponse",
	target: "Objectif de traitement",
};

export const STATE_ACTION_LABELS: Readonly<Record<string, string>> = {
	"account.state.suspend": "Suspension",
	"account.state.reopen": "Réouverture",
	"account.state.close": "Fermeture",
	"account.fraud_report": "Signalement d'utilisation frauduleuse",
};
