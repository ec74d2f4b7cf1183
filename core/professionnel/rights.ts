// A member's rights as a practice sees them (issue 13): the member number, the beneficiary's
// birth date and the date of care give exactly what the attestation de tiers payant in force that
// day prints (core/adherent/card.ts), for that beneficiary only: validity, the pavé normalisé,
// covered or not per care domain with its level, tiers payant or not. Nothing more: no address,
// no NIR, no history, no other beneficiary. Every check is rate-limited per practice, recorded
// (rights_checks, the audit trail with the member as its object) and looked at for harvesting.
import { and, eq, sql } from "drizzle-orm";
import { runGroupedBatch } from "../../db/batch.ts";
import type { Database } from "../../db/client.ts";
import { preparedFor } from "../../db/prepared.ts";
import type { Relationship } from "../../schema/enums.ts";
import { beneficiaries, persons, type RightsCheckChannel, rightsChecks } from "../../schema/tables/index.ts";
import { currentCardEntries, currentCardOfBatch, type MemberCard } from "../adherent/card.ts";
import { recordAuditEvent } from "../audit.ts";
import type { Config } from "../config.ts";
import { type RateLimitInput, rateLimitEntry, rateLimitOutcome } from "../rate-limit.ts";
import {
	harvestingWatchEntries,
	patternsOfWatch,
	raiseHarvestingAlerts,
	type StaffAlerting,
	staffAlertingOf,
} from "./harvesting.ts";
import type { PracticeScope } from "./practice.ts";

/** Per practice, whatever the channel: a burst a busy pharmacy never reaches, and an hourly cap. */
export interface RightsCheckLimits {
	readonly perMinute: number;
	readonly perHour: number;
}
export const RIGHTS_CHECK_LIMITS: RightsCheckLimits = { perMinute: 30, perHour: 300 };

/** What the configuration sets for rights checks (RIGHTS_CHECKS_PER_MINUTE/_HOUR, STAFF_ALERT_EMAIL). */
export function rightsCheckSettingsOf(
	config: Pick<Config, "rightsCheckLimits" | "staffAlertTo" | "publicUrl">,
): Pick<RightsActor, "limits" | "staffAlerting"> {
	return { limits: config.rightsCheckLimits, staffAlerting: staffAlertingOf(config) };
}

/** A value printed in a domain's cell that says the domain is not covered. */
const NOT_COVERED = new Set(["NON", "", "-", "–"]);

export interface RightsBeneficiary {
	readonly lastName: string;
	readonly firstName: string;
	readonly birthDate: string;
	readonly relationship: Relationship;
}

export interface RightsDomain {
	readonly code: string;
	readonly label: string | null;
	/** The level or circuit code printed in the card's cell. */
	readonly value: string;
	readonly covered: boolean;
}

/** What the screen, the QR code's page and the API show: the card's content for one day. */
export interface PracticeRights {
	readonly careDate: string;
	readonly memberNumber: string;
	readonly amcNumber: string;
	readonly conventionType: string;
	readonly routingCriterion: string;
	readonly validFrom: string;
	readonly validTo: string;
	readonly responsible: boolean;
	/** Tiers payant applies: a card valid on the day of care (the card is an attestation of it). */
	readonly tiersPayant: boolean;
	readonly beneficiaries: readonly RightsBeneficiary[];
	readonly domains: readonly RightsDomain[];
}

export interface RightsQuery {
	/** Digits only, checked at the boundary. */
	readonly memberNumber: string;
	/** `YYYY-MM-DD`. */
	readonly birthDate: string;
	/** `YYYY-MM-DD`, the Paris day of care. */
	readonly careDate: string;
}

export interface RightsActor {
	/** The practice's session, or (sessionId null) the account its API key was created by. */
	readonly scope: Omit<PracticeScope, "sessionId"> & { readonly sessionId: string | null };
	/** Set when the practice's software asked with an API key. */
	readonly apiKeyId?: number;
	readonly channel: RightsCheckChannel;
	readonly correlationId: string;
	readonly now: Date;
	/** Where a harvesting alert is e-mailed (the edge app's configuration); absent: recorded only. */
	readonly staffAlerting?: StaffAlerting | undefined;
	/** The practice's limits (the configuration's); absent: RIGHTS_CHECK_LIMITS. */
	readonly limits?: RightsCheckLimits | undefined;
}

