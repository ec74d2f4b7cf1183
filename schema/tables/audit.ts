// The audit trail with probative value (SECURITY.md): append-only (triggers in the
// audit_append_only migration refuse UPDATE and DELETE) and hash-chained. Entries hold
// identifiers, never personal data, so erasing an account does not break the chain; hence no
// foreign keys here. Also the log of scheduled-task runs.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { actorKinds, auditOutcomes, taskOutcomes } from "../enums.ts";
import { instant, json, oneOf } from "./columns.ts";

export const auditEvents = sqliteTable(
	"audit_events",
	{
		seq: integer().primaryKey({ autoIncrement: true }),
		occurredAt: instant().notNull(),
		accountId: integer(),
		sessionId: text(),
		actorKind: text({ enum: actorKinds }).notNull(),
		/** Dotted verb, e.g. "auth.sign_in", "adherent.statement.download". */
		action: text().notNull(),
		objectType: text(),
		objectId: text(),
		outcome: text({ enum: auditOutcomes }).notNull(),
		correlationId: text(),
		/** Keyed hash of the client IP, never the address itself. */
		ipHash: text(),
		/** Identifiers only. */
		details: json<Record<string, string | number | boolean | null>>(),
		/** Hash of the previous entry (hex); a fixed genesis value for the first one. */
		prevHash: text().notNull(),
		/** SHA-256 (hex) of this entry's canonical form and prevHash. */
		hash: text().notNull(),
	},
	(t) => [
		oneOf("audit_events_actor_kind_check", t.actorKind, actorKinds),
		oneOf("audit_events_outcome_check", t.outcome, auditOutcomes),
		index("audit_events_account_idx").on(t.accountId, t.occurredAt),
		index("audit_events_object_idx").on(t.objectType, t.objectId),
		index("audit_events_occurred_idx").on(t.occurredAt),
		index("audit_events_correlation_idx").on(t.correlationId),
	],
);

export const taskRuns = sqliteTable(
	"task_runs",
	{
		id: integer().primaryKey(),
		taskName: text().notNull(),
		/** The scheduled time this run is for (ISO 8601, UTC); unique per task, so two workers never run the same slot. */
		slot: text().notNull(),
		startedAt: instant().notNull(),
		finishedAt: instant(),
		outcome: text({ enum: taskOutcomes }).notNull(),
		counts: json<Record<string, number>>(),
		error: text(),
	},
	(t) => [
		oneOf("task_runs_outcome_check", t.outcome, taskOutcomes),
		index("task_runs_task_idx").on(t.taskName, t.startedAt),
		uniqueIndex("task_runs_slot_idx").on(t.taskName, t.slot),
	],
);
