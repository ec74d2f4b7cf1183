// What awaits staff, for the back-office's home: open requests, those past their deadline, and
// open fraud reports.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { requests } from "../../schema/tables/index.ts";
import { OPEN_REQUEST_STATUSES } from "../requests.ts";
import { listQueueEntries } from "./queue-entries.ts";

export interface Waiting {
	readonly open: number;
	readonly overdue: number;
	readonly fraud: number;
}

export async function countWaiting(db: Database, now: Date): Promise<Waiting> {
	const queue = await listQueueEntries(db, now, undefined, Number.POSITIVE_INFINITY);
	const [fraud] = await db
		.select({ count: sql<number>`count(*)` })
		.from(requests)
		.where(and(eq(requests.kind, "fraud_report"), inArray(requests.status, [...OPEN_REQUEST_STATUSES])));
	return {
		open: queue.length,
		overdue: queue.filter((item) => item.overdue).length,
		fraud: Number(fraud?.count ?? 0),
	};
}
