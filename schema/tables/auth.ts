// Sign-in state: sessions (the Lucia way: id + SHA-256 of the secret), one-time tokens stored
// hashed, throttling of failed sign-ins and generic rate-limit buckets.
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { throttleScopes, tokenPurposes } from "../enums.ts";
import { accounts } from "./accounts.ts";
import { flag, instant, json, oneOf } from "./columns.ts";

export const sessions = sqliteTable(
	"sessions",
	{
		id: text().primaryKey(),
		accountId: integer()
			.notNull()
			.references(() => accounts.id, { onDelete: "cascade" }),
		/** SHA-256 of the token's secret part, hex-encoded (text works the same on Node and Workers). */
		secretHash: text().notNull(),
		createdAt: instant().notNull(),
		lastUsedAt: instant().notNull(),
		/** Idle expiry, pushed forward on use. */
		expiresAt: instant().notNull(),
		/** Absolute expiry, never pushed forward. */
		absoluteExpiresAt: instant().notNull(),
		/** "Firefox sur Linux": derived from the User-Agent, never the raw header. */
		userAgentLabel: text(),
		/** Approximate place (city or country), never an IP address. */
		approximatePlace: text(),
		secondFactorVerified: flag().notNull().default(false),
		secondFactorVerifiedAt: instant(),
	},
	(t) => [
		index("sessions_account_idx").on(t.accountId, t.lastUsedAt),
		index("sessions_expires_idx").on(t.expiresAt),
	],
);

export const oneTimeTokens = sqliteTable(
	"one_time_tokens",
	{
		id: integer().primaryKey(),
		/** SHA-256 of the token (hex); the token itself is only ever in the link or the e-mail. */
		tokenHash: text().notNull(),
		purpose: text({ enum: tokenPurposes }).notNull(),
		accountId: integer()
			.notNull()
			.references(() => accounts.id, { onDelete: "cascade" }),
		/** Purpose-specific data, e.g. the new address of an e-mail change. */
		payload: json<Record<string, unknown>>(),
		createdAt: instant().notNull(),
		expiresAt: instant().notNull(),
		usedAt: instant(),
		/** Wrong guesses of a short code (sign_in_code). */
		attempts: integer().notNull().default(0),
	},
	(t) => [
		oneOf("one_time_tokens_purpose_check", t.purpose, tokenPurposes),
		uniqueIndex("one_time_tokens_hash_idx").on(t.tokenHash),
		index("one_time_tokens_account_idx").on(t.accountId, t.purpose),
		index("one_time_tokens_expires_idx").on(t.expiresAt),
	],
);

/** Failed sign-ins per identifier, per IP (hashed) and globally (CNIL 2022-100 case 2). */
export const signInThrottles = sqliteTable(
	"sign_in_throttles",
	{
		/** "identifier:1000000001", "ip:<hash>" or "global". */
		key: text().primaryKey(),
		scope: text({ enum: throttleScopes }).notNull(),
		consecutiveFailures: integer().notNull().default(0),
		/** Failures within the current 24-hour window. */
		windowFailures: integer().notNull().default(0),
		windowStartedAt: instant().notNull(),
		lastFailureAt: instant(),
		blockedUntil: instant(),
	},
	(t) => [
		oneOf("sign_in_throttles_scope_check", t.scope, throttleScopes),
		check("sign_in_throttles_counts_check", sql`${t.consecutiveFailures} >= 0 AND ${t.windowFailures} >= 0`),
		index("sign_in_throttles_window_idx").on(t.windowStartedAt),
	],
);

/** Fixed-window counters for e-mail-sending actions, rights checks, bank-detail changes… */
export const rateLimitBuckets = sqliteTable(
	"rate_limit_buckets",
	{
		/** "<action>:<subject>", e.g. "rights_check:account:42". */
		key: text().primaryKey(),
		count: integer().notNull().default(0),
		windowStartedAt: instant().notNull(),
		details: json<Record<string, unknown>>(),
	},
	(t) => [index("rate_limit_buckets_window_idx").on(t.windowStartedAt)],
);
