// Article 7 of the CGU, "à tout moment, l'utilisateur peut demander la suppression de son compte
// personnel": the request is recorded, may be cancelled during a grace period, and is carried out
// by the worker afterwards (worker/tasks/account-deletion.ts).
import type { Database } from "../db/client.ts";
import type { Request } from "../schema/tables/index.ts";
import { changeRequestStatus, findOpenRequest, openRequest } from "./requests.ts";

/** The account holder, in the session where they ask. */
export interface ClosureActor {
	readonly accountId: number;
	readonly sessionId: string;
	readonly correlationId: string;
}

export const ACCOUNT_DELETION_GRACE_DAYS = 14;

export function pendingAccountDeletion(
	db: Pick<Database, "select">,
	accountId: number,
): Promise<Request | undefined> {
	return findOpenRequest(db, accountId, "account_deletion");
}

/** Records the request, unless one is already open. */
export async function requestAccountDeletion(db: Database, actor: ClosureActor, now: Date): Promise<void> {
	await db.transaction(
		async (tx) => {
			if (await findOpenRequest(tx, actor.accountId, "account_deletion")) return;
			await openRequest(tx, {
				kind: "account_deletion",
				accountId: actor.accountId,
				payload: {},
				now,
				audit: { ...actor, actorKind: "account", action: "account.deletion.requested" },
			});
		},
		{ behavior: "immediate" },
	);
}

/** Cancels the open request, if any, during the grace period. */
export async function cancelAccountDeletion(db: Database, actor: ClosureActor, now: Date): Promise<void> {
	await db.transaction(
		async (tx) => {
			const pending = await findOpenRequest(tx, actor.accountId, "account_deletion");
			if (!pending) return;
			await changeRequestStatus(tx, {
				request: pending,
				to: "cancelled",
				closes: true,
				changedByAccountId: actor.accountId,
				audit: { ...actor, actorKind: "account", action: "account.deletion.cancelled" },
				now,
			});
		},
		{ behavior: "immediate" },
	);
}
