// The nomenclature: care categories (the rows of a guarantee table and of the card) and acts
// with their Sécurité sociale tariffs, which change by date.
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { careBaskets, deductionKinds } from "../enums.ts";
import { basisPoints, calendarDate, cents, oneOf } from "./columns.ts";

export const careCategories = sqliteTable("care_categories", {
	code: text().primaryKey(),
	label: text().notNull(),
	/** Domain code printed on the tiers-payant card (PHAR, OPAU, DEPR…), when the category has one. */
	cardDomain: text(),
	sortOrder: integer().notNull(),
});

export const acts = sqliteTable(
	"acts",
	{
		code: text().primaryKey(),
		label: text().notNull(),
		categoryCode: text()
			.notNull()
			.references(() => careCategories.code),
		/** Current SS rate; act_tariffs holds the rate in force at a given date. */
		ssRateBp: basisPoints().notNull(),
		/** What the SS keeps on this act (participation forfaitaire, franchise), if anything. */
		deduction: text({ enum: deductionKinds }),
		basket: text({ enum: careBaskets }).notNull().default("none"),
	},
	(t) => [
		oneOf("acts_deduction_check", t.deduction, deductionKinds),
		oneOf("acts_basket_check", t.basket, careBaskets),
		check("acts_ss_rate_check", sql`${t.ssRateBp} BETWEEN 0 AND 10000`),
		index("acts_category_idx").on(t.categoryCode),
	],
);

/** Tariff of an act over a period [effectiveFrom, effectiveTo): BR, SS rate, 100 % Santé price limit. */
export const actTariffs = sqliteTable(
	"act_tariffs",
	{
		id: integer().primaryKey(),
		actCode: text()
			.notNull()
			.references(() => acts.code),
		effectiveFrom: calendarDate().notNull(),
		/** Exclusive; null while in force. */
		effectiveTo: calendarDate(),
		/** Base de remboursement; null when it depends on the prescription (medicines, lenses…). */
		baseCents: cents(),
		ssRateBp: basisPoints().notNull(),
		/** Prix limite de vente / honoraire limite de facturation for 100 % Santé items. */
		priceLimitCents: cents(),
		source: text(),
	},
	(t) => [
		check("act_tariffs_dates_check", sql`${t.effectiveTo} IS NULL OR ${t.effectiveTo} > ${t.effectiveFrom}`),
		uniqueIndex("act_tariffs_act_from_idx").on(t.actCode, t.effectiveFrom),
	],
);
