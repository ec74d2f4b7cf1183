// The member's attestation de tiers payant (DOMAIN.md §2): the card in force today, the people it
// covers today, and the grid of care domains with the codes and levels the insurer configures per
// offer (offer_card_cells: codes are AMC-specific configuration, shown as configured). The
// datamatrix carries the content of the pavé normalisé; the QR code a signed, expiring token
// for health professionals (card-token.ts).
import { and, asc, desc, eq, gte, isNull, lte, or, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { preparedFor } from "../../db/prepared.ts";
import type { Relationship } from "../../schema/enums.ts";
import {
	affiliations,
	beneficiaries,
	groupContractCategories,
	individualContracts,
	members,
	offerCardCells,
	offers,
	persons,
	tiersPayantCards,
} from "../../schema/tables/index.ts";
import { parisDayOf } from "../format.ts";
import { cardTokenExpiry, signCardToken } from "./card-token.ts";

/** Meanings of the domain codes confirmed in DOMAIN.md §2; other configured codes show as is. */
export const DOMAIN_LABELS: Readonly<Record<string, string>> = {
	PHAR: "Pharmacie remboursable",
	OPAU: "Optique et audioprothèse",
	DEPR: "Prothèses dentaires",
	PHCN: "Pharmacie (30 % et 65 %)",
};

export interface CardBeneficiary {
	readonly id: number;
	readonly lastName: string;
	readonly firstName: string;
	readonly relationship: Relationship;
	readonly birthDate: string;
	readonly nir: string | null;
}

export interface CardDomain {
	readonly code: string;
	readonly label: string | null;
	readonly value: string;
}

export interface MemberCard {
	readonly id: number;
	readonly memberId: number;
	readonly memberNumber: string;
	readonly amcNumber: string;
	readonly conventionType: string;
	readonly routingCriterion: string;
	readonly validFrom: string;
	readonly validTo: string;
	readonly holder: { readonly lastName: string; readonly firstName: string };
	readonly offer: { readonly label: string; readonly responsible: boolean } | null;
	readonly beneficiaries: readonly CardBeneficiary[];
	readonly domains: readonly CardDomain[];
}

const OFFSET = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Paris", timeZoneName: "longOffset" });

/** The instant a Paris calendar day begins (`YYYY-MM-DD`). */
export function parisDayStart(day: string): Date {
	const utcMidnight = Date.parse(`${day}T00:00:00Z`);
	// Two hours before UTC midnight is around midnight in Paris, never near a DST change (2–3 am).
	const name = OFFSET.formatToParts(new Date(utcMidnight - 2 * 3_600_000)).find(
		(part) => part.type === "timeZoneName",
	)?.value;
	const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? "");
	const offsetMs = match
		? (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) * 60_000
		: 0;
	return new Date(utcMidnight - offsetMs);
}

/** The end of the card's last valid day in Paris (the validity period includes `validTo`). */
export function cardValidUntil(card: Pick<MemberCard, "validTo">): Date {
	const next = new Date(`${card.validTo}T00:00:00Z`);
	next.setUTCDate(next.getUTCDate() + 1);
	return parisDayStart(next.toISOString().slice(0, 10));
}

// The card is read on every page of the card and on every rights check of a practice: its
// statements are built once per database (db/prepared.ts); the dates are the stored text.
const member = sql.placeholder("memberId");
const day = sql.placeholder("today");

const individualOffer = preparedFor((db) =>
	db
		.select({ id: offers.id, label: offers.label, responsible: offers.responsible })
		.from(individualContracts)
		.innerJoin(offers, eq(offers.id, individualContracts.offerId))
		.where(
			and(
				eq(individualContracts.memberId, member),
				lte(individualContracts.startDate, day),
				or(isNull(individualContracts.endDate), gte(individualContracts.endDate, day)),
			),
		)
		.orderBy(desc(individualContracts.startDate))
		.limit(1)
		.prepare(),
);

const collectiveOffer = preparedFor((db) =>
	db
		.select({ id: offers.id, label: offers.label, responsible: offers.responsible })
		.from(affiliations)
		.innerJoin(groupContractCategories, eq(groupContractCategories.id, affiliations.categoryId))
		.innerJoin(offers, eq(offers.id, groupContractCategories.offerId))
		.where(
			and(
				eq(affiliations.memberId, member),
				lte(affiliations.startDate, day),
				or(
					isNull(affiliations.endDate),
					gte(affiliations.endDate, day),
					gte(affiliations.portabilityEndDate, day),
				),
			),
		)
		.orderBy(desc(affiliations.startDate))
		.limit(1)
		.prepare(),
);

async function offerOf(db: Database, memberId: number, today: string) {
	const [individual] = await individualOffer(db).all({ memberId, today });
	if (individual) return individual;
	const [collective] = await collectiveOffer(db).all({ memberId, today });
	return collective;
}

