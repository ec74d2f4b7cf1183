// Formatting at the edge of the views (STYLE.md 5), shared by the pages of the espace adhérent:
// money from integer cents ("12,50 €"), calendar days ("26/11/2026"), months ("octobre 2026"),
// rates from basis points ("70 %"), instants in Paris time, and the French words of a few codes.
// Calendar days carry no time zone: they are formatted at UTC midnight, so that no server zone
// can move them to the day before.
import type { Payee, Profession, RequestStatus } from "../../../schema/enums.ts";

// Money, days, months, rates, instants and "today in Paris" are the shared formatters of
// core/format.ts; this file adds the French words of a few codes.
export {
	formatCents as formatMoney,
	formatDay as formatDate,
	formatInstant,
	formatMonth,
	formatPlainAmount,
	formatRate,
	parisDayOf,
} from "../../../core/format.ts";

export const PROFESSION_LABELS: Readonly<Record<Profession, string>> = {
	medecin_generaliste: "Médecin généraliste",
	medecin_specialiste: "Médecin spécialiste",
	chirurgien_dentiste: "Chirurgien-dentiste",
	pharmacien: "Pharmacie",
	infirmier: "Infirmier",
	masseur_kinesitherapeute: "Masseur-kinésithérapeute",
	sage_femme: "Sage-femme",
	opticien: "Opticien",
	audioprothesiste: "Audioprothésiste",
	laboratoire: "Laboratoire d'analyses",
	radiologie: "Radiologie",
	etablissement_sante: "Établissement de santé",
};

/** Who received the mutuelle's share: the member, or the professional in tiers payant. */
export const PAYEE_LABELS: Readonly<Record<Payee, string>> = {
	member: "Vous",
	professional: "Le professionnel (tiers payant)",
};

export const REQUEST_STATUS_LABELS: Readonly<Record<RequestStatus, string>> = {
	received: "Reçue",
	acknowledged: "Prise en compte",
	in_progress: "En cours de traitement",
	answered: "Répondue",
	rejected: "Refusée",
	cancelled: "Annulée",
	closed: "Clôturée",
};
