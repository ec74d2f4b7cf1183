// The Kalixia network finder (/reseau): what a directory entry shows beyond the professional's
// row (opening hours, 100 % Santé offers, step-free access), and the gazetteer of communes a
// search starts from (name, postal code, coordinates of the town centre). The spatial index over
// the professionals' coordinates is an R*Tree virtual table, written by hand in the custom
// migration `reseau_custom` with the triggers that keep it in step (drizzle has no virtual tables).
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { flag, json } from "./columns.ts";
import { professionals } from "./professionals.ts";

/** Opening hours, Monday first: seven lists of `["HH:MM", "HH:MM"]` ranges (empty = closed). */
export type WeeklyHours = readonly (readonly (readonly [string, string])[])[];

export const professionalPractices = sqliteTable("professional_practices", {
	professionalId: integer()
		.primaryKey()
		.references(() => professionals.id),
	openingHours: json<WeeklyHours>().notNull(),
	/** Offers the 100 % Santé basket of its field (optique classe A, audio classe I, dentaire). */
	hundredPercentSante: flag().notNull(),
	/** The premises can be entered without a step (wheelchair, pushchair). */
	stepFreeAccess: flag().notNull(),
});

export const reseauCommunes = sqliteTable(
	"reseau_communes",
	{
		/** INSEE code of the commune (or of the municipal arrondissement). */
		insee: text().notNull(),
		postalCode: text().notNull(),
		name: text().notNull(),
		/** The name without accents, case or punctuation, for matching what people type. */
		searchName: text().notNull(),
		department: text().notNull(),
		latitude: real().notNull(),
		longitude: real().notNull(),
	},
	(t) => [
		primaryKey({ columns: [t.insee, t.postalCode] }),
		check("reseau_communes_postal_code_check", sql`${t.postalCode} GLOB '[0-9][0-9][0-9][0-9][0-9]'`),
		check("reseau_communes_latitude_check", sql`${t.latitude} BETWEEN -90 AND 90`),
		check("reseau_communes_longitude_check", sql`${t.longitude} BETWEEN -180 AND 180`),
		index("reseau_communes_postal_code_idx").on(t.postalCode),
		index("reseau_communes_search_name_idx").on(t.searchName),
	],
);
