// The company's other administrators in the espace employeur (issue 12): the main administrator
// (the company's own account, created by sign-up, the import path or the seed) invites people,
// each with one role. A table of its own, as staff roles are (staff.ts), so that a role is a row
// with who gave it and when. The main administrator has no row: every invited account has one,
// written in the same transaction as the account, and a row is never deleted nor changed except
// to record its revocation (triggers of the custom migration), so that an invited account can
// never become the main administrator by losing its row.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";
import { instant, oneOf } from "./columns.ts";
import { companies } from "./employers.ts";

/** lecture: reads only; gestion: the employees (affiliate, end, dispenses); finances: bank details and statements. */
export const employerRoleNames = ["lecture", "gestion", "finances"] as const;
export type EmployerRole = (typeof employerRoleNames)[number];

export const employerAdministrators = sqliteTable(
	"employer_administrators",
	{
		accountId: integer()
			.primaryKey()
			.references(() => accounts.id),
		companyId: integer()
			.notNull()
			.references(() => companies.id),
		role: text({ enum: employerRoleNames }).notNull(),
		/** The invitee's name as the main administrator typed it (no birth date: not a `persons` row). */
		firstName: text().notNull(),
		lastName: text().notNull(),
		invitedAt: instant().notNull(),
		invitedByAccountId: integer()
			.notNull()
			.references(() => accounts.id),
		revokedAt: instant(),
		revokedByAccountId: integer().references(() => accounts.id),
	},
	(t) => [
		oneOf("employer_administrators_role_check", t.role, employerRoleNames),
		index("employer_administrators_company_idx").on(t.companyId, t.invitedAt),
	],
);
