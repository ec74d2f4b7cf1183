// The audience figures of « Exploitation »: page views per Paris day, space and route pattern
// over the last 30 days (core/audience.ts counts them without cookies or personal data).
import type { Database } from "../../db/client.ts";
import { type AudienceRow, audienceFigures } from "../audience.ts";
import { addDays, parisDay } from "../calendar.ts";

export const AUDIENCE_DAYS = 30;

export interface AudienceSummary {
	readonly from: string;
	readonly to: string;
	/** The most recent day first, then by space and path. */
	readonly rows: readonly AudienceRow[];
	readonly total: number;
}

export async function lastMonthAudience(db: Pick<Database, "select">, now: Date): Promise<AudienceSummary> {
	const to = parisDay(now);
	const from = addDays(to, -(AUDIENCE_DAYS - 1));
	const rows = await audienceFigures(db, { from, to });
	const sorted = [...rows].sort((a, b) => (a.day === b.day ? 0 : a.day < b.day ? 1 : -1));
	return { from, to, rows: sorted, total: rows.reduce((sum, row) => sum + row.views, 0) };
}
