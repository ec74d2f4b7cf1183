// `/compte/activite`: a signed-in person's own view of the audit trail (issue 17). What the trail
// holds about their account, never more: sign-ins (with the device label the entry carries),
// consultations and downloads, operations, and who acted (the person, another administrator of
// the same company or practice, the insurer's staff, a health professional checking rights, the
// worker). Every line shown is verified against the chain first (ADR 0027): its own hash, and the
// link to the entry just before it, so a line altered after the fact is never shown as proof.
import { and, desc, eq, gte, inArray, like, lt, not, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Database } from "../db/client.ts";
import type { Space } from "../schema/enums.ts";
import { type Account, accounts, auditEvents, requests } from "../schema/tables/index.ts";
import { GENESIS_HASH, hashEntry } from "./audit.ts";
import { addDays, parisDay } from "./calendar.ts";

export const ACTIVITY_KINDS = ["connexion", "consultation", "operation"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** Who acted, as the person reading their log understands it. */
export type ActivityActor =
	| "self"
	| "colleague"
	| "someone_with_identifier"
	| "staff"
	| "professional"
	| "employer"
	| "worker"
	| "other";

export interface ActivityLine {
	readonly seq: number;
	readonly at: Date;
	readonly kind: ActivityKind;
	readonly action: string;
	readonly outcome: "success" | "failure" | "denied";
	readonly actor: ActivityActor;
	/** The route pattern of a consultation (`/adherent/releves/:id`), or null. */
	readonly page: string | null;
	/** The device label the trail holds for a completed sign-in ("Firefox sur Linux"), or null. */
	readonly device: string | null;
	/** The approximate place, only when the entry itself holds one. */
	readonly place: string | null;
	/** The entry's hash matches its content and its predecessor's stored hash. */
	readonly verified: boolean;
}

export interface ActivityFilter {
	/** First Paris day included, `YYYY-MM-DD`. */
	readonly from?: string | undefined;
	/** Last Paris day included. */
	readonly to?: string | undefined;
	readonly kind?: ActivityKind | undefined;
	/** Only entries older than this sequence number (the next page). */
	readonly before?: number | undefined;
}

export interface ActivityPage {
	readonly lines: readonly ActivityLine[];
	/** The `before` of the next page, or null on the last one. */
	readonly nextBefore: number | null;
	/** Every line of the page verified: false shows a warning and marks the lines. */
	readonly chainIntact: boolean;
}

export const ACTIVITY_PAGE_SIZE = 50;

/** The accounts whose actions the reader sees as "theirs": the company's or the practice's administrators. */
async function ownAccountIds(db: Database, account: Account): Promise<number[]> {
	if (account.space === "employeur" && account.companyId !== null) {
		const rows = await db
			.select({ id: accounts.id })
			.from(accounts)
			.where(eq(accounts.companyId, account.companyId));
		return rows.map((row) => row.id);
	}
	if (account.space === "professionnel" && account.professionalId !== null) {
		const rows = await db
			.select({ id: accounts.id })
			.from(accounts)
			.where(eq(accounts.professionalId, account.professionalId));
		return rows.map((row) => row.id);
	}
	return [account.id];
}

/**
 * What the trail says about these accounts: their own entries, entries about the accounts
 * (objectType "account"), about their requests (staff answering, by id or reference) and, for a
 * member, about the member (objectType "member": a professional checking rights records that).
 */
async function scopeCondition(db: Database, account: Account, ids: readonly number[]): Promise<SQL> {
	const own = await db
		.select({ id: requests.id, reference: requests.reference })
		.from(requests)
		.where(inArray(requests.accountId, [...ids]));
	const conditions: SQL[] = [
		inArray(auditEvents.accountId, [...ids]),
		and(eq(auditEvents.objectType, "account"), inArray(auditEvents.objectId, ids.map(String))) as SQL,
	];
	if (own.length > 0)
		conditions.push(
			and(
				eq(auditEvents.objectType, "request"),
				inArray(auditEvents.objectId, [
					...own.map((row) => String(row.id)),
					...own.map((row) => row.reference),
				]),
			) as SQL,
		);
	if (account.space === "adherent" && account.memberId !== null)
		conditions.push(
			and(eq(auditEvents.objectType, "member"), eq(auditEvents.objectId, String(account.memberId))) as SQL,
		);
	return or(...conditions) as SQL;
}

const CONSULTATION = or(
	like(auditEvents.action, "view:%"),
	like(auditEvents.action, "%.downloaded"),
	like(auditEvents.action, "%.exported"),
) as SQL;
const CONNEXION = like(auditEvents.action, "auth.%");

function kindCondition(kind: ActivityKind): SQL {
	if (kind === "connexion") return CONNEXION;
	if (kind === "consultation") return CONSULTATION;
	return and(not(CONNEXION), not(CONSULTATION)) as SQL;
}

/** The kind of an action, the same rule as kindCondition. */
export function activityKindOf(action: string): ActivityKind {
	if (action.startsWith("auth.")) return "connexion";
	if (action.startsWith("view:") || action.endsWith(".downloaded") || action.endsWith(".exported"))
		return "consultation";
	return "operation";
}

/** The instant a Paris day starts (Paris is one or two hours ahead of UTC). */
export function parisDayStart(day: string): Date {
	for (const offsetHours of [1, 2, 0]) {
		const candidate = new Date(Date.parse(`${day}T00:00:00Z`) - offsetHours * 3_600_000);
		if (parisDay(candidate) === day && parisDay(new Date(candidate.getTime() - 1)) !== day) return candidate;
	}
	return new Date(`${day}T00:00:00Z`);
}

function actorOf(
	row: { actorKind: string; accountId: number | null; actorSpace: Space | null },
	ids: readonly number[],
	reader: Account,
): ActivityActor {
	if (row.actorKind === "staff") return "staff";
	if (row.actorKind === "system") return "worker";
	if (row.accountId !== null && ids.includes(row.accountId)) {
		if (row.actorKind === "anonymous") return "someone_with_identifier";
		return row.accountId === reader.id ? "self" : "colleague";
	}
	if (row.actorSpace === "professionnel") return "professional";
	if (row.actorSpace === "employeur") return "employer";
	if (row.actorSpace === "gestionnaire") return "staff";
	return "other";
}

type Row = typeof auditEvents.$inferSelect;

/** Seq → verified: each row's own hash, and its prevHash against the stored hash of seq - 1. */
async function verifyRows(db: Database, rows: readonly Row[]): Promise<Map<number, boolean>> {
	const previousSeqs = rows.map((row) => row.seq - 1).filter((seq) => seq > 0);
	const previous =
		previousSeqs.length === 0
			? []
			: await db
					.select({ seq: auditEvents.seq, hash: auditEvents.hash })
					.from(auditEvents)
					.where(inArray(auditEvents.seq, previousSeqs));
	const hashBySeq = new Map(previous.map((row) => [row.seq, row.hash]));
	const result = new Map<number, boolean>();
	for (const row of rows) {
		const own = hashEntry({ ...row, details: row.details ?? null }) === row.hash;
		const expectedPrev = row.seq === 1 ? GENESIS_HASH : hashBySeq.get(row.seq - 1);
		result.set(row.seq, own && expectedPrev === row.prevHash);
	}
	return result;
}

const actingAccounts = alias(accounts, "acting_accounts");

async function selectLines(
	db: Database,
	reader: Account,
	extra: readonly SQL[],
	limit: number,
): Promise<{ lines: ActivityLine[]; more: boolean }> {
	const ids = await ownAccountIds(db, reader);
	const rows = await db
		.select({ event: auditEvents, actorSpace: actingAccounts.space })
		.from(auditEvents)
		.leftJoin(actingAccounts, eq(actingAccounts.id, auditEvents.accountId))
		.where(and(await scopeCondition(db, reader, ids), ...extra))
		.orderBy(desc(auditEvents.seq))
		.limit(limit + 1);
	const page = rows.slice(0, limit);
	const verified = await verifyRows(
		db,
		page.map((row) => row.event),
	);
	const lines = page.map(({ event, actorSpace }): ActivityLine => {
		const details = event.details ?? {};
		return {
			seq: event.seq,
			at: event.occurredAt,
			kind: activityKindOf(event.action),
			action: event.action,
			outcome: event.outcome,
			actor: actorOf({ ...event, actorSpace: actorSpace ?? null }, ids, reader),
			page: event.action.startsWith("view:") ? event.action.slice("view:".length) : null,
			device: typeof details.device === "string" ? details.device : null,
			place: typeof details.place === "string" ? details.place : null,
			verified: verified.get(event.seq) === true,
		};
	});
	return { lines, more: rows.length > limit };
}

/** One page of the reader's activity, newest first, each line verified against the chain. */
export async function listActivity(
	db: Database,
	reader: Account,
	filter: ActivityFilter,
): Promise<ActivityPage> {
	const conditions: SQL[] = [];
	if (filter.from) conditions.push(gte(auditEvents.occurredAt, parisDayStart(filter.from)));
	if (filter.to) conditions.push(lt(auditEvents.occurredAt, parisDayStart(addDays(filter.to, 1))));
	if (filter.kind) conditions.push(kindCondition(filter.kind));
	if (filter.before !== undefined) conditions.push(lt(auditEvents.seq, filter.before));
	const { lines, more } = await selectLines(db, reader, conditions, ACTIVITY_PAGE_SIZE);
	return {
		lines,
		nextBefore: more ? (lines.at(-1)?.seq ?? null) : null,
		chainIntact: lines.every((line) => line.verified),
	};
}

/** One line of the reader's own activity (for « Ce n'était pas moi »), or null if not theirs. */
export async function findActivityLine(
	db: Database,
	reader: Account,
	seq: number,
): Promise<ActivityLine | null> {
	const { lines } = await selectLines(db, reader, [eq(auditEvents.seq, seq)], 1);
	return lines[0] ?? null;
}
