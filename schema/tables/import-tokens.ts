// Tokens of the core system's software for the import API (`POST /api/v1/gestion/imports/<kind>`):
// created and revoked by an admin of the back-office, shown once (`esst_<publicId>_<secret>`,
// core/api-token.ts); kept as the public id and the SHA-256 of the secret.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";
import { instant } from "./columns.ts";

export const staffApiTokens = sqliteTable(
	"staff_api_tokens",
	{
		id: integer().primaryKey(),
		name: text().notNull(),
		/** The admin who created it; the imports it runs are recorded under this account. */
		createdByAccountId: integer()
			.notNull()
			.references(() => accounts.id),
		/** Random, base32, unique: the part of the token that finds its row (not a secret). */
		publicId: text().notNull(),
		/** SHA-256 (hex) of the secret part. */
		secretHash: text().notNull(),
		createdAt: instant().notNull(),
		lastUsedAt: instant(),
		revokedAt: instant(),
		revokedByAccountId: integer().references(() => accounts.id),
	},
	(t) => [
		uniqueIndex("staff_api_tokens_public_id_idx").on(t.publicId),
		index("staff_api_tokens_revoked_idx").on(t.revokedAt),
	],
);
