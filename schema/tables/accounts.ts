// Portal accounts of the four spaces. An account belongs to exactly what its space says: a
// member, a company, a health professional or a staff person.
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { accountStates, secondFactorMethods, spaces } from "../enums.ts";
import { calendarDate, digits, flag, instant, json, oneOf } from "./columns.ts";
import { companies } from "./employers.ts";
import { members } from "./members.ts";
import { persons } from "./persons.ts";
import { professionals } from "./professionals.ts";

export const accounts = sqliteTable(
	"accounts",
	{
		id: integer().primaryKey(),
		/** Numeric identifier used to sign in (10 digits); its first digit tells the space. */
		identifier: text().notNull(),
		space: text({ enum: spaces }).notNull(),
		memberId: integer().references(() => members.id),
		companyId: integer().references(() => companies.id),
		professionalId: integer().references(() => professionals.id),
		/** Insurer staff for the gestionnaire space; the contact person for an employer account. */
		staffPersonId: integer().references(() => persons.id),
		email: text().notNull(),
		emailVerifiedAt: instant(),
		/** Argon2id PHC string (core/password.ts); null until the user chooses a password. */
		passwordHash: text(),
		passwordChangedAt: instant(),
		state: text({ enum: accountStates }).notNull(),
		stateReason: text(),
		createdAt: instant().notNull(),
		activatedAt: instant(),
		suspendedAt: instant(),
		closedAt: instant(),
		deletedAt: instant(),
		/** Last day the account stays usable: two years after the contract, affiliation or convention ends. */
		accessUntil: calendarDate(),
		/** Base32 TOTP secret (to be encrypted at rest). */
		totpSecret: text(),
		totpEnabled: flag().notNull().default(false),
		totpEnabledAt: instant(),
		/** Last TOTP time step accepted: a code is never accepted twice (replay). */
		totpLastUsedStep: integer(),
		/** SHA-256 hashes (hex) of the unused recovery codes. */
		recoveryCodeHashes: json<string[]>(),
		secondFactorMethod: text({ enum: secondFactorMethods }).notNull().default("email"),
		lastSignInAt: instant(),
		updatedAt: instant().notNull(),
	},
	(t) => [
		oneOf("accounts_space_check", t.space, spaces),
		oneOf("accounts_state_check", t.state, accountStates),
		oneOf("accounts_second_factor_check", t.secondFactorMethod, secondFactorMethods),
		digits("accounts_identifier_check", t.identifier, 10),
		check("accounts_adherent_check", sql`${t.space} <> 'adherent' OR ${t.memberId} IS NOT NULL`),
		check("accounts_employeur_check", sql`${t.space} <> 'employeur' OR ${t.companyId} IS NOT NULL`),
		check(
			"accounts_professionnel_check",
			sql`${t.space} <> 'professionnel' OR ${t.professionalId} IS NOT NULL`,
		),
		check("accounts_gestionnaire_check", sql`${t.space} <> 'gestionnaire' OR ${t.staffPersonId} IS NOT NULL`),
		check("accounts_totp_check", sql`${t.totpEnabled} = 0 OR ${t.totpSecret} IS NOT NULL`),
		uniqueIndex("accounts_identifier_idx").on(t.identifier),
		index("accounts_email_idx").on(t.email),
		index("accounts_member_idx").on(t.memberId),
		index("accounts_company_idx").on(t.companyId),
		index("accounts_professional_idx").on(t.professionalId),
		index("accounts_state_access_idx").on(t.state, t.accessUntil),
	],
);
