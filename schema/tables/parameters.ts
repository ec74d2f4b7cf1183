// Amounts fixed by law that change by date (participation forfaitaire, franchises, forfait
// journalier, PMSS…). A value applies over [effectiveFrom, effectiveTo).
import { sql } from "drizzle-orm";
import { check, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { parameterNames, parameterUnits } from "../enums.ts";
import { calendarDate, oneOf } from "./columns.ts";

export const datedParameters = sqliteTable(
	"dated_parameters",
	{
		id: integer().primaryKey(),
		name: text({ enum: parameterNames }).notNull(),
		value: integer().notNull(),
		unit: text({ enum: parameterUnits }).notNull(),
		effectiveFrom: calendarDate().notNull(),
		/** Exclusive; null while in force. */
		effectiveTo: calendarDate(),
		/** Where the value comes from (text of law, ameli page…). */
		source: text(),
	},
	(t) => [
		oneOf("dated_parameters_name_check", t.name, parameterNames),
		oneOf("dated_parameters_unit_check", t.unit, parameterUnits),
		check(
			"dated_parameters_dates_check",
			sql`${t.effectiveTo} IS NULL OR ${t.effectiveTo} > ${t.effectiveFrom}`,
		),
		uniqueIndex("dated_parameters_name_from_idx").on(t.name, t.effectiveFrom),
	],
);
