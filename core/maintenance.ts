// Availability (article 4 of the CGU): a maintenance mode switched by configuration
// (MAINTENANCE=on) or by staff (`npm run maintenance`, later the back-office), announced in
// advance; incidents recorded for the public /etat-du-service page. During maintenance pages
// are still served and every write is refused before it starts (edge/middleware/maintenance.ts),
// so nothing is half written and nothing is lost. The state is read from the database at most
// every few seconds per process, so switching it reaches every instance within that time.
import { and, desc, eq, gt, isNull, lte, or } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { type ServiceEventKind, serviceEvents } from "../schema/tables/index.ts";

export const STATE_CACHE_MS = 5_000;
export const INCIDENT_HISTORY_DAYS = 90;
/** Retry-After when the end of a maintenance is not known. */
export const DEFAULT_RETRY_AFTER_SECONDS = 600;
export const CONFIGURED_MAINTENANCE_MESSAGE =
	"Une opération de maintenance est en cours. Vous pouvez consulter vos informations ; les modifications reprendront à la fin de l'opération.";

export interface ServiceEvent {
	readonly id: number;
	readonly kind: ServiceEventKind;
	readonly message: string;
	readonly startsAt: Date;
	readonly endsAt: Date | null;
	readonly endedAt: Date | null;
}

export interface ServiceState {
	/** The maintenance in progress, if any (id 0: switched on by configuration). */
	readonly maintenance: ServiceEvent | null;
	/** Maintenance windows announced, soonest first. */
	readonly announced: readonly ServiceEvent[];
	/** Incidents still open or ended within INCIDENT_HISTORY_DAYS, newest first. */
	readonly incidents: readonly ServiceEvent[];
}

/** Reads the state of the service at `now`. */
export async function readServiceState(
	db: Pick<Database, "select">,
	now: Date,
	configured = false,
): Promise<ServiceState> {
	const since = new Date(now.getTime() - INCIDENT_HISTORY_DAYS * 86_400_000);
	const rows = await db
		.select()
		.from(serviceEvents)
		.where(or(isNull(serviceEvents.endedAt), gt(serviceEvents.endedAt, since)))
		.orderBy(desc(serviceEvents.startsAt));
	const open = (row: ServiceEvent) => row.endedAt === null && (row.endsAt === null || row.endsAt > now);
	const current = rows.find((row) => row.kind === "maintenance" && row.startsAt <= now && open(row)) ?? null;
	return {
		maintenance:
			current ??
			(configured
				? {
						id: 0,
						kind: "maintenance",
						message: CONFIGURED_MAINTENANCE_MESSAGE,
						startsAt: now,
						endsAt: null,
						endedAt: null,
					}
				: null),
		announced: rows.filter((row) => row.kind === "maintenance" && row.startsAt > now && open(row)).reverse(),
		incidents: rows.filter((row) => row.kind === "incident"),
	};
}

const cache = new WeakMap<object, { readonly at: number; readonly state: ServiceState }>();

/** The state, read again from the database once STATE_CACHE_MS have passed. */
export async function cachedServiceState(
	db: Database,
	now: Date,
	configured: boolean,
): Promise<ServiceState> {
	const hit = cache.get(db);
	if (hit && now.getTime() - hit.at < STATE_CACHE_MS && now.getTime() >= hit.at) return hit.state;
	const state = await readServiceState(db, now, configured);
	cache.set(db, { at: now.getTime(), state });
	return state;
}

/** Forgets the cached state (after a change made in this process). */
export function forgetServiceState(db: Database): void {
	cache.delete(db);
}

/** Seconds a refused client should wait: until the announced end, else a default. */
export function retryAfterSeconds(maintenance: ServiceEvent, now: Date): number {
	if (!maintenance.endsAt) return DEFAULT_RETRY_AFTER_SECONDS;
	return Math.max(60, Math.ceil((maintenance.endsAt.getTime() - now.getTime()) / 1000));
}

async function insertEvent(
	db: Database,
	event: { kind: ServiceEventKind; message: string; startsAt: Date; endsAt: Date | null },
	now: Date,
): Promise<number> {
	const [row] = await db
		.insert(serviceEvents)
		.values({ ...event, createdAt: now })
		.returning({ id: serviceEvents.id });
	forgetServiceState(db);
	return row?.id ?? 0;
}

/** Switches maintenance on now (until `endsAt` if given); a second call changes nothing. */
export async function startMaintenance(
	db: Database,
	input: { readonly message?: string; readonly endsAt?: Date | null },
	now: Date,
): Promise<number> {
	const current = (await readServiceState(db, now)).maintenance;
	if (current) return current.id;
	return insertEvent(
		db,
		{
			kind: "maintenance",
			message: input.message?.trim() || CONFIGURED_MAINTENANCE_MESSAGE,
			startsAt: now,
			endsAt: input.endsAt ?? null,
		},
		now,
	);
}

/** Switches the maintenance in progress off; returns how many were ended. */
export async function endMaintenance(db: Database, now: Date): Promise<number> {
	const ended = await db
		.update(serviceEvents)
		.set({ endedAt: now })
		.where(
			and(
				eq(serviceEvents.kind, "maintenance"),
				isNull(serviceEvents.endedAt),
				lte(serviceEvents.startsAt, now),
			),
		)
		.returning({ id: serviceEvents.id });
	forgetServiceState(db);
	return ended.length;
}

export type AnnounceResult =
	| { readonly ok: true; readonly id: number }
	| { readonly ok: false; readonly reason: string };

/** Announces a maintenance window: it shows on the banner now, and starts by itself at `startsAt`. */
export async function announceMaintenance(
	db: Database,
	input: { readonly message: string; readonly startsAt: Date; readonly endsAt: Date },
	now: Date,
): Promise<AnnounceResult> {
	if (!(input.startsAt > now)) return { ok: false, reason: "Le début doit être dans le futur." };
	if (!(input.endsAt > input.startsAt)) return { ok: false, reason: "La fin doit suivre le début." };
	if (input.message.trim().length < 5) return { ok: false, reason: "Décrivez l'opération en quelques mots." };
	const id = await insertEvent(
		db,
		{ kind: "maintenance", message: input.message.trim(), startsAt: input.startsAt, endsAt: input.endsAt },
		now,
	);
	return { ok: true, id };
}

/** Records an incident for /etat-du-service. */
export function reportIncident(db: Database, message: string, startsAt: Date, now: Date): Promise<number> {
	return insertEvent(db, { kind: "incident", message: message.trim(), startsAt, endsAt: null }, now);
}

/** Marks an incident resolved; false when there is no such open incident. */
export async function resolveIncident(db: Database, id: number, now: Date): Promise<boolean> {
	const done = await db
		.update(serviceEvents)
		.set({ endedAt: now })
		.where(and(eq(serviceEvents.id, id), eq(serviceEvents.kind, "incident"), isNull(serviceEvents.endedAt)))
		.returning({ id: serviceEvents.id });
	forgetServiceState(db);
	return done.length > 0;
}
