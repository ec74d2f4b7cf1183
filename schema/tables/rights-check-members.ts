// The member numbers each practice checked lately, one row per practice and number with the time
// of its latest check (ADR 0044): the harvesting watch counts the distinct numbers of the last
// ten minutes here, a bounded index read, instead of scanning every check of the window (which a
// busy practice's software makes longer with every check). Kept by a trigger on rights_checks
// (schema/migrations/*_rights_custom.sql), in the statement that records the check, so that no
// writer can forget it; the same trigger drops the practice's rows that are too old to count.
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { instant } from "./columns.ts";
import { professionals } from "./professionals.ts";

export const rightsCheckRecentMembers = sqliteTable(
	"rights_check_recent_members",
	{
		professionalId: integer()
			.notNull()
			.references(() => professionals.id),
		/** As sent (rights_checks.member_number_as_sent): the watch counts what was asked. */
		memberNumber: text().notNull(),
		/** The latest check of this number by this practice. */
		lastCheckedAt: instant().notNull(),
	},
	(t) => [
		primaryKey({ columns: [t.professionalId, t.memberNumber] }),
		index("rights_check_recent_members_time_idx").on(t.professionalId, t.lastCheckedAt),
	],
);
