// Sessions as lucia-auth.com teaches them (the `lucia` package is deprecated upstream): a token
// `id.secret`, the database keeps the id and the SHA-256 of the secret, a new token at every
// sign-in, revocation on the server. Idle timeout 30 minutes, absolute lifetime 12 hours (4 hours
// for health professionals), SECURITY.md "Sessions".
import type { Row } from "@libsql/client";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { and, type Column, eq, getTableColumns, ne, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { preparedFor } from "../db/prepared.ts";
import type { Space } from "../schema/enums.ts";
import { type Account, accounts, type Session, sessions } from "../schema/tables/index.ts";
import { sha256Hex } from "./sha256.ts";

export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_LIFETIME_MS: Readonly<Record<Space, number>> = {
	adherent: 12 * 3_600_000,
	employeur: 12 * 3_600_000,
	professionnel: 4 * 3_600_000,
	gestionnaire: 12 * 3_600_000,
};
/** Last-use writes are spaced out: a page view within a minute of the previous one writes nothing. */
const TOUCH_INTERVAL_MS = 60_000;

export type SessionValidation =
	| { readonly session: Session; readonly account: Account }
	| { readonly session: null; readonly account: null };

function hashSecret(secret: string): string {
	return sha256Hex(secret);
}

/** 120 random bits for the id, 120 for the secret, base32 (what the cookie carries). */
export function generateSessionToken(randomBytes: (length: number) => Uint8Array): string {
	const id = encodeBase32LowerCaseNoPadding(randomBytes(15));
	const secret = encodeBase32LowerCaseNoPadding(randomBytes(15));
	return `${id}.${secret}`;
}

export interface CreateSessionInput {
	readonly token: string;
	readonly account: Pick<Account, "id" | "space">;
	readonly now: Date;
	readonly userAgentLabel?: string | null;
	readonly approximatePlace?: string | null;
	/** True once the second factor is done; a session without it opens nothing but the second-factor step. */
	readonly secondFactorVerified: boolean;
}

export async function createSession(
	db: Pick<Database, "insert">,
	input: CreateSessionInput,
): Promise<Session> {
	const [id, secret] = input.token.split(".") as [string, string];
	const [session] = await db
		.insert(sessions)
		.values({
			id,
			accountId: input.account.id,
			secretHash: hashSecret(secret),
			createdAt: input.now,
			lastUsedAt: input.now,
			expiresAt: new Date(input.now.getTime() + IDLE_TIMEOUT_MS),
			absoluteExpiresAt: new Date(input.now.getTime() + ABSOLUTE_LIFETIME_MS[input.account.space]),
			userAgentLabel: input.userAgentLabel ?? null,
			approximatePlace: input.approximatePlace ?? null,
			secondFactorVerified: input.secondFactorVerified,
			secondFactorVerifiedAt: input.secondFactorVerified ? input.now : null,
		})
		.returning();
	return session as Session;
}

type Columns = readonly (readonly [string, Column])[];
const SESSION_COLUMNS: Columns = Object.entries(getTableColumns(sessions));
const ACCOUNT_COLUMNS: Columns = Object.entries(getTableColumns(accounts));

/**
 * The session of an id with its account, read on every request: drizzle's SQL text, built once
 * per database, run as it is, and each column decoded by its own mapping. Drizzle's generic row
 * mapper (a reduce over paths, an entity check per column) cost about 20 µs of a page view's
 * ~450 for these 38 columns (bench/dashboard.md); this gives the same objects.
 */
const sessionWithAccountSql = preparedFor((db) => {
	const query = db
		.select({ session: sessions, account: accounts })
		.from(sessions)
		.innerJoin(accounts, eq(sessions.accountId, accounts.id))
		.where(eq(sessions.id, sql.placeholder("id")))
		.toSQL();
	if (query.params.length !== 1) throw new Error("session: unexpected query shape");
	return query.sql;
});

function decodeColumns(columns: Columns, row: Row, offset: number): Record<string, unknown> {
	const decoded: Record<string, unknown> = {};
	for (let i = 0; i < columns.length; i++) {
		const [key, column] = columns[i] as readonly [string, Column];
		const value = row[offset + i];
		decoded[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
	}
	return decoded;
}

async function sessionWithAccount(
	db: Database,
	id: string,
): Promise<{ session: Session; account: Account } | undefined> {
	const result = await db.$client.execute({ sql: sessionWithAccountSql(db), args: [id] });
	const row = result.rows[0];
	if (!row) return undefined;
	if (result.columns.length !== SESSION_COLUMNS.length + ACCOUNT_COLUMNS.length)
		throw new Error("session: unexpected row shape");
	return {
		session: decodeColumns(SESSION_COLUMNS, row, 0) as Session,
		account: decodeColumns(ACCOUNT_COLUMNS, row, SESSION_COLUMNS.length) as Account,
	};
}

/**
 * Checks a token: its id exists, its secret matches (constant time), it has not expired, and
 * its account may still sign in. An expired session, or any session of an account that is no
 * longer active, is deleted on the spot.
 */
export async function validateSessionToken(
	db: Database,
	token: string,
	now: Date,
): Promise<SessionValidation> {
	const none = { session: null, account: null } as const;
	const parts = token.split(".");
	if (parts.length !== 2 || !parts[0] || !parts[1] || parts[0].length > 64 || parts[1].length > 64)
		return none;
	const row = await sessionWithAccount(db, parts[0]);
	if (!row) return none;
	const expected = new TextEncoder().encode(row.session.secretHash);
	const given = new TextEncoder().encode(hashSecret(parts[1]));
	if (!constantTimeEqual(expected, given)) return none;
	const t = now.getTime();
	if (t >= row.session.expiresAt.getTime() || t >= row.session.absoluteExpiresAt.getTime()) {
		await invalidateSession(db, row.session.id);
		return none;
	}
	if (row.account.state !== "active") {
		await invalidateAccountSessions(db, row.account.id);
		return none;
	}
	if (t - row.session.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
		const expiresAt = new Date(Math.min(t + IDLE_TIMEOUT_MS, row.session.absoluteExpiresAt.getTime()));
		await db.update(sessions).set({ lastUsedAt: now, expiresAt }).where(eq(sessions.id, row.session.id));
		return { session: { ...row.session, lastUsedAt: now, expiresAt }, account: row.account };
	}
	return row;
}

export async function markSecondFactorVerified(db: Database, sessionId: string, now: Date): Promise<void> {
	await db
		.update(sessions)
		.set({ secondFactorVerified: true, secondFactorVerifiedAt: now })
		.where(eq(sessions.id, sessionId));
}

export async function invalidateSession(db: Pick<Database, "delete">, sessionId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of an account, or every other one when `exceptSessionId` is given. */
export async function invalidateAccountSessions(
	db: Pick<Database, "delete">,
	accountId: number,
	exceptSessionId?: string,
): Promise<number> {
	const ended = await db
		.delete(sessions)
		.where(
			exceptSessionId
				? and(eq(sessions.accountId, accountId), ne(sessions.id, exceptSessionId))
				: eq(sessions.accountId, accountId),
		)
		.returning({ id: sessions.id });
	return ended.length;
}

export async function listAccountSessions(db: Database, accountId: number): Promise<Session[]> {
	return db.select().from(sessions).where(eq(sessions.accountId, accountId)).orderBy(sessions.lastUsedAt);
}
