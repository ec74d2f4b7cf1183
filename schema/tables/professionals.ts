// Health professionals and establishments: identifiers, tiers-payant convention, care network
// membership and where they practise (for the map of the network).
import { sql } from "drizzle-orm";
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { careNetworks, conventionSectors, professions } from "../enums.ts";
import { calendarDate, digits, instant, oneOf } from "./columns.ts";

export const professionals = sqliteTable(
	"professionals",
	{
		id: integer().primaryKey(),
		/** RPPS (11 digits), FINESS (9 characters) and the legacy ADELI (9 digits): any may be null. */
		rpps: text(),
		finess: text(),
		adeli: text(),
		/** Name of a natural person; null for an establishment or a practice known by its name only. */
		lastName: text(),
		firstName: text(),
		/** Name of the practice, pharmacy, shop or establishment. */
		practiceName: text(),
		profession: text({ enum: professions }).notNull(),
		specialty: text(),
		sector: text({ enum: conventionSectors }),
		/** Number of the tiers-payant convention signed with the insurer. */
		conventionNumber: text(),
		conventionSignedOn: calendarDate(),
		conventionEndedOn: calendarDate(),
		addressLine1: text().notNull(),
		addressLine2: text(),
		postalCode: text().notNull(),
		city: text().notNull(),
		inseeCode: text(),
		latitude: real(),
		longitude: real(),
		phone: text(),
		email: text(),
		createdAt: instant().notNull(),
		updatedAt: instant().notNull(),
	},
	(t) => [
		oneOf("professionals_profession_check", t.profession, professions),
		oneOf("professionals_sector_check", t.sector, conventionSectors),
		digits("professionals_rpps_check", t.rpps, 11),
		check("professionals_finess_check", sql`${t.finess} IS NULL OR length(${t.finess}) = 9`),
		digits("professionals_adeli_check", t.adeli, 9),
		check("professionals_name_check", sql`${t.lastName} IS NOT NULL OR ${t.practiceName} IS NOT NULL`),
		uniqueIndex("professionals_rpps_idx").on(t.rpps),
		index("professionals_finess_idx").on(t.finess),
		uniqueIndex("professionals_convention_idx").on(t.conventionNumber),
		index("professionals_profession_postal_idx").on(t.profession, t.postalCode),
		index("professionals_location_idx").on(t.latitude, t.longitude),
	],
);

/** Membership of a care network (Kalixia optique, audio, dentaire…) over a period. */
export const professionalNetworks = sqliteTable(
	"professional_networks",
	{
		id: integer().primaryKey(),
		professionalId: integer()
			.notNull()
			.references(() => professionals.id),
		network: text({ enum: careNetworks }).notNull(),
		joinedOn: calendarDate().notNull(),
		leftOn: calendarDate(),
	},
	(t) => [
		oneOf("professional_networks_network_check", t.network, careNetworks),
		uniqueIndex("professional_networks_professional_network_idx").on(t.professionalId, t.network, t.joinedOn),
		index("professional_networks_network_idx").on(t.network, t.leftOn),
	],
);
