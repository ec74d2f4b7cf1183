// How many affiliations each company has per status key (ADR 0048): one row per company, category,
// dispense flag, end date and portability end date, kept by triggers on `affiliations` (migration
// emplist_custom) in the same statement as every change. A status depends on today's date, so
// it cannot be stored; but every status is a range of these keys, and a company has far fewer
// distinct keys than employees (its open affiliations share one end date, « none »): the count
// of a filtered list sums a few rows instead of counting thousands of the directory's entries
// (17 000 « couverts » cost about 1.5 ms a request). The portal never writes it.
import { integer, primaryKey, sqliteTable } from "drizzle-orm/sqlite-core";
import { calendarDate, flag } from "./columns.ts";
import { companies, groupContractCategories } from "./employers.ts";

export const employeeStatusCounts = sqliteTable(
	"employee_status_counts",
	{
		companyId: integer()
			.notNull()
			.references(() => companies.id),
		dispensed: flag().notNull(),
		/** The affiliation's end date; '9999-12-31' without one (after every day, as « not ended » is). */
		endDate: calendarDate().notNull(),
		/** The portability's end date; '' without one (before every day: none is running). */
		portabilityEndDate: calendarDate().notNull(),
		categoryId: integer()
			.notNull()
			.references(() => groupContractCategories.id),
		employees: integer().notNull(),
	},
	// In the order the statuses read it: the company, then a range of end dates per dispense flag.
	(t) => [primaryKey({ columns: [t.companyId, t.dispensed, t.endDate, t.portabilityEndDate, t.categoryId] })],
);
