// Audience measurement without cookies and without personal data (article 8 of the CGU, the
// /cookies page): the server counts page views per Paris day, space and route pattern, nothing
// else. No IP address, no user agent, no identifier, no referrer is read or kept; a route
// pattern (`/adherent/releves/:statement`) never carries an identifier. Counts are gathered in
// memory and written in one statement batch every few seconds, so a page view costs no write
// of its own; a crash loses at most those few seconds of counts (audience, not records).
import { and, asc, gte, lte, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { type AudienceSpace, pageViews } from "../schema/tables/index.ts";
import { parisDay } from "./calendar.ts";

export const AUDIENCE_FLUSH_MS = 5_000;

/** Which space a path belongs to; `/compte/...` pages take the signed-in account's space. */
export function audienceSpaceOf(path: string, accountSpace: AudienceSpace | null): AudienceSpace {
	if (path === "/adherent" || path.startsWith("/adherent/")) return "adherent";
	if (path === "/employeur" || path.startsWith("/employeur/")) return "employeur";
	if (path === "/professionnel" || path.startsWith("/professionnel/")) return "professionnel";
	if (path === "/gestion" || path.startsWith("/gestion/")) return "gestionnaire";
	return accountSpace ?? "public";
}

export interface AudienceCounter {
	record(space: AudienceSpace, path: string, now: Date): void;
	/** Whether `flush(now)` would write now: something counted, no write under way, the last one old enough. */
	due(now: Date): boolean;
	/** Writes what was counted if the last write is old enough (or `force`); resolves when done. */
	flush(now: Date, force?: boolean): Promise<number>;
}

const counters = new WeakMap<Database, AudienceCounter>();

/** The one counter of a database (each host builds one database client). */
export function audienceCounter(db: Database): AudienceCounter {
	let counter = counters.get(db);
	if (!counter) {
		counter = createAudienceCounter(db);
		counters.set(db, counter);
	}
	return counter;
}

function createAudienceCounter(db: Database): AudienceCounter {
	let pending = new Map<string, number>();
	let lastFlush = 0;
	let writing: Promise<number> | null = null;
	return {
		record(space, path, now) {
			const key = `${parisDay(now)}\u0000${space}\u0000${path.slice(0, 200)}`;
			pending.set(key, (pending.get(key) ?? 0) + 1);
		},
		due(now) {
			return writing === null && pending.size > 0 && now.getTime() - lastFlush >= AUDIENCE_FLUSH_MS;
		},
		async flush(now, force = false) {
			if (writing) await writing;
			if (pending.size === 0 || (!force && now.getTime() - lastFlush < AUDIENCE_FLUSH_MS)) return 0;
			const batch = pending;
			pending = new Map();
			lastFlush = now.getTime();
			writing = (async () => {
				const rows = [...batch].map(([key, views]) => {
					const [day, space, path] = key.split("\u0000") as [string, AudienceSpace, string];
					return { day, space, path, views };
				});
				await db
					.insert(pageViews)
					.values(rows)
					.onConflictDoUpdate({
						target: [pageViews.day, pageViews.space, pageViews.path],
						set: { views: sql`${pageViews.views} + excluded.views` },
					});
				return rows.length;
			})();
			try {
				return await writing;
			} catch (error) {
				// Not lost: put back, to be written with the next batch.
				for (const [key, views] of batch) pending.set(key, (pending.get(key) ?? 0) + views);
				throw error;
			} finally {
				writing = null;
			}
		},
	};
}

export interface AudienceRow {
	readonly day: string;
	readonly space: AudienceSpace;
	readonly path: string;
	readonly views: number;
}

/** The figures staff read: views per day, space and path over [from, to] (Paris days). */
export async function audienceFigures(
	db: Pick<Database, "select">,
	range: { readonly from: string; readonly to: string },
): Promise<AudienceRow[]> {
	return db
		.select()
		.from(pageViews)
		.where(and(gte(pageViews.day, range.from), lte(pageViews.day, range.to)))
		.orderBy(asc(pageViews.day), asc(pageViews.space), asc(pageViews.path));
}