export interface RightsRateLimited {
	readonly ok: false;
	readonly reason: "rate_limited";
	readonly retryAfterSeconds: number;
}

export type RightsRefusal =
	| RightsRateLimited
	/** No beneficiary with this member number and birth date: the same answer for both. */
	| { readonly ok: false; readonly reason: "not_found" }
	/** The beneficiary is known, but no card covers them on that day (droits fermés). */
	| { readonly ok: false; readonly reason: "no_rights" };

export type RightsCheckResult = { readonly ok: true; readonly rights: PracticeRights } | RightsRefusal;

/** The card's content as the practice may see it, for the given beneficiaries only. */
export function rightsOfCard(
	card: MemberCard,
	careDate: string,
	beneficiaries: MemberCard["beneficiaries"],
): PracticeRights {
	return {
		careDate,
		memberNumber: card.memberNumber,
		amcNumber: card.amcNumber,
		conventionType: card.conventionType,
		routingCriterion: card.routingCriterion,
		validFrom: card.validFrom,
		validTo: card.validTo,
		responsible: card.offer?.responsible ?? false,
		tiersPayant: true,
		beneficiaries: beneficiaries.map(({ lastName, firstName, birthDate, relationship }) => ({
			lastName,
			firstName,
			birthDate,
			relationship,
		})),
		domains: card.domains.map((domain) => ({
			code: domain.code,
			label: domain.label,
			value: domain.value,
			covered: !NOT_COVERED.has(domain.value.trim().toUpperCase()),
		})),
	};
}

/** The practice's two windows (minute, hour), counted on every check whatever its outcome. */
function limitInputs(professionalId: number, now: Date, limits: RightsCheckLimits): RateLimitInput[] {
	return [
		{ name: "minute", limit: limits.perMinute, windowMs: 60_000 },
		{ name: "hour", limit: limits.perHour, windowMs: 3_600_000 },
	].map((window) => ({
		key: `rights_check:${window.name}:professional:${professionalId}`,
		limit: window.limit,
		windowMs: window.windowMs,
		now,
	}));
}

function countBoth(db: Database, professionalId: number, now: Date, limits: RightsCheckLimits) {
	const [minute, hour] = limitInputs(professionalId, now, limits) as [RateLimitInput, RateLimitInput];
	return { inputs: [minute, hour], entries: [rateLimitEntry(db, minute), rateLimitEntry(db, hour)] } as const;
}

function refusalOf(
	inputs: readonly RateLimitInput[],
	rows: readonly (readonly { count: number; windowStartedAt: Date }[])[],
): RightsRateLimited | null {
	let retryAfterSeconds = 0;
	for (const [index, input] of inputs.entries()) {
		const result = rateLimitOutcome(input, rows[index] ?? []);
		if (!result.ok) retryAfterSeconds = Math.max(retryAfterSeconds, result.retryAfterSeconds);
	}
	return retryAfterSeconds > 0 ? { ok: false, reason: "rate_limited", retryAfterSeconds } : null;
}

/** Counts one check against the practice's limits; the refusal to give when one is reached. */
export async function consumeRightsCheck(
	db: Database,
	professionalId: number,
	now: Date,
	limits: RightsCheckLimits = RIGHTS_CHECK_LIMITS,
): Promise<RightsRateLimited | null> {
	const { inputs, entries } = countBoth(db, professionalId, now, limits);
	return refusalOf(inputs, await runGroupedBatch(db, entries));
}

export interface RecordedCheck {
	readonly memberNumberAsSent: string;
	readonly memberId: number | null;
	readonly careDate: string;
	readonly found: boolean;
}

