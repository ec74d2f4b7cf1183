// The logins in progress through a federation, kept in the database: the browser carries only
// `fed-<handle>.<secret>` in the session cookie (the portal's one cookie), the row keeps the
// secret's SHA-256 and the protocol's one-time values. Ten minutes to come back from the provider
// and to link; a completed login lives as long as its session, for the logout hint.
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { and, eq, gt, lt } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import {
	type FederatedLoginStatus,
	type FederationProvider,
	federatedLogins,
} from "../../schema/tables/index.ts";
import type { RandomBytes } from "../password.ts";
import { sha256Hex } from "../sha256.ts";
import type { LoginSecrets } from "./client.ts";

export type FederatedLogin = typeof federatedLogins.$inferSelect;

export const PENDING_LOGIN_MS = 10 * 60_000;
const TOKEN_PREFIX = "fed-";

/** A federated login's token, told apart from a session's by its prefix (never a base32 letter). */
export function isFederatedLoginToken(token: string): boolean {
	return token.startsWith(TOKEN_PREFIX);
}

export async function createFederatedLogin(
	db: Database,
	input: {
		provider: FederationProvider;
		secrets: LoginSecrets;
		nextPath: string | null;
		now: Date;
		randomBytes: RandomBytes;
	},
): Promise<string> {
	const handle = encodeBase32LowerCaseNoPadding(input.randomBytes(15));
	const secret = encodeBase32LowerCaseNoPadding(input.randomBytes(20));
	await db.delete(federatedLogins).where(lt(federatedLogins.expiresAt, input.now));
	await db.insert(federatedLogins).values({
		handle,
		secretHash: sha256Hex(secret),
		provider: input.provider,
		status: "started",
		...input.secrets,
		nextPath: input.nextPath,
		createdAt: input.now,
		expiresAt: new Date(input.now.getTime() + PENDING_LOGIN_MS),
	});
	return `${TOKEN_PREFIX}${handle}.${secret}`;
}

/** The unexpired login a cookie's token names, in the given status; null otherwise. */
export async function findFederatedLogin(
	db: Database,
	token: string | undefined,
	status: FederatedLoginStatus,
	now: Date,
): Promise<FederatedLogin | null> {
	if (!token || !isFederatedLoginToken(token)) return null;
	const [handle, secret] = token.slice(TOKEN_PREFIX.length).split(".");
	if (!handle || !secret || handle.length > 64 || secret.length > 64) return null;
	const [row] = await db
		.select()
		.from(federatedLogins)
		.where(
			and(
				eq(federatedLogins.handle, handle),
				eq(federatedLogins.status, status),
				gt(federatedLogins.expiresAt, now),
			),
		);
	if (!row) return null;
	const matches = constantTimeEqual(
		new TextEncoder().encode(row.secretHash),
		new TextEncoder().encode(sha256Hex(secret)),
	);
	return matches ? row : null;
}

/** The unexpired login in the given status tied to a session (linking, or the one it opened). */
export async function findLoginOfSession(
	db: Database,
	sessionId: string,
	status: FederatedLoginStatus,
	now: Date,
): Promise<FederatedLogin | null> {
	const [row] = await db
		.select()
		.from(federatedLogins)
		.where(
			and(
				eq(federatedLogins.sessionId, sessionId),
				eq(federatedLogins.status, status),
				gt(federatedLogins.expiresAt, now),
			),
		);
	return row ?? null;
}

/**
 * Moves a login from one status to the next with its new values: a compare-and-set, so that one
 * answer of the provider (or one linking step) is used once even when posted twice in parallel.
 */
export async function advanceFederatedLogin(
	db: Pick<Database, "update">,
	id: number,
	from: FederatedLoginStatus,
	values: Partial<Omit<FederatedLogin, "id" | "handle" | "secretHash">>,
): Promise<boolean> {
	const moved = await db
		.update(federatedLogins)
		.set(values)
		.where(and(eq(federatedLogins.id, id), eq(federatedLogins.status, from)))
		.returning({ id: federatedLogins.id });
	return moved.length === 1;
}
