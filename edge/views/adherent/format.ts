// Formatting at the edge of the views (STYLE.md 5), shared by the pages of the espace adhérent:
// money from integer cents ("12,50 €"), calendar days ("26/11/2026"), months ("octobre 2026"),
// rates from basis points ("70 %"), instants in Paris time, and the French words of a few codes.
// Calendar days carry no time zone: they are formatted at UTC midnight, so that no server zone
// can move them to the day before.
import type { Payee, Profession, RequestStatus } from "../../../schema/enums.ts";

const MONEY = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });
// No grouping: spreadsheets read "1234,50" as a number, not "1 234,50".
const PLAIN_AMOUNT = new Intl.NumberFormat("fr-FR", {
	minimumFractionDigits: 2,
	maximumFractionDigits: 2,
	useGrouping: false,
});
const RATE = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 2 });
const DAY = new Intl.DateTimeFormat("fr-FR", {
	timeZone: "UTC",
	day: "2-digit",
	month: "2-digit",
	year: "numeric",
});
const MONTH = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", month: "long", year: "numeric" });
const INSTANT = new Intl.DateTimeFormat("fr-FR", {
	timeZone: "Europe/Paris",
	day: "2-digit",
	month: "2-digit",
	year: "numeric",
	hour: "2-digit",
	minute: "2-digit",
});
const PARIS_DAY = new Intl.DateTimeFormat("en-CA", {
	timeZone: "Europe/Paris",
	year: "numeric",
	month: "2-digit",
	day: "2-digit",
});

/** 1250 → "12,50 €" (non-breaking spaces, as French typography wants). */
export function formatMoney(cents: number): string {
	return MONEY.format(cents / 100);
}

/** 123450 → "1234,50": an amount for a spreadsheet cell, without grouping or currency. */
export function formatPlainAmount(cents: number): string {
	return PLAIN_AMOUNT.format(cents / 100);
}

/** 6500 basis points → "65 %". */
export function formatRate(basisPoints: number): string {
	return RATE.format(basisPoints / 10_000);
}

/** "2026-11-26" → "26/11/2026". */
export function formatDate(day: string): string {
	return DAY.format(new Date(`${day}T00:00:00Z`));
}

/** "2026-10" → "octobre 2026". */
export function formatMonth(month: string): string {
	return MONTH.format(new Date(`${month}-01T00:00:00Z`));
}

/** An instant, in Paris: "26/11/2026 10:05". */
export function formatInstant(instant: Date): string {
	return INSTANT.format(instant).replace(" ", " à ");
}

/** The calendar day in Paris at this instant, `YYYY-MM-DD`. */
export function parisDayOf(instant: Date): string {
	return PARIS_DAY.format(instant);
}

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
