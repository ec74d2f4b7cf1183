// What a user agreed to or objected to: acceptances of the terms of use (one row per version)
// and choices on marketing and profiling (append-only, the latest row wins).
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { capacityStatements, consentChoices, consentPurposes } from "../enums.ts";
import { accounts } from "./accounts.ts";
import { instant, oneOf } from "./columns.ts";

export const cguAcceptances = sqliteTable(
	"cgu_acceptances",
	{
		id: integer().primaryKey(),
		accountId: integer()
			.notNull()
			.references(() => accounts.id),
		/** Version of the terms (site/src/content/cgu), e.g. "1.0". */
		version: text().notNull(),
		acceptedAt: instant().notNull(),
		/** The capacity the user declared when ticking "j'accepte les présentes CGU" (CGU art. 2). */
		capacity: text({ enum: capacityStatements }).notNull(),
	},
	(t) => [
		oneOf("cgu_acceptances_capacity_check", t.capacity, capacityStatements),
		uniqueIndex("cgu_acceptances_account_version_idx").on(t.accountId, t.version),
	],
);

export const consents = sqliteTable(
	"consents",
	{
		id: integer().primaryKey(),
		accountId: integer()
			.notNull()
			.references(() => accounts.id),
		purpose: text({ enum: consentPurposes }).notNull(),
		choice: text({ enum: consentChoices }).notNull(),
		recordedAt: instant().notNull(),
	},
	(t) => [
		oneOf("consents_purpose_check", t.purpose, consentPurposes),
		oneOf("consents_choice_check", t.choice, consentChoices),
		index("consents_account_purpose_idx").on(t.accountId, t.purpose, t.recordedAt),
	],
);
