// Staff handling of a data-protection request (GDPR art. 15–22): taking it in hand and answering
// it within the month (art. 12(3)), through the one request lifecycle (history and audit entry).
// The member reads the answer in their space; the e-mail that points there belongs to the page
// that shows it.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { requests } from "../../schema/tables/index.ts";
import { changeRequestStatus, OPEN_REQUEST_STATUSES } from "../requests.ts";
import type { StaffActor } from "./staff.ts";

export type DataProtectionAction = "in_progress" | "answer";

export type DataProtectionResult =
	| { readonly ok: true }
	| { readonly ok: false; readonly reason: "not_found" | "closed" };

export async function handleDataProtectionRequest(
	db: Database,
	input: { id: number; action: DataProtectionAction; answer?: string; now: Date; actor: StaffActor },
): Promise<DataProtectionResult> {
	const { actor, now } = input;
	return db.transaction(
		async (tx): Promise<DataProtectionResult> => {
			const [row] = await tx
				.select()
				.from(requests)
				.where(and(eq(requests.id, input.id), eq(requests.kind, "data_protection")));
			if (!row) return { ok: false, reason: "not_found" };
			if (!(OPEN_REQUEST_STATUSES as readonly string[]).includes(row.status))
				return { ok: false, reason: "closed" };
			const answering = input.action === "answer";
			await changeRequestStatus(tx, {
				request: row,
				to: answering ? "answered" : "in_progress",
				set: answering
					? { answeredAt: now, answerText: input.answer ?? "", answeredByAccountId: actor.accountId }
					: {},
				changedByAccountId: actor.accountId,
				now,
				audit: {
					accountId: actor.accountId,
					sessionId: actor.sessionId,
					correlationId: actor.correlationId,
					actorKind: "staff",
					action: `gestion.data_protection.${answering ? "answered" : "in_progress"}`,
				},
			});
			return { ok: true };
		},
		{ behavior: "immediate" },
	);
}
