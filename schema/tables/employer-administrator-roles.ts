// Changes of an invited administrator's role (issue 12, ADR 0043): appended, never updated nor
// deleted (triggers of the custom migration 0028_empbudget_custom), each with who made it and
// when. An administrator's role is the last change's, or the role they were invited with; the
// invitation row itself stays as written (ADR 0034's triggers), so the whole history of who held
// which role, given by whom, is read from these two tables and the audit trail agrees with it.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";
import { instant, oneOf } from "./columns.ts";
import { employerAdministrators, employerRoleNames } from "./employer-administrators.ts";

export const employerAdministratorRoleChanges = sqliteTable(
	"employer_administrator_role_changes",
	{
		id: integer().primaryKey(),
		accountId: integer()
			.notNull()
			.references(() => employerAdministrators.accountId),
		role: text({ enum: employerRoleNames }).notNull(),
		changedAt: instant().notNull(),
		changedByAccountId: integer()
			.notNull()
			.references(() => accounts.id),
	},
	(t) => [
		oneOf("employer_administrator_role_changes_role_check", t.role, employerRoleNames),
		// The latest change of an account: read on every request of the space (requireEmployer).
		index("employer_administrator_role_changes_account_idx").on(t.accountId, t.id),
	],
);
