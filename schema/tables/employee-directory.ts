// The employer's search index of its employees (ADR 0018): one row per affiliation, kept by
// triggers (migration employeur_custom) from affiliations and persons, with the names folded
// (lower case, no accents) so that the list of a 20 000-employee company is read in name order,
// searched by name prefix, by the NIR's last 4 digits or by internal number, straight from an
// index of the company's rows instead of joining and sorting every employee on each request.
// The portal never writes it: the triggers do, in the same statement as the change.
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { calendarDate, flag } from "./columns.ts";
import { affiliations, companies, groupContractCategories } from "./employers.ts";

export const employeeDirectory = sqliteTable(
	"employee_directory",
	{
		affiliationId: integer()
			.primaryKey()
			.references(() => affiliations.id, { onDelete: "cascade" }),
		companyId: integer()
			.notNull()
			.references(() => companies.id),
		categoryId: integer()
			.notNull()
			.references(() => groupContractCategories.id),
		/** Folded « nom prénom »: the order of the list and the key of a search by name. */
		nameKey: text().notNull(),
		/** Folded « prénom nom », for a search that starts with the first name. */
		firstNameKey: text().notNull(),
		nirLast4: text(),
		/** The internal number, upper case. */
		employeeNumber: text(),
		startDate: calendarDate().notNull(),
		endDate: calendarDate(),
		portabilityEndDate: calendarDate(),
		dispensed: flag().notNull(),
	},
	(t) => [
		// The list in name order, filtered by status or category without reading the table.
		// The affiliation's id right after the name: the list's order (ties broken by it) is the
		// index's own, so a page far into the list skips entries instead of sorting them (ADR 0048).
		index("employee_directory_name_idx").on(
			t.companyId,
			t.nameKey,
			t.affiliationId,
			t.dispensed,
			t.endDate,
			t.portabilityEndDate,
			t.categoryId,
		),
		// A search by first name reads this index alone (ADR 0053): the name (the list's order, and
		// the test that an entry was not already counted by the name's range) and the status columns.
		index("employee_directory_first_name_idx").on(
			t.companyId,
			t.firstNameKey,
			t.nameKey,
			t.dispensed,
			t.endDate,
			t.portabilityEndDate,
			t.categoryId,
		),
		index("employee_directory_nir_idx").on(t.companyId, t.nirLast4),
		index("employee_directory_number_idx").on(t.companyId, t.employeeNumber),
		index("employee_directory_start_idx").on(t.companyId, t.startDate),
		// Counts by status and category (the dashboard) read this index alone; with the name last,
		// so does a page of one status in name order (ADR 0048): no row of the table is read to sort.
		index("employee_directory_status_idx").on(
			t.companyId,
			t.dispensed,
			t.endDate,
			t.portabilityEndDate,
			t.categoryId,
			t.nameKey,
		),
		// « En portabilité » as one range (a portability ending today or later), whatever the number
		// of affiliations ended long ago: its page is that range sorted by name (ADR 0053).
		index("employee_directory_portability_idx").on(
			t.companyId,
			t.portabilityEndDate,
			t.dispensed,
			t.endDate,
			t.categoryId,
			t.nameKey,
		),
		// The name index's entries of the ended affiliations alone: « en portabilité » and « sorti »
		// in name order walk these instead of every employee of the company (ADR 0056).
		index("employee_directory_ended_name_idx")
			.on(t.companyId, t.nameKey, t.affiliationId, t.dispensed, t.endDate, t.portabilityEndDate, t.categoryId)
			.where(sql`${t.endDate} IS NOT NULL`),
	],
);
