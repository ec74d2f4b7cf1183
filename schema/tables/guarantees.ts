// Offers (Essentielle, Confort, Intégrale…), their guarantee tables by version and the lines of
// each table by care category, plus what the card prints per domain.
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { guaranteeKinds, guaranteePeriods, offerKinds } from "../enums.ts";
import { acts, careCategories } from "./care.ts";
import { calendarDate, cents, flag, oneOf } from "./columns.ts";

export const offers = sqliteTable(
	"offers",
	{
		id: integer().primaryKey(),
		code: text().notNull(),
		label: text().notNull(),
		kind: text({ enum: offerKinds }).notNull(),
		/** Contrat responsable et solidaire (the card shows an "R"). */
		responsible: flag().notNull().default(true),
		sortOrder: integer().notNull().default(0),
	},
	(t) => [oneOf("offers_kind_check", t.kind, offerKinds), uniqueIndex("offers_code_idx").on(t.code)],
);

export const guaranteeTables = sqliteTable(
	"guarantee_tables",
	{
		id: integer().primaryKey(),
		offerId: integer()
			.notNull()
			.references(() => offers.id),
		label: text().notNull(),
		effectiveFrom: calendarDate().notNull(),
		effectiveTo: calendarDate(),
	},
	(t) => [
		check(
			"guarantee_tables_dates_check",
			sql`${t.effectiveTo} IS NULL OR ${t.effectiveTo} > ${t.effectiveFrom}`,
		),
		uniqueIndex("guarantee_tables_offer_from_idx").on(t.offerId, t.effectiveFrom),
	],
);

/**
 * One line of a guarantee table. `value` reads according to `kind` (enums.ts): basis points of
 * the BR for percent_br, cents for flat and ceiling, unused for basket_100_sante and actual_cost.
 * `ceilingCents` caps what the mutuelle pays per `period`; `actCode` narrows a line to one act
 * (e.g. audio classe I) within its category.
 */
export const guaranteeLines = sqliteTable(
	"guarantee_lines",
	{
		id: integer().primaryKey(),
		tableId: integer()
			.notNull()
			.references(() => guaranteeTables.id, { onDelete: "cascade" }),
		categoryCode: text()
			.notNull()
			.references(() => careCategories.code),
		actCode: text().references(() => acts.code),
		label: text().notNull(),
		kind: text({ enum: guaranteeKinds }).notNull(),
		value: integer().notNull().default(0),
		ceilingCents: cents(),
		period: text({ enum: guaranteePeriods }).notNull().default("per_act"),
		sortOrder: integer().notNull().default(0),
	},
	(t) => [
		oneOf("guarantee_lines_kind_check", t.kind, guaranteeKinds),
		oneOf("guarantee_lines_period_check", t.period, guaranteePeriods),
		check("guarantee_lines_value_check", sql`${t.value} >= 0`),
		index("guarantee_lines_table_idx").on(t.tableId, t.categoryCode, t.sortOrder),
	],
);

/** A cell of the card's guarantee grid: domain code (PHAR, OPAU…) and the value printed. */
export const offerCardCells = sqliteTable(
	"offer_card_cells",
	{
		id: integer().primaryKey(),
		offerId: integer()
			.notNull()
			.references(() => offers.id),
		domain: text().notNull(),
		value: text().notNull(),
	},
	(t) => [uniqueIndex("offer_card_cells_offer_domain_idx").on(t.offerId, t.domain)],
);
