// Employers: companies, their group contracts (contrats collectifs) with one offer per
// catégorie objective, and the affiliations of their employees.
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
	affiliationEndReasons,
	contributionBases,
	coverageOptions,
	dispenseReasons,
	employeeCategories,
	periodicities,
} from "../enums.ts";
import { basisPoints, calendarDate, digits, instant, oneOf } from "./columns.ts";
import { offers } from "./guarantees.ts";
import { members } from "./members.ts";
import { persons } from "./persons.ts";

export const companies = sqliteTable(
	"companies",
	{
		id: integer().primaryKey(),
		siren: text().notNull(),
		/** SIRET of the establishment that signed the contract. */
		siret: text().notNull(),
		name: text().notNull(),
		/** Code NAF/APE, e.g. 10.71C. */
		nafCode: text(),
		addressLine1: text().notNull(),
		addressLine2: text(),
		postalCode: text().notNull(),
		city: text().notNull(),
		inseeCode: text(),
		email: text(),
		phone: text(),
		createdAt: instant().notNull(),
		updatedAt: instant().notNull(),
	},
	(t) => [
		digits("companies_siren_check", t.siren, 9),
		digits("companies_siret_check", t.siret, 14),
		check("companies_siret_siren_check", sql`substr(${t.siret}, 1, 9) = ${t.siren}`),
		uniqueIndex("companies_siret_idx").on(t.siret),
		index("companies_siren_idx").on(t.siren),
		index("companies_name_idx").on(t.name),
	],
);

export const groupContracts = sqliteTable(
	"group_contracts",
	{
		id: integer().primaryKey(),
		number: text().notNull(),
		companyId: integer()
			.notNull()
			.references(() => companies.id),
		startDate: calendarDate().notNull(),
		endDate: calendarDate(),
		endReason: text(),
		contributionPeriodicity: text({ enum: periodicities }).notNull(),
		/** Day of the month of the direct debit (1–28). */
		paymentDay: integer(),
		createdAt: instant().notNull(),
		updatedAt: instant().notNull(),
	},
	(t) => [
		oneOf("group_contracts_periodicity_check", t.contributionPeriodicity, periodicities),
		check(
			"group_contracts_payment_day_check",
			sql`${t.paymentDay} IS NULL OR ${t.paymentDay} BETWEEN 1 AND 28`,
		),
		check("group_contracts_dates_check", sql`${t.endDate} IS NULL OR ${t.endDate} >= ${t.startDate}`),
		uniqueIndex("group_contracts_number_idx").on(t.number),
		index("group_contracts_company_idx").on(t.companyId, t.startDate),
	],
);

/**
 * A catégorie objective of a group contract and its offer. Contributions per option (isolé,
 * duo, famille) read according to `basis`: basis points of the PMSS, or cents per month. The
 * employer pays at least half (L911-7 CSS).
 */
export const groupContractCategories = sqliteTable(
	"group_contract_categories",
	{
		id: integer().primaryKey(),
		groupContractId: integer()
			.notNull()
			.references(() => groupContracts.id),
		category: text({ enum: employeeCategories }).notNull(),
		label: text().notNull(),
		offerId: integer()
			.notNull()
			.references(() => offers.id),
		employerShareBp: basisPoints().notNull(),
		basis: text({ enum: contributionBases }).notNull(),
		isoleValue: integer().notNull(),
		duoValue: integer().notNull(),
		familleValue: integer().notNull(),
	},
	(t) => [
		oneOf("group_contract_categories_category_check", t.category, employeeCategories),
		oneOf("group_contract_categories_basis_check", t.basis, contributionBases),
		check("group_contract_categories_employer_share_check", sql`${t.employerShareBp} BETWEEN 5000 AND 10000`),
		uniqueIndex("group_contract_categories_contract_category_idx").on(t.groupContractId, t.category),
	],
);

/**
 * An employee's affiliation to a group contract, or their dispense (then `option` is null and
 * `dispenseReason` says why). After a qualifying end of employment, coverage goes on until
 * `portabilityEndDate` (portabilité L911-8, 12 months at most).
 */
export const affiliations = sqliteTable(
	"affiliations",
	{
		id: integer().primaryKey(),
		companyId: integer()
			.notNull()
			.references(() => companies.id),
		groupContractId: integer()
			.notNull()
			.references(() => groupContracts.id),
		categoryId: integer()
			.notNull()
			.references(() => groupContractCategories.id),
		personId: integer()
			.notNull()
			.references(() => persons.id),
		/** The member record, when the employee also has an adherent space. */
		memberId: integer().references(() => members.id),
		employeeNumber: text(),
		option: text({ enum: coverageOptions }),
		startDate: calendarDate().notNull(),
		endDate: calendarDate(),
		endReason: text({ enum: affiliationEndReasons }),
		portabilityEndDate: calendarDate(),
		dispenseReason: text({ enum: dispenseReasons }),
		/** Date of the employee's written request for the dispense, which the employer keeps. */
		dispenseRequestedOn: calendarDate(),
		createdAt: instant().notNull(),
		updatedAt: instant().notNull(),
	},
	(t) => [
		oneOf("affiliations_option_check", t.option, coverageOptions),
		oneOf("affiliations_end_reason_check", t.endReason, affiliationEndReasons),
		oneOf("affiliations_dispense_reason_check", t.dispenseReason, dispenseReasons),
		check(
			"affiliations_option_or_dispense_check",
			sql`(${t.option} IS NULL) <> (${t.dispenseReason} IS NULL)`,
		),
		check("affiliations_dates_check", sql`${t.endDate} IS NULL OR ${t.endDate} >= ${t.startDate}`),
		check(
			"affiliations_portability_check",
			sql`${t.portabilityEndDate} IS NULL OR (${t.endDate} IS NOT NULL AND ${t.portabilityEndDate} > ${t.endDate})`,
		),
		index("affiliations_company_idx").on(t.companyId, t.endDate),
		index("affiliations_contract_idx").on(t.groupContractId, t.categoryId),
		index("affiliations_person_idx").on(t.personId),
		index("affiliations_member_idx").on(t.memberId),
	],
);
