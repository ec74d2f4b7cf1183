// Issue 15: what users decide about their data beyond the consents table (directives for after
// their death and the person who carries them out, revocable, the latest one in force), the
// cookieless audience (page views counted per day, space and path: no IP, no user agent, no
// identifier) and the service's availability (maintenance windows, announced or current, and
// incidents, for the banner and the public /etat-du-service page).
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";
import { calendarDate, instant, oneOf } from "./columns.ts";

export const dataDirectiveKinds = ["post_mortem_directives", "trusted_person"] as const;
export type DataDirectiveKind = (typeof dataDirectiveKinds)[number];

/** One row per recorded choice: a new one revokes the previous; revoking sets `revokedAt`. */
export const dataDirectives = sqliteTable(
	"data_directives",
	{
		id: integer().primaryKey(),
		accountId: integer()
			.notNull()
			.references(() => accounts.id),
		kind: text({ enum: dataDirectiveKinds }).notNull(),
		/** The directives themselves (what to do with the data: erase, keep, give to someone). */
		instructions: text(),
		/** The person who carries them out (loi Informatique et Libertés, art. 85). */
		personName: text(),
		personContact: text(),
		recordedAt: instant().notNull(),
		revokedAt: instant(),
	},
	(t) => [
		oneOf("data_directives_kind_check", t.kind, dataDirectiveKinds),
		check(
			"data_directives_content_check",
			sql`(${t.kind} = 'post_mortem_directives' AND ${t.instructions} IS NOT NULL) OR (${t.kind} = 'trusted_person' AND ${t.personName} IS NOT NULL)`,
		),
		index("data_directives_account_idx").on(t.accountId, t.kind, t.recordedAt),
	],
);

export const audienceSpaces = ["public", "adherent", "employeur", "professionnel", "gestionnaire"] as const;
export type AudienceSpace = (typeof audienceSpaces)[number];

/** Page views per Paris day, space and route pattern: counts only, nothing about the visitor. */
export const pageViews = sqliteTable(
	"page_views",
	{
		day: calendarDate().notNull(),
		space: text({ enum: audienceSpaces }).notNull(),
		/** The route pattern (`/adherent/releves/:statement`), never a path with an identifier. */
		path: text().notNull(),
		views: integer().notNull().default(0),
	},
	(t) => [
		primaryKey({ columns: [t.day, t.space, t.path] }),
		oneOf("page_views_space_check", t.space, audienceSpaces),
		check("page_views_views_check", sql`${t.views} >= 0`),
	],
);

export const serviceEventKinds = ["maintenance", "incident"] as const;
export type ServiceEventKind = (typeof serviceEventKinds)[number];

/** A maintenance window (current or announced) or an incident, shown on /etat-du-service. */
export const serviceEvents = sqliteTable(
	"service_events",
	{
		id: integer().primaryKey(),
		kind: text({ enum: serviceEventKinds }).notNull(),
		/** What users read, in French. */
		message: text().notNull(),
		startsAt: instant().notNull(),
		/** Expected end (maintenance) or null while unknown. */
		endsAt: instant(),
		/** Set when it is over (maintenance switched off, incident resolved). */
		endedAt: instant(),
		createdAt: instant().notNull(),
	},
	(t) => [
		oneOf("service_events_kind_check", t.kind, serviceEventKinds),
		check("service_events_dates_check", sql`${t.endsAt} IS NULL OR ${t.endsAt} >= ${t.startsAt}`),
		index("service_events_kind_idx").on(t.kind, t.endedAt, t.startsAt),
	],
);
