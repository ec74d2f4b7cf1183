// Which version of the terms of use is in force, and whether an account accepted it (article 2:
// the CGU in force must have been read and accepted to use the services; a newer version, once
// effective, replaces the previous one and must be accepted again).
import { and, desc, eq } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import type { CapacityStatement } from "../schema/enums.ts";
import { cguAcceptances } from "../schema/tables/index.ts";
import { appendAuditEvent } from "./audit.ts";
import { parisDay } from "./calendar.ts";
import type { CguVersion } from "./deps.ts";

/** The latest version whose effective day (in Paris) has come; undefined if none has. */
export function cguInForce(versions: readonly CguVersion[], now: Date): CguVersion | undefined {
	const today = parisDay(now);
	return [...versions]
		.filter((version) => version.effectiveDate <= today)
		.sort((a, b) => (a.effectiveDate < b.effectiveDate ? 1 : -1))[0];
}

/** The version before `version` in effective order, to link to what changed. */
export function previousCgu(versions: readonly CguVersion[], version: CguVersion): CguVersion | undefined {
	const sorted = [...versions].sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : 1));
	return sorted[sorted.findIndex((v) => v.version === version.version) - 1];
}

export async function latestAcceptedCgu(db: Database, accountId: number): Promise<string | undefined> {
	const [row] = await db
		.select({ version: cguAcceptances.version })
		.from(cguAcceptances)
		.where(eq(cguAcceptances.accountId, accountId))
		.orderBy(desc(cguAcceptances.acceptedAt))
		.limit(1);
	return row?.version;
}

// An acceptance is never withdrawn (the table refuses UPDATE, and rows are not deleted): once
// seen, it is remembered, which spares a query on every signed-in page.
const acceptedSeen = new WeakMap<Database, Set<string>>();

export async function hasAcceptedCgu(db: Database, accountId: number, version: string): Promise<boolean> {
	const key = `${accountId}:${version}`;
	const seen = acceptedSeen.get(db) ?? new Set<string>();
	acceptedSeen.set(db, seen);
	if (seen.has(key)) return true;
	const accepted = await queryAcceptance(db, accountId, version);
	if (accepted) {
		// Bounded: a few megabytes at most, then it starts afresh.
		if (seen.size >= 200_000) seen.clear();
		seen.add(key);
	}
	return accepted;
}

async function queryAcceptance(db: Database, accountId: number, version: string): Promise<boolean> {
	const [row] = await db
		.select({ id: cguAcceptances.id })
		.from(cguAcceptances)
		.where(and(eq(cguAcceptances.accountId, accountId), eq(cguAcceptances.version, version)))
		.limit(1);
	return row !== undefined;
}

export interface CguAcceptance {
	readonly accountId: number;
	readonly sessionId: string;
	readonly version: string;
	readonly capacity: CapacityStatement;
	readonly now: Date;
	readonly correlationId: string;
	readonly via: "page" | "api";
}

/** Records the acceptance (once per version) and its audit entry, in one transaction. */
export async function acceptCgu(db: Database, input: CguAcceptance): Promise<void> {
	await db.transaction(
		async (tx) => {
			await tx
				.insert(cguAcceptances)
				.values({
					accountId: input.accountId,
					version: input.version,
					acceptedAt: input.now,
					capacity: input.capacity,
				})
				.onConflictDoNothing();
			await appendAuditEvent(tx, {
				occurredAt: input.now,
				accountId: input.accountId,
				sessionId: input.sessionId,
				actorKind: "account",
				action: "cgu.accepted",
				objectType: "cgu",
				objectId: input.version,
				outcome: "success",
				correlationId: input.correlationId,
				details: { capacity: input.capacity, via: input.via },
			});
		},
		{ behavior: "immediate" },
	);
}
