// Civil identity of every natural person the portal knows: members, beneficiaries, employees,
// company contacts, health professionals and the insurer's staff.
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { personRoles, sexes } from "../enums.ts";
import { calendarDate, instant, oneOf } from "./columns.ts";

export const persons = sqliteTable(
	"persons",
	{
		id: integer().primaryKey(),
		lastName: text().notNull(),
		/** Nom de naissance when it differs from the name in use. */
		birthName: text(),
		firstName: text().notNull(),
		birthDate: calendarDate().notNull(),
		sex: text({ enum: sexes }).notNull(),
		/** NIR, 15 characters including the key (Corsica: 2A/2B); null when unknown. */
		nir: text(),
		deceasedOn: calendarDate(),
		createdAt: instant().notNull(),
		updatedAt: instant().notNull(),
	},
	(t) => [
		oneOf("persons_sex_check", t.sex, sexes),
		check("persons_nir_check", sql`${t.nir} IS NULL OR length(${t.nir}) = 15`),
		index("persons_nir_idx").on(t.nir),
		index("persons_name_idx").on(t.lastName, t.firstName, t.birthDate),
	],
);

export const personRoleAssignments = sqliteTable(
	"person_roles",
	{
		id: integer().primaryKey(),
		personId: integer()
			.notNull()
			.references(() => persons.id, { onDelete: "cascade" }),
		role: text({ enum: personRoles }).notNull(),
		since: calendarDate().notNull(),
		until: calendarDate(),
	},
	(t) => [
		oneOf("person_roles_role_check", t.role, personRoles),
		uniqueIndex("person_roles_person_role_since_idx").on(t.personId, t.role, t.since),
		index("person_roles_role_idx").on(t.role),
	],
);
