// Contribution statements (bordereaux / appels de cotisations) of group contracts and their
// lines per category and option.
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { contributionStatementStatuses, coverageOptions } from "../enums.ts";
import { basisPoints, calendarDate, cents, instant, oneOf } from "./columns.ts";
import { companies, groupContractCategories, groupContracts } from "./employers.ts";

export const contributionStatements = sqliteTable(
	"contribution_statements",
	{
		id: integer().primaryKey(),
		companyId: integer()
			.notNull()
			.references(() => companies.id),
		groupContractId: integer()
			.notNull()
			.references(() => groupContracts.id),
		/** `YYYY-MM` for a monthly call, `YYYY-Qn` for a quarterly one. */
		period: text().notNull(),
		periodStart: calendarDate().notNull(),
		periodEnd: calendarDate().notNull(),
		status: text({ enum: contributionStatementStatuses }).notNull(),
		issuedAt: instant(),
		dueDate: calendarDate(),
		paidAt: instant(),
		headcount: integer().notNull(),
		/** PMSS applied to the period, for PMSS-based rates. */
		pmssCents: cents(),
		totalCents: cents().notNull(),
		employerCents: cents().notNull(),
		employeeCents: cents().notNull(),
	},
	(t) => [
		oneOf("contribution_statements_status_check", t.status, contributionStatementStatuses),
		check(
			"contribution_statements_split_check",
			sql`${t.employerCents} + ${t.employeeCents} = ${t.totalCents}`,
		),
		uniqueIndex("contribution_statements_contract_period_idx").on(t.groupContractId, t.period),
		index("contribution_statements_company_idx").on(t.companyId, t.periodStart),
		index("contribution_statements_status_idx").on(t.status, t.dueDate),
	],
);

export const contributionLines = sqliteTable(
	"contribution_lines",
	{
		id: integer().primaryKey(),
		statementId: integer()
			.notNull()
			.references(() => contributionStatements.id, { onDelete: "cascade" }),
		categoryId: integer()
			.notNull()
			.references(() => groupContractCategories.id),
		option: text({ enum: coverageOptions }).notNull(),
		headcount: integer().notNull(),
		/** Assiette: PMSS × headcount for PMSS-based rates, headcount × unit amount otherwise. */
		baseCents: cents().notNull(),
		rateBp: basisPoints(),
		unitAmountCents: cents(),
		amountCents: cents().notNull(),
		employerCents: cents().notNull(),
		employeeCents: cents().notNull(),
	},
	(t) => [
		oneOf("contribution_lines_option_check", t.option, coverageOptions),
		check("contribution_lines_split_check", sql`${t.employerCents} + ${t.employeeCents} = ${t.amountCents}`),
		index("contribution_lines_statement_idx").on(t.statementId),
	],
);
