// The member's attestation de tiers payant (DOMAIN.md §2): the card in force today, the people it
// covers today, and the grid of care domains with the codes and levels the insurer configures per
// offer (offer_card_cells: codes are AMC-specific configuration, shown as configured). The
// datamatrix carries the content of the pavé normalisé; the QR code a signed, expiring token
// for health professionals (card-token.ts).
import { and, asc, desc, eq, gte, isNull, lte, or, type Placeholder, type SQL, sql } from "drizzle-orm";
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
// statements are built once per database (db/prepared.ts); the dates are the stored text. Each
// is built for a member given by id (the member's pages) and by number (a practice's check,
// whose reads run in one batch with its rate-limit counts: ADR 0049).
type MemberRef = SQL | Placeholder;
const BY_ID = sql.placeholder("memberId");
const BY_NUMBER = sql`(SELECT ${sql.identifier("id")} FROM ${members} WHERE ${sql.identifier("member_number")} = ${sql.placeholder("memberNumber")})`;
const day = sql.placeholder("today");
const OFFER = { id: offers.id, label: offers.label, responsible: offers.responsible };

function individualOfferOf(db: Database, member: MemberRef) {
	return db
		.select(OFFER)
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
		.limit(1);
}

function collectiveOfferOf(db: Database, member: MemberRef, unlessIndividual = false) {
	const query = db
		.select(OFFER)
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
		.orderBy(desc(affiliations.startDate));
	if (!unlessIndividual) return query.limit(1);
	// In a batch, where the reads cannot branch, nothing to read when an individual contract
	// applies (offerOf's order, which never reads the affiliation then). A condition in WHERE
	// would still visit the member's affiliations (every affiliation where the statistics make
	// SQLite scan them, as on the demo's data); a LIMIT of 0 ends the statement before its first
	// row (ADR 0052).
	const individual = individualOfferOf(db, member);
	return query.limit(sql`(CASE WHEN EXISTS ${individual} THEN 0 ELSE 1 END)` as unknown as number);
}

function cardInForceOf(db: Database, member: MemberRef) {
	return db
		.select({
			// What the card prints, nothing more (the holder's other fields are not read).
			card: {
				id: tiersPayantCards.id,
				amcNumber: tiersPayantCards.amcNumber,
				conventionType: tiersPayantCards.conventionType,
				routingCriterion: tiersPayantCards.routingCriterion,
				validFrom: tiersPayantCards.validFrom,
				validTo: tiersPayantCards.validTo,
			},
			memberNumber: members.memberNumber,
			holder: { lastName: persons.lastName, firstName: persons.firstName },
		})
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
		.limit(1);
}

function coveredOnOf(db: Database, member: MemberRef) {
	return db
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
		.orderBy(asc(beneficiaries.rank), asc(beneficiaries.id));
}

function cellsWhere(db: Database, offer: SQL | Placeholder) {
	return db
		.select({ code: offerCardCells.domain, value: offerCardCells.value })
		.from(offerCardCells)
		.where(eq(offerCardCells.offerId, offer))
		.orderBy(asc(offerCardCells.id));
}

const individualOffer = preparedFor((db) => individualOfferOf(db, BY_ID).prepare());
const collectiveOffer = preparedFor((db) => collectiveOfferOf(db, BY_ID).prepare());
const cardInForce = preparedFor((db) => cardInForceOf(db, BY_ID).prepare());
const coveredOn = preparedFor((db) => coveredOnOf(db, BY_ID).prepare());
const cellsOf = preparedFor((db) => cellsWhere(db, sql.placeholder("offerId")).prepare());

async function offerOf(db: Database, memberId: number, today: string) {
	const [individual] = await individualOffer(db).all({ memberId, today });
	if (individual) return individual;
	const [collective] = await collectiveOffer(db).all({ memberId, today });
	return collective;
}

type CardRow = Awaited<ReturnType<ReturnType<typeof cardInForce>["all"]>>[number];
type Offer = Awaited<ReturnType<typeof offerOf>>;

function cardOf(
	memberId: number,
	row: CardRow,
	covered: readonly CardBeneficiary[],
	offer: Offer,
	cells: readonly { code: string; value: string }[],
): MemberCard {
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
	return cardOf(memberId, row, covered, offer, cells);
}

// The same reads for a member number, as one batch: the member, its card, the people covered,
// both offers, and the cells of the offer that applies (the individual contract's, else the
// affiliation's: the order of offerOf).
const byNumber = preparedFor((db) => ({
	member: db
		.select({ id: members.id })
		.from(members)
		.where(eq(members.memberNumber, sql.placeholder("memberNumber")))
		.prepare(),
	card: cardInForceOf(db, BY_NUMBER).prepare(),
	covered: coveredOnOf(db, BY_NUMBER).prepare(),
	individual: individualOfferOf(db, BY_NUMBER).prepare(),
	collective: collectiveOfferOf(db, BY_NUMBER, true).prepare(),
	cells: cellsWhere(
		db,
		sql`coalesce((SELECT ${sql.identifier("id")} FROM (${individualOfferOf(db, BY_NUMBER)})), (SELECT ${sql.identifier("id")} FROM (${collectiveOfferOf(db, BY_NUMBER)})))`,
	).prepare(),
}));

/**
 * The batch entries (db/batch.ts) that read the card in force on `today` for a member number;
 * `currentCardOfBatch` makes the card of their results. Meant to share a transaction with other
 * statements of the caller.
 */
export function currentCardEntries(db: Database, memberNumber: string, today: string) {
	const query = byNumber(db);
	const values = { memberNumber, today };
	return [
		{ all: query.member, values },
		{ all: query.card, values },
		{ all: query.covered, values },
		{ all: query.individual, values },
		{ all: query.collective, values },
		{ all: query.cells, values },
	] as const;
}

type Rows<Q extends { all: (...args: never[]) => Promise<unknown> }> = Awaited<ReturnType<Q["all"]>>;
type ByNumber = ReturnType<typeof byNumber>;

/** The member's id (null: no such number) and their card as getCurrentCard gives it. */
export function currentCardOfBatch(
	results: readonly [
		Rows<ByNumber["member"]>,
		Rows<ByNumber["card"]>,
		Rows<ByNumber["covered"]>,
		Rows<ByNumber["individual"]>,
		Rows<ByNumber["collective"]>,
		Rows<ByNumber["cells"]>,
	],
): { memberId: number | null; card: MemberCard | null } {
	const [[member], [row], covered, [individual], [collective], cells] = results;
	if (!member) return { memberId: null, card: null };
	if (!row) return { memberId: member.id, card: null };
	const offer = individual ?? collective;
	return { memberId: member.id, card: cardOf(member.id, row, covered, offer, offer ? cells : []) };
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
