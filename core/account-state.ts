// Account states (article 7 of the CGU; SECURITY.md "Sessions"): pending → active, then
// suspended, closed or deleted. Sessions of an account that is not active are already refused
// by `validateSessionToken`; this module makes the transitions, and only the allowed ones:
// deleted is final, a closed account may be reopened by staff only, and suspending or closing
// ends every session and voids every pending link (reset, activation, e-mail change) at once.
// "Report fraudulent use" links stay valid: reporting twice is harmless (fraud-report.ts).
import { and, eq, isNull, ne } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import type { AccountState } from "../schema/enums.ts";
import { type Account, accounts, oneTimeTokens } from "../schema/tables/index.ts";
import { appendAuditEvent } from "./audit.ts";
import { invalidateAccountSessions } from "./session.ts";

export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

export type StateChange = "suspend" | "reopen" | "close";

export interface StateActor {
	readonly kind: "staff" | "system";
	/** The staff member's own account, when known. */
	readonly accountId?: number | null;
	/** Where the change came from, for the trail: "cli", "worker", "gestion"… */
	readonly via?: string;
	readonly correlationId?: string | null;
	/** The staff member's session, when the change came from the back-office. */
	readonly sessionId?: string | null;
}

export interface StateChangeInput {
	readonly identifier: string;
	/** Why, in a few words and without personal data: it goes to the account and the audit trail. */
	readonly reason: string;
	readonly now: Date;
	readonly actor: StateActor;
	/**
	 * More writes of an allowed change, in the same transaction: the e-mail to the user, the end
	 * of a fraud incident (core/gestion/account-actions.ts).
	 */
	readonly within?: (tx: Transaction, account: Account, to: AccountState) => Promise<void>;
}

export type StateChangeResult =
	| {
			readonly ok: true;
			readonly accountId: number;
			readonly from: AccountState;
			readonly to: AccountState;
			readonly sessionsEnded: number;
	  }
	| { readonly ok: false; readonly reason: "unknown_account" }
	| { readonly ok: false; readonly reason: "transition_refused"; readonly from: AccountState };

/** The states each change may start from. Deleted appears nowhere: it is final. */
export const ALLOWED_FROM: Readonly<Record<StateChange, readonly AccountState[]>> = {
	suspend: ["pending", "active"],
	reopen: ["suspended", "closed"],
	close: ["pending", "active", "suspended"],
};

export const REASON_MAX_LENGTH = 200;

export function mayChangeState(
	change: StateChange,
	from: AccountState,
	actor: Pick<StateActor, "kind">,
): boolean {
	if (!ALLOWED_FROM[change].includes(from)) return false;
	// Reopening a closed account undoes article 7's closure: a person decides, never a schedule.
	return !(change === "reopen" && from === "closed" && actor.kind !== "staff");
}

/** Where a reopened account goes: active when it has a password, else back to activation. */
function targetState(change: StateChange, account: Pick<Account, "passwordHash">): AccountState {
	if (change === "suspend") return "suspended";
	if (change === "close") return "closed";
	return account.passwordHash ? "active" : "pending";
}

/** Voids the unused link tokens and codes of an account, except "report fraudulent use" links. */
export async function voidAccountTokens(
	tx: Transaction,
	accountId: number,
	now: Date,
	exceptTokenId?: number,
): Promise<number> {
	const voided = await tx
		.update(oneTimeTokens)
		.set({ usedAt: now })
		.where(
			and(
				eq(oneTimeTokens.accountId, accountId),
				isNull(oneTimeTokens.usedAt),
				ne(oneTimeTokens.purpose, "fraud_report"),
				exceptTokenId === undefined ? undefined : ne(oneTimeTokens.id, exceptTokenId),
			),
		)
		.returning({ id: oneTimeTokens.id });
	return voided.length;
}

/**
 * Writes a new state inside the caller's IMMEDIATE transaction (the caller checked the
 * transition): the state's timestamp, the reason, and for a blocked account the end of every
 * session. Returns how many sessions ended.
 */
export async function writeAccountState(
	tx: Transaction,
	account: Pick<Account, "id" | "state" | "suspendedAt">,
	to: AccountState,
	reason: string | null,
	now: Date,
	/** A link to keep alive, e.g. the reset link of a fraud-report acknowledgement. */
	keepTokenId?: number,
): Promise<number> {
	const base = { state: to, updatedAt: now };
	const fields =
		to === "suspended"
			? {
					...base,
					stateReason: reason,
					suspendedAt: account.state === "suspended" ? account.suspendedAt : now,
				}
			: to === "closed"
				? { ...base, stateReason: reason, closedAt: now }
				: { ...base, stateReason: null, suspendedAt: null, closedAt: null };
	await tx
		.update(accounts)
		.set(fields)
		.where(and(eq(accounts.id, account.id), eq(accounts.state, account.state)));
	if (to === "active" || to === "pending") return 0;
	await voidAccountTokens(tx, account.id, now, keepTokenId);
	return invalidateAccountSessions(tx, account.id);
}

async function changeAccountState(
	db: Database,
	change: StateChange,
	input: StateChangeInput,
): Promise<StateChangeResult> {
	const reason = input.reason.trim().slice(0, REASON_MAX_LENGTH);
	return db.transaction(
		async (tx): Promise<StateChangeResult> => {
			const [account] = await tx.select().from(accounts).where(eq(accounts.identifier, input.identifier));
			if (!account) return { ok: false, reason: "unknown_account" };
			const allowed = mayChangeState(change, account.state, input.actor);
			const to = targetState(change, account);
			const sessionsEnded = allowed ? await writeAccountState(tx, account, to, reason, input.now) : 0;
			if (allowed && input.within) await input.within(tx, account, to);
			await appendAuditEvent(tx, {
				occurredAt: input.now,
				// The account the change is about, as the worker's lifecycle entries do; the staff member in details.
				accountId: account.id,
				actorKind: input.actor.kind,
				action: `account.state.${change}`,
				objectType: "account",
				objectId: String(account.id),
				outcome: allowed ? "success" : "denied",
				correlationId: input.actor.correlationId ?? null,
				details: {
					from: account.state,
					to: allowed ? to : account.state,
					reason,
					via: input.actor.via ?? null,
					staffAccountId: input.actor.accountId ?? null,
					staffSessionId: input.actor.sessionId ?? null,
					sessionsEnded,
				},
			});
			if (!allowed) return { ok: false, reason: "transition_refused", from: account.state };
			return { ok: true, accountId: account.id, from: account.state, to, sessionsEnded };
		},
		{ behavior: "immediate" },
	);
}

/** Blocks sign-in (active or pending → suspended) and ends every session at once. */
export function suspendAccount(db: Database, input: StateChangeInput): Promise<StateChangeResult> {
	return changeAccountState(db, "suspend", input);
}

/** Suspended → active (pending if no password was ever chosen); closed → active for staff only. */
export function reopenAccount(db: Database, input: StateChangeInput): Promise<StateChangeResult> {
	return changeAccountState(db, "reopen", input);
}

/** Closes the account (article 7) and ends every session at once; staff may reopen it. */
export function closeAccount(db: Database, input: StateChangeInput): Promise<StateChangeResult> {
	return changeAccountState(db, "close", input);
}
