// What a signed-in person controls about how they are reached and how they sign in (issue 17):
// notification preferences per kind and channel, and their WebAuthn passkeys with the one-time
// challenges of the ceremonies.
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";
import { flag, instant, json, oneOf } from "./columns.ts";

/**
 * The kinds of notification a person receives. The security alerts (`new_sign_in`,
 * `security_change`) are listed so that the page can show them, but can never be switched off
 * (core/notification-preferences.ts).
 */
export const notificationKinds = [
	"statement_available",
	"payment_made",
	"request_answered",
	"cgu_update",
	"new_sign_in",
	"security_change",
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** E-mail today; a text message or a push notification is a new value here and a new transport. */
export const notificationChannels = ["email"] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

/** A person's choice for one kind on one channel; no row means the default (on). */
export const notificationPreferences = sqliteTable(
	"notification_preferences",
	{
		accountId: integer()
			.notNull()
			.references(() => accounts.id, { onDelete: "cascade" }),
		kind: text({ enum: notificationKinds }).notNull(),
		channel: text({ enum: notificationChannels }).notNull(),
		enabled: flag().notNull(),
		updatedAt: instant().notNull(),
	},
	(t) => [
		primaryKey({ columns: [t.accountId, t.kind, t.channel] }),
		oneOf("notification_preferences_kind_check", t.kind, notificationKinds),
		oneOf("notification_preferences_channel_check", t.channel, notificationChannels),
	],
);

/** A WebAuthn credential (passkey) of an account: public key only, never a secret. */
export const passkeys = sqliteTable(
	"passkeys",
	{
		id: integer().primaryKey(),
		accountId: integer()
			.notNull()
			.references(() => accounts.id, { onDelete: "cascade" }),
		/** The credential id, base64url, as the authenticator gave it. */
		credentialId: text().notNull().unique(),
		/** COSE public key, base64url. */
		publicKey: text().notNull(),
		/** Signature counter last seen: a lower one means a cloned authenticator. */
		counter: integer().notNull().default(0),
		transports: json<string[]>(),
		/** "singleDevice" or "multiDevice" (synced passkey). */
		deviceType: text().notNull(),
		backedUp: flag().notNull().default(false),
		/** The holder's own name for it ("Téléphone de Julien"). */
		name: text().notNull(),
		createdAt: instant().notNull(),
		lastUsedAt: instant(),
		/** Revoked passkeys stay listed for the record, and are refused at sign-in. */
		revokedAt: instant(),
	},
	(t) => [index("passkeys_account_idx").on(t.accountId)],
);

export const webauthnCeremonies = ["registration", "authentication"] as const;

/** One-time challenges of WebAuthn ceremonies, five minutes, single use. */
export const webauthnChallenges = sqliteTable(
	"webauthn_challenges",
	{
		id: integer().primaryKey(),
		/** base64url; the browser returns it inside clientDataJSON, which is how it is found again. */
		challenge: text().notNull().unique(),
		ceremony: text({ enum: webauthnCeremonies }).notNull(),
		/** The account enrolling, or the account whose second factor this is; null for passwordless sign-in. */
		accountId: integer().references(() => accounts.id, { onDelete: "cascade" }),
		createdAt: instant().notNull(),
		expiresAt: instant().notNull(),
		usedAt: instant(),
	},
	(t) => [
		oneOf("webauthn_challenges_ceremony_check", t.ceremony, webauthnCeremonies),
		index("webauthn_challenges_expires_idx").on(t.expiresAt),
	],
);
