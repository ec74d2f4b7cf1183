// The espace professionnel de santé's own records: every rights check a practice made (by the
// form, a card's QR code or the API), kept to detect harvesting (the terms forbid it) and to show
// a member who checked their rights; and the alerts raised for the insurer's staff when a
// practice's checks look like harvesting (sequential member numbers, many members in a short time).
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";
import { calendarDate, flag, instant, json, oneOf } from "./columns.ts";
import { members } from "./members.ts";
import { professionals } from "./professionals.ts";

export const rightsCheckChannels = ["form", "qr", "api"] as const;
export type RightsCheckChannel = (typeof rightsCheckChannels)[number];

export const harvestingPatterns = ["sequential_numbers", "many_members"] as const;
export type HarvestingPattern = (typeof harvestingPatterns)[number];

export const rightsChecks = sqliteTable(
	"rights_checks",
	{
		id: integer().primaryKey(),
		professionalId: integer()
			.notNull()
			.references(() => professionals.id),
		accountId: integer()
			.notNull()
			.references(() => accounts.id),
		channel: text({ enum: rightsCheckChannels }).notNull(),
		checkedAt: instant().notNull(),
		/** The member number as typed or sent (digits only, checked at the boundary). */
		memberNumberAsSent: text().notNull(),
		/** The member the check found, null when nothing matched. */
		memberId: integer().references(() => members.id),
		careDate: calendarDate().notNull(),
		/** True when a card valid that day was shown. */
		found: flag().notNull(),
	},
	(t) => [
		oneOf("rights_checks_channel_check", t.channel, rightsCheckChannels),
		index("rights_checks_professional_idx").on(t.professionalId, t.checkedAt),
		index("rights_checks_member_idx").on(t.memberId, t.checkedAt),
	],
);

export const rightsCheckAlerts = sqliteTable(
	"rights_check_alerts",
	{
		id: integer().primaryKey(),
		professionalId: integer()
			.notNull()
			.references(() => professionals.id),
		pattern: text({ enum: harvestingPatterns }).notNull(),
		raisedAt: instant().notNull(),
		/** Counts and the window, identifiers only. */
		details: json<Record<string, string | number>>(),
		/** Set by staff once they looked into it. */
		closedAt: instant(),
	},
	(t) => [
		oneOf("rights_check_alerts_pattern_check", t.pattern, harvestingPatterns),
		index("rights_check_alerts_professional_idx").on(t.professionalId, t.raisedAt),
		index("rights_check_alerts_open_idx").on(t.closedAt, t.raisedAt),
	],
);

/** What a practice's API key may do: rights checks only (issue 13). */
export const practiceApiKeyScopes = ["droits"] as const;
export type PracticeApiKeyScope = (typeof practiceApiKeyScopes)[number];

/**
 * API keys for a practice's software (`Authorization: Bearer espk_<publicId>_<secret>`): shown
 * once at creation, stored as the SHA-256 of the secret (the public id finds the row), scoped,
 * revocable at once, with the last use kept for the practice to see.
 */
export const practiceApiKeys = sqliteTable(
	"practice_api_keys",
	{
		id: integer().primaryKey(),
		professionalId: integer()
			.notNull()
			.references(() => professionals.id),
		createdByAccountId: integer()
			.notNull()
			.references(() => accounts.id),
		name: text().notNull(),
		/** Random, base32, unique: the part of the key that finds its row (not a secret). */
		publicId: text().notNull(),
		/** SHA-256 (hex) of the secret part. */
		secretHash: text().notNull(),
		scope: text({ enum: practiceApiKeyScopes }).notNull(),
		createdAt: instant().notNull(),
		lastUsedAt: instant(),
		revokedAt: instant(),
	},
	(t) => [
		oneOf("practice_api_keys_scope_check", t.scope, practiceApiKeyScopes),
		uniqueIndex("practice_api_keys_public_id_idx").on(t.publicId),
		index("practice_api_keys_professional_idx").on(t.professionalId, t.revokedAt),
	],
);
