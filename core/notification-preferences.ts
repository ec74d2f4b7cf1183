// « Mes alertes » (issue 17): which notifications a person receives, per kind and per channel.
// Every kind is on until switched off. The security alerts (a new sign-in, a password or e-mail
// changed) cannot be switched off: they are how a holder learns that someone else uses their
// account, the moment the CGU ask them to report it (article 2). queueMail (send-mail.ts) asks
// `mailAllowed` before writing any e-mail, so every sending path honours the choices.
import { and, eq } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import {
	type NotificationChannel,
	type NotificationKind,
	notificationChannels,
	notificationKinds,
	notificationPreferences,
} from "../schema/tables/index.ts";
import { appendAuditEvent } from "./audit.ts";
import type { TemplateName } from "./mail/templates/index.ts";
import type { Executor } from "./queue.ts";

/** Kinds that are always sent, whatever the stored choice. */
export const MANDATORY_KINDS: ReadonlySet<NotificationKind> = new Set(["new_sign_in", "security_change"]);

/** The kind of each notification template; templates not listed (codes, links) are not notifications. */
export const TEMPLATE_KINDS: Readonly<Partial<Record<TemplateName, NotificationKind>>> = {
	"statement-available": "statement_available",
	"payment-notice": "payment_made",
	"complaint-answered": "request_answered",
	"data-protection-request-answered": "request_answered",
	"cgu-update": "cgu_update",
	"new-sign-in-alert": "new_sign_in",
	"password-changed": "security_change",
	"email-change-notice": "security_change",
};

export type NotificationChoices = Readonly<
	Record<NotificationKind, Readonly<Record<NotificationChannel, boolean>>>
>;

/** Every kind on every channel, the stored choices applied, the mandatory kinds always on. */
export async function getNotificationChoices(
	db: Pick<Database, "select">,
	accountId: number,
): Promise<NotificationChoices> {
	const rows = await db
		.select()
		.from(notificationPreferences)
		.where(eq(notificationPreferences.accountId, accountId));
	const choices = {} as Record<NotificationKind, Record<NotificationChannel, boolean>>;
	for (const kind of notificationKinds) {
		choices[kind] = {} as Record<NotificationChannel, boolean>;
		for (const channel of notificationChannels) {
			const row = rows.find((r) => r.kind === kind && r.channel === channel);
			choices[kind][channel] = MANDATORY_KINDS.has(kind) || (row?.enabled ?? true);
		}
	}
	return choices;
}

/** Whether this template may be e-mailed to this account now. */
export async function mailAllowed(
	db: Executor,
	template: TemplateName,
	accountId: number | null | undefined,
): Promise<boolean> {
	const kind = TEMPLATE_KINDS[template];
	if (!kind || MANDATORY_KINDS.has(kind) || accountId === null || accountId === undefined) return true;
	const [row] = await db
		.select({ enabled: notificationPreferences.enabled })
		.from(notificationPreferences)
		.where(
			and(
				eq(notificationPreferences.accountId, accountId),
				eq(notificationPreferences.kind, kind),
				eq(notificationPreferences.channel, "email"),
			),
		);
	return row?.enabled ?? true;
}

export interface ChoicesActor {
	readonly accountId: number;
	readonly sessionId: string;
	readonly correlationId: string;
	readonly now: Date;
}

/**
 * Stores the choices for the optional kinds (`enabled` lists the kinds left on, per channel); a
 * mandatory kind in or out of the list changes nothing. Audited with what changed.
 */
export async function saveNotificationChoices(
	db: Database,
	actor: ChoicesActor,
	enabled: Readonly<Record<NotificationChannel, ReadonlySet<NotificationKind>>>,
): Promise<{ changed: number }> {
	return db.transaction(
		async (tx) => {
			const before = await getNotificationChoices(tx, actor.accountId);
			const changes: Record<string, boolean> = {};
			for (const kind of notificationKinds) {
				if (MANDATORY_KINDS.has(kind)) continue;
				for (const channel of notificationChannels) {
					const on = enabled[channel].has(kind);
					if (before[kind][channel] === on) continue;
					changes[`${kind}.${channel}`] = on;
					await tx
						.insert(notificationPreferences)
						.values({ accountId: actor.accountId, kind, channel, enabled: on, updatedAt: actor.now })
						.onConflictDoUpdate({
							target: [
								notificationPreferences.accountId,
								notificationPreferences.kind,
								notificationPreferences.channel,
							],
							set: { enabled: on, updatedAt: actor.now },
						});
				}
			}
			const changed = Object.keys(changes).length;
			if (changed > 0)
				await appendAuditEvent(tx, {
					occurredAt: actor.now,
					accountId: actor.accountId,
					sessionId: actor.sessionId,
					actorKind: "account",
					action: "account.notifications.changed",
					objectType: "account",
					objectId: String(actor.accountId),
					outcome: "success",
					correlationId: actor.correlationId,
					details: changes,
				});
			return { changed };
		},
		{ behavior: "immediate" },
	);
}
