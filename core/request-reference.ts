// References of requests as users and staff read them: a letter for the kind, the year, a
// sequence number ("S2026-000042"). Allocated inside the caller's IMMEDIATE transaction, so two
// requests never get the same one (a unique index backs it).
import { like, max } from "drizzle-orm";
import type { RequestKind } from "../schema/enums.ts";
import { requests } from "../schema/tables/index.ts";
import type { Executor } from "./queue.ts";

export const REFERENCE_PREFIX: Readonly<Record<RequestKind, string>> = {
	complaint: "R",
	beneficiary_add: "B",
	beneficiary_remove: "B",
	bank_details_change: "C",
	data_protection: "D",
	fraud_report: "F",
	account_deletion: "S",
};

export async function nextRequestReference(db: Executor, kind: RequestKind, now: Date): Promise<string> {
	const prefix = `${REFERENCE_PREFIX[kind]}${now.getUTCFullYear()}-`;
	// The highest reference with this prefix, whatever its kind (imported requests share prefixes).
	const [row] = await db
		.select({ last: max(requests.reference) })
		.from(requests)
		.where(like(requests.reference, `${prefix}%`));
	const last = Number.parseInt(row?.last?.slice(prefix.length) ?? "0", 10);
	return `${prefix}${String((Number.isFinite(last) ? last : 0) + 1).padStart(6, "0")}`;
}
