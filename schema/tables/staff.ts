// The insurer's staff in the back-office (/gestion): each staff account holds one role, which
// says what it may do there. Kept in a table of its own rather than a column of `accounts`, so
// that an account of another space can never carry a role, and granting one is a row with who
// granted it and when. A staff account without a row may open nothing (deny by default).
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";
import { instant, oneOf } from "./columns.ts";

/** agent: requests; superviseur: accounts and proof as well; admin: operations as well. */
export const staffRoleNames = ["agent", "superviseur", "admin"] as const;
export type StaffRole = (typeof staffRoleNames)[number];

export const staffRoles = sqliteTable(
	"staff_roles",
	{
		accountId: integer()
			.primaryKey()
			.references(() => accounts.id, { onDelete: "cascade" }),
		role: text({ enum: staffRoleNames }).notNull(),
		grantedAt: instant().notNull(),
		/** Null for a role given by the seed or by an operator on the command line. */
		grantedByAccountId: integer().references(() => accounts.id),
	},
	(t) => [oneOf("staff_roles_role_check", t.role, staffRoleNames)],
);
