// Adhérents, their individual contracts and the beneficiaries those contracts cover.
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { contractEndReasons, paymentMethods, periodicities, relationships } from "../enums.ts";
import { calendarDate, cents, flag, instant, oneOf } from "./columns.ts";
import { offers } from "./guarantees.ts";
import { persons } from "./persons.ts";

export const members = sqliteTable(
	"members",
	{
		id: integer().primaryKey(),
		/** Numéro d'adhérent, printed on the card: digits only, kept as text. */
		memberNumber: text().notNull(),
		personId: integer()
			.notNull()
			.references(() => persons.id),
		/** The member asked for paper statements as well as the online ones. */
		paperStatements: flag().notNull().default(false),
		addressLine1: text().notNull(),
		addressLine2: text(),
		postalCode: text().notNull(),
		city: text().notNull(),
		/** INSEE code of the commune of residence, when known. */
		inseeCode: text(),
		countryCode: text().notNull().default("FR"),
		email: text(),
		phone: text(),
		createdAt: instant().notNull(),
		updatedAt: instant().notNull(),
	},
	(t) => [
		check(
			"members_member_number_check",
			sql`${t.memberNumber} <> '' AND ${t.memberNumber} NOT GLOB '*[^0-9]*'`,
		),
		uniqueIndex("members_member_number_idx").on(t.memberNumber),
		index("members_person_idx").on(t.personId),
		index("members_email_idx").on(t.email),
	],
);

export const individualContracts = sqliteTable(
	"individual_contracts",
	{
		id: integer().primaryKey(),
		number: text().notNull(),
		memberId: integer()
			.notNull()
			.references(() => members.id),
		offerId: integer()
			.notNull()
			.references(() => offers.id),
		startDate: calendarDate().notNull(),
		endDate: calendarDate(),
		endReason: text({ enum: contractEndReasons }),
		/** Contribution per period, all beneficiaries included. */
		contributionCents: cents().notNull(),
		contributionPeriodicity: text({ enum: periodicities }).notNull(),
		paymentMethod: text({ enum: paymentMethods }).notNull(),
		/** Day of the month of the direct debit (1–28); the mandate is in bank_mandates. */
		paymentDay: integer(),
		/** Account where reimbursements are paid. Stored whole for payments; pages show only the last 4. */
		reimbursementIban: text(),
		reimbursementIbanLast4: text(),
		reimbursementBic: text(),
		reimbursementHolder: text(),
		createdAt: instant().notNull(),
		updatedAt: instant().notNull(),
	},
	(t) => [
		oneOf("individual_contracts_end_reason_check", t.endReason, contractEndReasons),
		oneOf("individual_contracts_periodicity_check", t.contributionPeriodicity, periodicities),
		oneOf("individual_contracts_payment_method_check", t.paymentMethod, paymentMethods),
		check(
			"individual_contracts_payment_day_check",
			sql`${t.paymentDay} IS NULL OR ${t.paymentDay} BETWEEN 1 AND 28`,
		),
		check("individual_contracts_contribution_check", sql`${t.contributionCents} >= 0`),
		check("individual_contracts_dates_check", sql`${t.endDate} IS NULL OR ${t.endDate} >= ${t.startDate}`),
		check(
			"individual_contracts_iban_last4_check",
			sql`${t.reimbursementIbanLast4} IS NULL OR length(${t.reimbursementIbanLast4}) = 4`,
		),
		uniqueIndex("individual_contracts_number_idx").on(t.number),
		index("individual_contracts_member_idx").on(t.memberId, t.startDate),
		index("individual_contracts_offer_idx").on(t.offerId),
		index("individual_contracts_end_idx").on(t.endDate),
	],
);

export const beneficiaries = sqliteTable(
	"beneficiaries",
	{
		id: integer().primaryKey(),
		memberId: integer()
			.notNull()
			.references(() => members.id),
		personId: integer()
			.notNull()
			.references(() => persons.id),
		relationship: text({ enum: relationships }).notNull(),
		startDate: calendarDate().notNull(),
		endDate: calendarDate(),
		/** Order on the card and the statements (the adherent first). */
		rank: integer().notNull(),
		createdAt: instant().notNull(),
		updatedAt: instant().notNull(),
	},
	(t) => [
		oneOf("beneficiaries_relationship_check", t.relationship, relationships),
		check("beneficiaries_dates_check", sql`${t.endDate} IS NULL OR ${t.endDate} >= ${t.startDate}`),
		index("beneficiaries_member_idx").on(t.memberId, t.rank),
		index("beneficiaries_person_idx").on(t.personId),
	],
);

/** Attestations de tiers payant issued to a member (DOMAIN.md §2): one per validity period. */
export const tiersPayantCards = sqliteTable(
	"tiers_payant_cards",
	{
		id: integer().primaryKey(),
		memberId: integer()
			.notNull()
			.references(() => members.id),
		validFrom: calendarDate().notNull(),
		validTo: calendarDate().notNull(),
		amcNumber: text().notNull(),
		conventionType: text().notNull(),
		routingCriterion: text().notNull(),
		issuedAt: instant().notNull(),
	},
	(t) => [
		check("tiers_payant_cards_dates_check", sql`${t.validTo} >= ${t.validFrom}`),
		index("tiers_payant_cards_member_idx").on(t.memberId, t.validFrom),
	],
);
