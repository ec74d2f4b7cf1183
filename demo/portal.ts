// Portal-side records of the demo: accounts (with their CGU acceptance and consent choices) and
// requests with their status history and deadlines.
import type { AccountState, CapacityStatement, RequestKind, RequestStatus, Space } from "../schema/enums.ts";
import { CGU_VERSION, type SeedContext } from "./context.ts";
import { addMonths, addYears, dayString, MS_PER_DAY } from "./dates.ts";

export interface AccountInput {
	readonly space: Space;
	readonly identifier: string;
	readonly email: string;
	readonly memberId?: number;
	readonly companyId?: number;
	readonly professionalId?: number;
	readonly staffPersonId?: number;
	/** Day the account was created (activation follows within minutes). */
	readonly createdDay: number;
	readonly passwordHash: string | null;
	readonly state: AccountState;
	readonly stateReason?: string | null;
	/** Last day of access (two years after the end of the contract, affiliation or convention). */
	readonly accessUntilDay?: number | null;
	readonly totpSecret?: string | null;
	readonly capacity: CapacityStatement;
}

export function addAccount(ctx: SeedContext, input: AccountInput): number {
	const id = ctx.ids.account.next();
	const createdAt = ctx.instantOn(input.createdDay);
	const activated = input.state !== "pending";
	const activatedAt = activated ? Math.min(createdAt + ctx.random.int(2, 40) * 60_000, ctx.nowMs) : null;
	const lastSignInAt =
		input.state === "active"
			? Math.max(activatedAt ?? createdAt, ctx.nowMs - ctx.random.int(1, 60 * 24 * 60) * 60_000)
			: activatedAt;
	const closedAt =
		input.state === "closed" && input.accessUntilDay != null
			? Math.min((input.accessUntilDay + 1) * MS_PER_DAY, ctx.nowMs)
			: null;
	const suspendedAt = input.state === "suspended" ? ctx.nowMs - ctx.random.int(1, 30) * MS_PER_DAY : null;
	const totp = input.totpSecret ?? null;
	ctx.sink.accounts.push([
		id,
		input.identifier,
		input.space,
		input.memberId ?? null,
		input.companyId ?? null,
		input.professionalId ?? null,
		input.staffPersonId ?? null,
		input.email,
		activatedAt,
		activated ? input.passwordHash : null,
		activated ? activatedAt : null,
		input.state,
		input.stateReason ?? null,
		createdAt,
		activatedAt,
		suspendedAt,
		closedAt,
		null,
		input.accessUntilDay == null ? null : dayString(input.accessUntilDay),
		totp,
		totp !== null && activated,
		totp !== null && activated ? activatedAt : null,
		null,
		totp !== null ? "totp" : "email",
		lastSignInAt,
		Math.max(createdAt, lastSignInAt ?? createdAt),
	]);
	if (activatedAt !== null) {
		ctx.sink.cguAcceptances.push([id, CGU_VERSION, activatedAt, input.capacity]);
	}
	return id;
}

/** Marketing and profiling choices of a member account (opposition is a right, art. 21 GDPR). */
export function addConsents(ctx: SeedContext, accountId: number, day: number): void {
	if (ctx.random.chance(0.3)) ctx.sink.consents.push([accountId, "marketing", "opposed", ctx.instantOn(day)]);
	if (ctx.random.chance(0.1)) ctx.sink.consents.push([accountId, "profiling", "opposed", ctx.instantOn(day)]);
}

/** Access ends two years after the contract, affiliation or convention ends (CGU art. 7). */
export function accessUntil(endDay: number | null): number | null {
	return endDay === null ? null : addYears(endDay, 2);
}

export interface RequestInput {
	readonly kind: RequestKind;
	readonly subKind?: string | null;
	readonly accountId: number | null;
	readonly createdDay: number;
	readonly payload: Record<string, unknown>;
	/** Statuses reached after "received", in order. */
	readonly path: readonly RequestStatus[];
	readonly answerText?: string;
	readonly staffAccountId?: number | null;
}

const STEP_DAYS: Partial<Record<RequestStatus, number>> = {
	acknowledged: 3,
	in_progress: 5,
	answered: 12,
	closed: 4,
	rejected: 10,
};

/**
 * Deadlines: a complaint is acknowledged within 10 working days (about 14 calendar days) and
 * answered within 2 months (ACPR 2022-R-01); GDPR and other requests within one month.
 */
export function addRequest(ctx: SeedContext, input: RequestInput): number {
	const id = ctx.ids.request.next();
	const createdAt = ctx.instantOn(input.createdDay);
	const complaint = input.kind === "complaint";
	const acknowledgeBy = complaint ? createdAt + 14 * MS_PER_DAY : null;
	const answerBy = addMonths(input.createdDay, complaint ? 2 : 1) * MS_PER_DAY + (createdAt % MS_PER_DAY);
	let status: RequestStatus = "received";
	let at = createdAt;
	let acknowledgedAt: number | null = null;
	let answeredAt: number | null = null;
	let closedAt: number | null = null;
	const history: [RequestStatus | null, RequestStatus, number, number | null][] = [
		[null, "received", createdAt, null],
	];
	for (const next of input.path) {
		const candidate = at + (STEP_DAYS[next] ?? 3) * MS_PER_DAY + ctx.random.int(0, 8 * 3600) * 1000;
		if (candidate > ctx.nowMs) break;
		at = candidate;
		history.push([status, next, at, input.staffAccountId ?? null]);
		status = next;
		if (next === "acknowledged") acknowledgedAt = at;
		if (next === "answered" || next === "rejected") answeredAt = at;
		if (next === "closed") closedAt = at;
	}
	const year = dayString(input.createdDay).slice(0, 4);
	ctx.sink.requests.push([
		id,
		`R${year}-${String(id).padStart(6, "0")}`,
		input.kind,
		input.subKind ?? null,
		input.accountId,
		"web",
		JSON.stringify(input.payload),
		status,
		createdAt,
		acknowledgeBy,
		acknowledgedAt,
		answerBy,
		answeredAt,
		answeredAt === null ? null : (input.answerText ?? "Votre demande a été traitée."),
		answeredAt === null ? null : (input.staffAccountId ?? null),
		input.staffAccountId ?? null,
		closedAt,
		at,
	]);
	for (const [from, to, changedAt, by] of history)
		ctx.sink.requestHistory.push([id, from, to, changedAt, by, null]);
	return id;
}
