// Harvesting a member base through rights checks is what the terms forbid (article 3) and what
// the 2024 tiers-payant breaches looked like: one practice's login walking member numbers. After
// every check, the practice's recent checks are looked at for two patterns; either one raises a
// recorded alert for the insurer's staff (rights_check_alerts, and the audit trail), at most one
// per practice, pattern and hour, so that a burst does not bury staff under alerts.
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { type HarvestingPattern, rightsCheckAlerts, rightsChecks } from "../../schema/tables/index.ts";
import { recordAuditEvent } from "../audit.ts";

/** More distinct member numbers than this within the window is more than one desk sees. */
export const MANY_MEMBERS = { windowMs: 10 * 60_000, distinctMembers: 25 } as const;
/** This many distinct member numbers in a row, each one more than the previous (in any order). */
export const SEQUENTIAL = { windowMs: 60 * 60_000, run: 5 } as const;
const ALERT_QUIET_MS = 60 * 60_000;

/** Whether the numbers, taken as integers, are consecutive once sorted (no gap, no repeat). */
export function isConsecutiveRun(numbers: readonly string[]): boolean {
	if (numbers.length < 2) return false;
	const sorted = numbers.map((n) => BigInt(n)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	return sorted.every((value, index) => index === 0 || value - (sorted[index - 1] ?? 0n) === 1n);
}

/** The harvesting patterns the practice's recent checks show, as of `now`. */
export async function harvestingPatterns(
	db: Database,
	professionalId: number,
	now: Date,
): Promise<{ pattern: HarvestingPattern; details: Record<string, number> }[]> {
	const found: { pattern: HarvestingPattern; details: Record<string, number> }[] = [];
	const [volume] = await db
		.select({ distinct: sql<number>`count(DISTINCT ${rightsChecks.memberNumberAsSent})` })
		.from(rightsChecks)
		.where(
			and(
				eq(rightsChecks.professionalId, professionalId),
				gt(rightsChecks.checkedAt, new Date(now.getTime() - MANY_MEMBERS.windowMs)),
			),
		);
	const distinct = Number(volume?.distinct ?? 0);
	if (distinct > MANY_MEMBERS.distinctMembers)
		found.push({
			pattern: "many_members",
			details: { distinct, windowMinutes: MANY_MEMBERS.windowMs / 60_000 },
		});
	const recent = await db
		.select({ number: rightsChecks.memberNumberAsSent })
		.from(rightsChecks)
		.where(
			and(
				eq(rightsChecks.professionalId, professionalId),
				gt(rightsChecks.checkedAt, new Date(now.getTime() - SEQUENTIAL.windowMs)),
			),
		)
		.orderBy(desc(rightsChecks.id))
		.limit(SEQUENTIAL.run * 4);
	const latest = [...new Set(recent.map((row) => row.number))].slice(0, SEQUENTIAL.run);
	if (latest.length === SEQUENTIAL.run && isConsecutiveRun(latest))
		found.push({ pattern: "sequential_numbers", details: { run: SEQUENTIAL.run } });
	return found;
}

/** Raises an alert for each pattern found, unless one for it is still recent and open. */
export async function watchForHarvesting(
	db: Database,
	professionalId: number,
	now: Date,
	correlationId: string,
): Promise<HarvestingPattern[]> {
	const raised: HarvestingPattern[] = [];
	for (const { pattern, details } of await harvestingPatterns(db, professionalId, now)) {
		const [open] = await db
			.select({ id: rightsCheckAlerts.id })
			.from(rightsCheckAlerts)
			.where(
				and(
					eq(rightsCheckAlerts.professionalId, professionalId),
					eq(rightsCheckAlerts.pattern, pattern),
					isNull(rightsCheckAlerts.closedAt),
					gt(rightsCheckAlerts.raisedAt, new Date(now.getTime() - ALERT_QUIET_MS)),
				),
			)
			.limit(1);
		if (open) continue;
		const [alert] = await db
			.insert(rightsCheckAlerts)
			.values({ professionalId, pattern, raisedAt: now, details })
			.returning({ id: rightsCheckAlerts.id });
		await recordAuditEvent(db, {
			occurredAt: now,
			actorKind: "system",
			action: "professionnel.rights.harvesting_suspected",
			objectType: "professional",
			objectId: String(professionalId),
			outcome: "success",
			correlationId,
			details: { pattern, alertId: alert?.id ?? null, ...details },
		});
		raised.push(pattern);
	}
	return raised;
}

export interface OpenAlert {
	readonly id: number;
	readonly professionalId: number;
	readonly pattern: HarvestingPattern;
	readonly raisedAt: Date;
}

/** The alerts staff have not closed yet, newest first. */
export function listOpenHarvestingAlerts(db: Database): Promise<OpenAlert[]> {
	return db
		.select({
			id: rightsCheckAlerts.id,
			professionalId: rightsCheckAlerts.professionalId,
			pattern: rightsCheckAlerts.pattern,
			raisedAt: rightsCheckAlerts.raisedAt,
		})
		.from(rightsCheckAlerts)
		.where(isNull(rightsCheckAlerts.closedAt))
		.orderBy(desc(rightsCheckAlerts.raisedAt));
}
