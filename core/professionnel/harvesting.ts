// Harvesting a member base through rights checks is what the terms forbid (article 3) and what
// the 2024 tiers-payant breaches looked like: one practice's login walking member numbers. After
// every check, the practice's recent checks are looked at for two patterns; either one raises a
// recorded alert for the insurer's staff (rights_check_alerts, and the audit trail), at most one
// per practice, pattern and hour, so that a burst does not bury staff under alerts; each alert
// is e-mailed to staff through the outbox, in the transaction that records it (one mail per
// alert, never one per check).
import { and, count, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { runBatch } from "../../db/batch.ts";
import type { Database } from "../../db/client.ts";
import { preparedFor } from "../../db/prepared.ts";
import {
	accounts,
	type HarvestingPattern,
	professionals,
	rightsCheckAlerts,
	rightsCheckRecentMembers,
	rightsChecks,
} from "../../schema/tables/index.ts";
import { appendAuditEvent } from "../audit.ts";
import type { Config } from "../config.ts";
import type { Executor } from "../queue.ts";
import { queueMail } from "../send-mail.ts";
import { practiceName } from "./practice.ts";

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

/**
 * How long rights_check_recent_members keeps a number after its latest check: the trigger of
 * schema/migrations/0025_rights_custom.sql drops older rows (1 200 000 ms there). Twice the
 * window, so that a check whose clock lags a little behind another's still finds every number.
 */
export const RECENT_MEMBERS_KEPT_MS = 2 * MANY_MEMBERS.windowMs;

// Run after every check: built once per database (db/prepared.ts).
const inWindow = and(
	eq(rightsCheckRecentMembers.professionalId, sql.placeholder("professionalId")),
	gt(rightsCheckRecentMembers.lastCheckedAt, sql.placeholder("since")),
);
/** Up to one more than the threshold: the time index alone answers it. */
const numbersInWindow = preparedFor((db) =>
	db
		.select({ at: rightsCheckRecentMembers.lastCheckedAt })
		.from(rightsCheckRecentMembers)
		.where(inWindow)
		.limit(MANY_MEMBERS.distinctMembers + 1)
		.prepare(),
);
const countInWindow = preparedFor((db) =>
	db.select({ distinct: count() }).from(rightsCheckRecentMembers).where(inWindow).prepare(),
);
/**
 * The latest checks by their time (ties in the order they were written): the order of the
 * index, so that the read stops after them. Checks are written in the order of their time, but
 * for concurrent ones of one practice, which may swap within the same milliseconds.
 */
const latestChecks = preparedFor((db) =>
	db
		.select({ number: rightsChecks.memberNumberAsSent })
		.from(rightsChecks)
		.where(
			and(
				eq(rightsChecks.professionalId, sql.placeholder("professionalId")),
				gt(rightsChecks.checkedAt, sql.placeholder("since")),
			),
		)
		.orderBy(desc(rightsChecks.checkedAt), desc(rightsChecks.id))
		.limit(SEQUENTIAL.run * 4)
		.prepare(),
);

type Found = { pattern: HarvestingPattern; details: Record<string, number> }[];

/**
 * The watch's two reads as batch entries (db/batch.ts), for the transaction that writes the
 * check (ADR 0049); `patternsOfWatch` reads their results.
 */
export function harvestingWatchEntries(db: Database, professionalId: number, now: Date) {
	// Instants as the integer milliseconds stored (placeholders in a condition are not encoded).
	return [
		{ all: numbersInWindow(db), values: { professionalId, since: now.getTime() - MANY_MEMBERS.windowMs } },
		{ all: latestChecks(db), values: { professionalId, since: now.getTime() - SEQUENTIAL.windowMs } },
	] as const;
}

/** The patterns the watch's reads show (the exact count of numbers read only past the threshold). */
export async function patternsOfWatch(
	db: Database,
	professionalId: number,
	now: Date,
	[firstOnes, recent]: readonly [readonly { at: Date }[], readonly { number: string }[]],
): Promise<Found> {
	const found: Found = [];
	if (firstOnes.length > MANY_MEMBERS.distinctMembers) {
		const [volume] = await countInWindow(db).all({
			professionalId,
			since: now.getTime() - MANY_MEMBERS.windowMs,
		});
		found.push({
			pattern: "many_members",
			details: {
				distinct: volume?.distinct ?? firstOnes.length,
				windowMinutes: MANY_MEMBERS.windowMs / 60_000,
			},
		});
	}
	const latest = [...new Set(recent.map((row) => row.number))].slice(0, SEQUENTIAL.run);
	if (latest.length === SEQUENTIAL.run && isConsecutiveRun(latest))
		found.push({ pattern: "sequential_numbers", details: { run: SEQUENTIAL.run } });
	return found;
}

/**
 * The harvesting patterns the practice's recent checks show, as of `now`. Both reads are bounded
 * whatever the practice's volume (ADR 0044): the distinct numbers of the window come from
 * rights_check_recent_members (one row per number, read up to the threshold; counted in full only
 * once it is passed), and the latest checks are read backwards along the practice's time index.
 */
export async function harvestingPatterns(db: Database, professionalId: number, now: Date): Promise<Found> {
	const reads = await runBatch(db, "read", harvestingWatchEntries(db, professionalId, now));
	return patternsOfWatch(db, professionalId, now, reads);
}

/** Where the alerts are e-mailed: the configured staff address, or every active staff account. */
export interface StaffAlerting {
	readonly to: string | undefined;
	readonly publicUrl: URL;
}

export function staffAlertingOf(config: Pick<Config, "staffAlertTo" | "publicUrl">): StaffAlerting {
	return { to: config.staffAlertTo, publicUrl: config.publicUrl };
}

async function staffRecipients(
	db: Executor,
	to: string | undefined,
): Promise<{ email: string; id: number | null }[]> {
	if (to) return [{ email: to, id: null }];
	return db
		.select({ email: accounts.email, id: accounts.id })
		.from(accounts)
		.where(and(eq(accounts.space, "gestionnaire"), eq(accounts.state, "active")));
}

/**
 * Raises an alert for each pattern found, unless one for it is still recent and open, and
 * e-mails it to staff when `alerting` says where (the edge app always does).
 */
export async function watchForHarvesting(
	db: Database,
	professionalId: number,
	now: Date,
	correlationId: string,
	alerting?: StaffAlerting,
): Promise<HarvestingPattern[]> {
	const found = await harvestingPatterns(db, professionalId, now);
	return raiseHarvestingAlerts(db, professionalId, found, now, correlationId, alerting);
}

/** The alerts for patterns found (by `harvestingPatterns` or `patternsOfWatch`): see watchForHarvesting. */
export async function raiseHarvestingAlerts(
	db: Database,
	professionalId: number,
	found: Found,
	now: Date,
	correlationId: string,
	alerting?: StaffAlerting,
): Promise<HarvestingPattern[]> {
	const raised: HarvestingPattern[] = [];
	for (const { pattern, details } of found) {
		// Checked and written in one write transaction: two checks at once raise one alert.
		const alertId = await db.transaction(
			async (tx) => {
				const [open] = await tx
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
				if (open) return null;
				const [alert] = await tx
					.insert(rightsCheckAlerts)
					.values({ professionalId, pattern, raisedAt: now, details })
					.returning({ id: rightsCheckAlerts.id });
				if (!alert) throw new Error("harvesting alert: not written");
				await appendAuditEvent(tx, {
					occurredAt: now,
					actorKind: "system",
					action: "professionnel.rights.harvesting_suspected",
					objectType: "professional",
					objectId: String(professionalId),
					outcome: "success",
					correlationId,
					details: { pattern, alertId: alert.id, ...details },
				});
				if (alerting) await mailAlert(tx, alert.id, { professionalId, pattern, details, now }, alerting);
				return alert.id;
			},
			{ behavior: "immediate" },
		);
		if (alertId !== null) raised.push(pattern);
	}
	return raised;
}

async function mailAlert(
	tx: Executor,
	alertId: number,
	alert: {
		readonly professionalId: number;
		readonly pattern: HarvestingPattern;
		readonly details: Record<string, number>;
		readonly now: Date;
	},
	alerting: StaffAlerting,
): Promise<void> {
	const [practice] = await tx
		.select({
			practiceName: professionals.practiceName,
			firstName: professionals.firstName,
			lastName: professionals.lastName,
		})
		.from(professionals)
		.where(eq(professionals.id, alert.professionalId));
	for (const staff of await staffRecipients(tx, alerting.to))
		await queueMail(tx, {
			template: "harvesting-alert",
			data: {
				alertId,
				professionalId: alert.professionalId,
				practiceName: practice ? practiceName(practice) : "Cabinet inconnu",
				pattern: alert.pattern,
				raisedAt: alert.now.toISOString(),
				details: alert.details,
			},
			to: staff.email,
			accountId: staff.id,
			idempotencyKey: `harvesting-alert/${alertId}/${staff.email}`,
			now: alert.now,
			publicUrl: alerting.publicUrl,
		});
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
