// An employer's CSV import of affiliations (ADR 0033): the uploaded file is kept as one row per
// line until the employer confirms the valid ones, so that validating and writing 20 000 lines
// can go in bounded steps, each page view advancing one of them, and nothing is affiliated before
// the confirmation. A line's `payload` holds what the file said (personal data): it is cleared
// when the import ends; the status and the reason stay for the report.
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { affiliationImportLineStatuses, affiliationImportStatuses } from "../enums.ts";
import { accounts } from "./accounts.ts";
import { instant, oneOf } from "./columns.ts";
import { companies } from "./employers.ts";

export const affiliationImports = sqliteTable(
	"affiliation_imports",
	{
		id: integer().primaryKey(),
		companyId: integer()
			.notNull()
			.references(() => companies.id),
		/** The administrator who uploaded the file. */
		accountId: integer()
			.notNull()
			.references(() => accounts.id),
		fileName: text().notNull(),
		/** SHA-256 of the file's bytes: the same file uploaded again is recognised. */
		fileSha256: text().notNull(),
		status: text({ enum: affiliationImportStatuses }).notNull(),
		lineCount: integer().notNull(),
		createdAt: instant().notNull(),
		confirmedAt: instant(),
		finishedAt: instant(),
		updatedAt: instant().notNull(),
	},
	(t) => [
		oneOf("affiliation_imports_status_check", t.status, affiliationImportStatuses),
		index("affiliation_imports_company_idx").on(t.companyId, t.fileSha256),
	],
);

export const affiliationImportLines = sqliteTable(
	"affiliation_import_lines",
	{
		importId: integer()
			.notNull()
			.references(() => affiliationImports.id, { onDelete: "cascade" }),
		/** The line's number in the file (the header is line 1). */
		line: integer().notNull(),
		status: text({ enum: affiliationImportLineStatuses }).notNull(),
		/** The fields of the line as JSON: raw until validated, normalised after; null once done. */
		payload: text(),
		/** The NIR once the line is read, to find the same employee twice in one file. */
		nir: text(),
		/** Why the line is refused or left out, in French. */
		reason: text(),
		affiliationId: integer(),
	},
	(t) => [
		primaryKey({ columns: [t.importId, t.line] }),
		oneOf("affiliation_import_lines_status_check", t.status, affiliationImportLineStatuses),
		index("affiliation_import_lines_status_idx").on(t.importId, t.status, t.line),
		index("affiliation_import_lines_nir_idx").on(t.importId, t.nir),
	],
);