const cardInForce = preparedFor((db) =>
	db
		.select({ card: tiersPayantCards, memberNumber: members.memberNumber, holder: persons })
		.from(tiersPayantCards)
		.innerJoin(members, eq(members.id, tiersPayantCards.memberId))
		.innerJoin(persons, eq(persons.id, members.personId))
		.where(
			and(
				eq(tiersPayantCards.memberId, member),
				lte(tiersPayantCards.validFrom, day),
				gte(tiersPayantCards.validTo, day),
			),
		)
		.orderBy(desc(tiersPayantCards.validFrom), desc(tiersPayantCards.issuedAt))
		.limit(1)
		.prepare(),
);

const coveredOn = preparedFor((db) =>
	db
		.select({
			id: beneficiaries.id,
			lastName: persons.lastName,
			firstName: persons.firstName,
			relationship: beneficiaries.relationship,
			birthDate: persons.birthDate,
			nir: persons.nir,
		})
		.from(beneficiaries)
		.innerJoin(persons, eq(persons.id, beneficiaries.personId))
		.where(
			and(
				eq(beneficiaries.memberId, member),
				lte(beneficiaries.startDate, day),
				or(isNull(beneficiaries.endDate), gte(beneficiaries.endDate, day)),
			),
		)
		.orderBy(asc(beneficiaries.rank), asc(beneficiaries.id))
		.prepare(),
);

const cellsOf = preparedFor((db) =>
	db
		.select({ code: offerCardCells.domain, value: offerCardCells.value })
		.from(offerCardCells)
		.where(eq(offerCardCells.offerId, sql.placeholder("offerId")))
		.orderBy(asc(offerCardCells.id))
		.prepare(),
);

/** The card in force on `today` (Paris day) with what it prints, or null when there is none. */
export async function getCurrentCard(
	db: Database,
	memberId: number,
	today: string,
): Promise<MemberCard | null> {
	const [row] = await cardInForce(db).all({ memberId, today });
	if (!row) return null;
	const covered = await coveredOn(db).all({ memberId, today });
	const offer = await offerOf(db, memberId, today);
	const cells = offer ? await cellsOf(db).all({ offerId: offer.id }) : [];
	return {
		id: row.card.id,
		memberId,
		memberNumber: row.memberNumber,
		amcNumber: row.card.amcNumber,
		conventionType: row.card.conventionType,
		routingCriterion: row.card.routingCriterion,
		validFrom: row.card.validFrom,
		validTo: row.card.validTo,
		holder: { lastName: row.holder.lastName, firstName: row.holder.firstName },
		offer: offer ? { label: offer.label, responsible: offer.responsible } : null,
		beneficiaries: covered,
		domains: cells.map((cell) => ({ ...cell, label: DOMAIN_LABELS[cell.code] ?? null })),
	};
}

/**
 * What the datamatrix carries: the five fields of the pavé normalisé, in a compact key=value
 * form (no personal data beyond the member number, as on the pavé itself). The exact Inter-AMC
 * encoding is not in our sources; this one is documented for readers of the code.
 */
export function datamatrixContent(card: MemberCard): string {
	const compact = (day: string) => day.replaceAll("-", "");
	return [
		`AMC=${card.amcNumber}`,
		`CONV=${card.conventionType}`,
		`CSR=${card.routingCriterion}`,
		`ADH=${card.memberNumber}`,
		`VAL=${compact(card.validFrom)}-${compact(card.validTo)}`,
	].join(";");
}

export interface ProfessionalAccess {
	readonly token: string;
	readonly url: string;
	readonly expiresAt: Date;
	/** The last Paris day the link works, included (`YYYY-MM-DD`). */
	readonly lastDay: string;
}

/** The signed link of the QR code, for the professional's side (`/professionnel/carte/<jeton>`). */
export function professionalAccess(
	card: MemberCard,
	secret: string,
	publicUrl: URL,
	now: Date,
): ProfessionalAccess {
	const expiresAt = cardTokenExpiry(cardValidUntil(card), now);
	const token = signCardToken({ cardId: card.id, memberId: card.memberId, expiresAt }, secret);
	const url = new URL(`/professionnel/carte/${token}`, publicUrl).href;
	return { token, url, expiresAt, lastDay: parisDayOf(new Date(expiresAt.getTime() - 1)) };
}

/** "295109912611193" → "2 95 10 99 126 111 93", as printed on a carte Vitale. */
export function formatNir(nir: string): string {
	return [
		nir.slice(0, 1),
		nir.slice(1, 3),
		nir.slice(3, 5),
		nir.slice(5, 7),
		nir.slice(7, 10),
		nir.slice(10, 13),
		nir.slice(13),
	].join(" ");
}