// The statements every check runs are built once per database (db/prepared.ts, ADR 0044): with
// a dozen statements a check, building them anew was a large share of its time.
const insertCheck = preparedFor((db) =>
	db
		.insert(rightsChecks)
		.values({
			professionalId: sql.placeholder("professionalId"),
			accountId: sql.placeholder("accountId"),
			channel: sql.placeholder("channel"),
			checkedAt: sql.placeholder("checkedAt"),
			memberNumberAsSent: sql.placeholder("memberNumberAsSent"),
			memberId: sql.placeholder("memberId"),
			careDate: sql.placeholder("careDate"),
			found: sql.placeholder("found"),
		})
		.prepare(),
);

/**
 * Writes the check (rights_checks, and the audit trail with the member as its object, so that
 * the member can be shown who checked their rights), then looks for harvesting patterns: the
 * check and the watch's reads in one transaction (ADR 0049), the audit entry group-committed.
 */
export async function recordRightsCheck(
	db: Database,
	actor: RightsActor,
	check: RecordedCheck,
): Promise<void> {
	const { scope, channel, correlationId, now } = actor;
	const [, ...watch] = await runGroupedBatch(db, [
		{
			run: insertCheck(db),
			values: {
				professionalId: scope.professionalId,
				accountId: scope.accountId,
				channel,
				checkedAt: now,
				memberNumberAsSent: check.memberNumberAsSent,
				memberId: check.memberId,
				careDate: check.careDate,
				found: check.found,
			},
		},
		...harvestingWatchEntries(db, scope.professionalId, now),
	]);
	await recordAuditEvent(db, {
		occurredAt: now,
		accountId: scope.accountId,
		sessionId: scope.sessionId,
		actorKind: "account",
		action: "professionnel.rights.checked",
		objectType: check.memberId === null ? null : "member",
		objectId: check.memberId === null ? null : String(check.memberId),
		outcome: check.found ? "success" : "failure",
		correlationId,
		details: {
			professionalId: scope.professionalId,
			channel,
			careDate: check.careDate,
			...(actor.apiKeyId === undefined ? {} : { apiKeyId: actor.apiKeyId }),
		},
	});
	const found = await patternsOfWatch(db, scope.professionalId, now, watch);
	if (found.length > 0)
		await raiseHarvestingAlerts(db, scope.professionalId, found, now, correlationId, actor.staffAlerting);
}

/** The screen's and the API's check: one beneficiary, one day of care. */
export async function checkRights(
	db: Database,
	actor: RightsActor,
	query: RightsQuery,
): Promise<RightsCheckResult> {
	// The counts and the card's reads in one transaction (ADR 0049): a refused check reads the
	// card too, and answers nothing of it.
	const { inputs, entries } = countBoth(
		db,
		actor.scope.professionalId,
		actor.now,
		actor.limits ?? RIGHTS_CHECK_LIMITS,
	);
	const [minute, hour, ...reads] = await runGroupedBatch(db, [
		...entries,
		...currentCardEntries(db, query.memberNumber, query.careDate),
	]);
	const limited = refusalOf(inputs, [minute, hour]);
	if (limited) return limited;
	const { memberId, card } = currentCardOfBatch(reads);
	const beneficiary = card?.beneficiaries.filter((person) => person.birthDate === query.birthDate) ?? [];
	const result: RightsCheckResult =
		card && beneficiary.length > 0
			? { ok: true, rights: rightsOfCard(card, query.careDate, beneficiary) }
			: memberId !== null && (await isBeneficiaryOf(db, memberId, query.birthDate))
				? { ok: false, reason: "no_rights" }
				: { ok: false, reason: "not_found" };
	await recordRightsCheck(db, actor, {
		memberNumberAsSent: query.memberNumber,
		memberId: result.ok || result.reason === "no_rights" ? memberId : null,
		careDate: query.careDate,
		found: result.ok,
	});
	return result;
}

/** Whether anyone with this birth date was ever a beneficiary of the member (any period). */
async function isBeneficiaryOf(db: Database, memberId: number, birthDate: string): Promise<boolean> {
	const rows = await db
		.select({ id: beneficiaries.id })
		.from(beneficiaries)
		.innerJoin(persons, eq(persons.id, beneficiaries.personId))
		.where(and(eq(beneficiaries.memberId, memberId), eq(persons.birthDate, birthDate)))
		.limit(1);
	return rows.length > 0;
}
