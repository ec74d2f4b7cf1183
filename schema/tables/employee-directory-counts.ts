// How many affiliations each company has, kept by triggers on `affiliations` (migration
// 0027_empbudget_custom, ADR 0043): the employer's list shows its total on every page, and counting a
// 20 000-employee company's directory rows took about a millisecond of each request, ten times
// the page's own query. Only the unfiltered total reads it; a filtered count still reads the
// directory's indexes. The portal never writes it: the triggers do, in the same statement.
import { integer, sqliteTable } from "drizzle-orm/sqlite-core";
import { companies } from "./employers.ts";

export const employeeDirectoryCounts = sqliteTable("employee_directory_counts", {
	companyId: integer()
		.primaryKey()
		.references(() => companies.id),
	employees: integer().notNull(),
});
