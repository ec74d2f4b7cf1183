// Issue 15: the large exports of « Mes données », built by the worker (ADR 0038). One row per
// archive asked for: pending until the worker has stored the zip, then ready for 7 days, then
// expired (the stored file deleted, the row kept as the trace that the right was answered).
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";
import { instant, oneOf } from "./columns.ts";

export const dataExportStatuses = ["pending", "ready", "expired"] as const;
export type DataExportStatus = (typeof dataExportStatuses)[number];

export const dataExports = sqliteTable(
	"data_exports",
	{
		id: integer().primaryKey(),
		/** 128 random bits in hex: the archive's name in its link; the link also needs the owner's session. */
		publicId: text().notNull().unique(),
		accountId: integer()
			.notNull()
			.references(() => accounts.id, { onDelete: "cascade" }),
		status: text({ enum: dataExportStatuses }).notNull(),
		/** The row estimate that sent the export to the worker (counts only). */
		rowEstimate: integer().notNull(),
		requestedAt: instant().notNull(),
		readyAt: instant(),
		expiresAt: instant(),
		/** Where the worker stored the zip (core/storage.ts); null before it is built and once deleted. */
		storageKey: text(),
		byteLength: integer(),
		fileName: text(),
	},
	(t) => [
		oneOf("data_exports_status_check", t.status, dataExportStatuses),
		check(
			"data_exports_ready_check",
			sql`${t.status} <> 'ready' OR (${t.storageKey} IS NOT NULL AND ${t.expiresAt} IS NOT NULL)`,
		),
		index("data_exports_account_idx").on(t.accountId, t.requestedAt),
		index("data_exports_expiry_idx").on(t.status, t.expiresAt),
	],
);
