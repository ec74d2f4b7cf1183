// The maintenance switch of « Exploitation » (admin only, ADR 0037): start it now or end it, or
// announce a window, through core/maintenance.ts (the same services as `npm run maintenance`),
// each action with an audit entry naming the staff member. Staff type the window in Paris time
// ("12/12/2026 22:00"), as every date of the space is shown.
import type { Database } from "../../db/client.ts";
import { recordAuditEvent } from "../audit.ts";
import { isRealDay } from "../calendar.ts";
import {
	type AnnounceResult,
	announceMaintenance,
	endMaintenance,
	startMaintenance,
} from "../maintenance.ts";
import { type StaffActor, staffAuditActor } from "./staff.ts";

export const MAINTENANCE_MESSAGE_MAX_LENGTH = 300;

function audit(
	db: Database,
	actor: StaffActor,
	now: Date,
	action: string,
	objectId: number | null,
	details = {},
) {
	return recordAuditEvent(db, {
		occurredAt: now,
		...staffAuditActor(actor),
		action,
		objectType: "service_event",
		objectId: objectId === null ? null : String(objectId),
		outcome: "success",
		details,
	});
}

/** Switches maintenance on now (the message shown on the banner, optional). */
export async function startMaintenanceNow(
	db: Database,
	input: { message: string | undefined; now: Date; actor: StaffActor },
): Promise<number> {
	const id = await startMaintenance(db, { message: input.message }, input.now);
	await audit(db, input.actor, input.now, "gestion.maintenance.started", id);
	return id;
}

/** Switches the maintenance in progress off; how many were ended (0: there was none). */
export async function endMaintenanceNow(
	db: Database,
	input: { now: Date; actor: StaffActor },
): Promise<number> {
	const ended = await endMaintenance(db, input.now);
	await audit(db, input.actor, input.now, "gestion.maintenance.ended", null, { ended });
	return ended;
}

export async function announceMaintenanceWindow(
	db: Database,
	input: { message: string; startsAt: Date; endsAt: Date; now: Date; actor: StaffActor },
): Promise<AnnounceResult> {
	const result = await announceMaintenance(db, input, input.now);
	if (result.ok)
		await audit(db, input.actor, input.now, "gestion.maintenance.announced", result.id, {
			startsAt: input.startsAt.toISOString(),
			endsAt: input.endsAt.toISOString(),
		});
	return result;
}

/** Paris's offset from UTC at this instant, in milliseconds (+1 h in winter, +2 h in summer). */
function parisOffsetMs(instant: Date): number {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat("en-GB", {
			timeZone: "Europe/Paris",
			hourCycle: "h23",
			year: "numeric",
			month: "2-digit",
			day: "2-digit",
			hour: "2-digit",
			minute: "2-digit",
		})
			.formatToParts(instant)
			.map((part) => [part.type, part.value]),
	);
	const wall = Date.UTC(
		Number(parts.year),
		Number(parts.month) - 1,
		Number(parts.day),
		Number(parts.hour),
		Number(parts.minute),
	);
	return wall - Math.floor(instant.getTime() / 60_000) * 60_000;
}

/** "12/12/2026 22:00" (Paris time) as an instant; null when it is not a real day and time. */
export function parseParisDateTime(text: string): Date | null {
	const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2})[:h](\d{2})$/.exec(text.trim());
	if (!match) return null;
	const [, d, m, y, hh, mm] = match.map(Number) as [number, number, number, number, number, number];
	const day = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
	if (!isRealDay(day) || hh > 23 || mm > 59) return null;
	const wall = Date.UTC(y, m - 1, d, hh, mm);
	// Two passes: the offset at the guess, then at the corrected instant (right across a DST change).
	const first = wall - parisOffsetMs(new Date(wall));
	return new Date(wall - parisOffsetMs(new Date(first)));
}
