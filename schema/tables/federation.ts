// Sign-in through an identity federation (ADR 0039): FranceConnect for members, Pro Santé Connect
// for health professionals. The identities linked to an account, and the logins in progress
// (state, nonce and PKCE verifier kept server-side, found again from the session cookie).
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";
import { instant, oneOf } from "./columns.ts";

export const federationProviders = ["franceconnect", "pro_sante_connect"] as const;
export type FederationProvider = (typeof federationProviders)[number];

/** One federated identity (the provider's `sub`) linked to one account. */
export const federatedIdentities = sqliteTable(
	"federated_identities",
	{
		id: integer().primaryKey(),
		provider: text({ enum: federationProviders }).notNull(),
		/** The provider's stable subject identifier for this person (`sub`). */
		subject: text().notNull(),
		accountId: integer()
			.notNull()
			.references(() => accounts.id, { onDelete: "cascade" }),
		linkedAt: instant().notNull(),
		lastUsedAt: instant(),
	},
	(t) => [
		oneOf("federated_identities_provider_check", t.provider, federationProviders),
		uniqueIndex("federated_identities_subject_idx").on(t.provider, t.subject),
		index("federated_identities_account_idx").on(t.accountId),
	],
);

export const federatedLoginStatuses = ["started", "awaiting_link", "linking", "completed", "ended"] as const;
export type FederatedLoginStatus = (typeof federatedLoginStatuses)[number];

/**
 * A login through a provider, from the redirect to the end of the session it opened. The browser
 * holds `handle.secret` in the session cookie (the only cookie); the row keeps the secret's
 * SHA-256, the protocol's one-time values, and afterwards the ID token for the logout hint.
 */
export const federatedLogins = sqliteTable(
	"federated_logins",
	{
		id: integer().primaryKey(),
		handle: text().notNull().unique(),
		secretHash: text().notNull(),
		provider: text({ enum: federationProviders }).notNull(),
		status: text({ enum: federatedLoginStatuses }).notNull(),
		state: text().notNull(),
		nonce: text().notNull(),
		codeVerifier: text().notNull(),
		/** Same-origin page to open after the sign-in. */
		nextPath: text(),
		subject: text(),
		/** "Marie Dupont", shown on the linking page; never written to the audit trail. */
		displayName: text(),
		acr: text(),
		idToken: text(),
		accountId: integer().references(() => accounts.id, { onDelete: "cascade" }),
		/** The half-open session of the linking step, then the session the login opened. */
		sessionId: text(),
		createdAt: instant().notNull(),
		expiresAt: instant().notNull(),
	},
	(t) => [
		oneOf("federated_logins_provider_check", t.provider, federationProviders),
		oneOf("federated_logins_status_check", t.status, federatedLoginStatuses),
		index("federated_logins_session_idx").on(t.sessionId),
		index("federated_logins_expires_idx").on(t.expiresAt),
	],
);
