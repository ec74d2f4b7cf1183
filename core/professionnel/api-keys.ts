// API keys of a practice's software for the rights API (issue 13): created, named, listed and
// revoked in the space; the key is shown once (`espk_<publicId>_<secret>`, core/api-token.ts), the
// database keeps the public id and the SHA-256 of the secret; a key does rights checks only, and
// a revoked one stops at once (every request reads its row).
import { and, asc, count, eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { type PracticeApiKeyScope, practiceApiKeys } from "../../schema/tables/index.ts";
import { dueForTouch, issueToken, readToken, secretMatches, tokenHint } from "../api-token.ts";
import { type PracticeScope, recordPracticeActivity } from "./practice.ts";

export const API_KEY_NAME_MAX = 60;
export const ACTIVE_API_KEYS_MAX = 10;
const PREFIX = "espk";

export interface ApiKeySummary {
	readonly id: number;
	readonly name: string;
	/** The key's beginning, to tell keys apart (`espk_abcd…`). */
	readonly hint: string;
	readonly scope: PracticeApiKeyScope;
	readonly createdAt: Date;
	readonly lastUsedAt: Date | null;
}

export async function listApiKeys(db: Database, professionalId: number): Promise<ApiKeySummary[]> {
	const rows = await db
		.select()
		.from(practiceApiKeys)
		.where(and(eq(practiceApiKeys.professionalId, professionalId), isNull(practiceApiKeys.revokedAt)))
		.orderBy(asc(practiceApiKeys.createdAt), asc(practiceApiKeys.id));
	return rows.map((row) => ({
		id: row.id,
		name: row.name,
		hint: tokenHint(PREFIX, row.publicId),
		scope: row.scope,
		createdAt: row.createdAt,
		lastUsedAt: row.lastUsedAt,
	}));
}

export interface KeyActor {
	readonly scope: PracticeScope;
	readonly correlationId: string;
	readonly now: Date;
	readonly randomBytes: (length: number) => Uint8Array;
}

export type CreateApiKeyResult =
	| { readonly ok: true; readonly key: string; readonly summary: ApiKeySummary }
	| { readonly ok: false; readonly reason: "too_many" };

export async function createApiKey(db: Database, actor: KeyActor, name: string): Promise<CreateApiKeyResult> {
	const { scope, now } = actor;
	const [active] = await db
		.select({ n: count() })
		.from(practiceApiKeys)
		.where(and(eq(practiceApiKeys.professionalId, scope.professionalId), isNull(practiceApiKeys.revokedAt)));
	if ((active?.n ?? 0) >= ACTIVE_API_KEYS_MAX) return { ok: false, reason: "too_many" };
	const issued = issueToken(PREFIX, actor.randomBytes);
	const [row] = await db
		.insert(practiceApiKeys)
		.values({
			professionalId: scope.professionalId,
			createdByAccountId: scope.accountId,
			name,
			publicId: issued.publicId,
			secretHash: issued.secretHash,
			scope: "droits",
			createdAt: now,
		})
		.returning();
	if (!row) throw new Error("api key not written");
	await recordPracticeActivity(db, scope, actor.correlationId, now, {
		action: "professionnel.api_key.created",
		objectType: "practice_api_key",
		objectId: String(row.id),
	});
	return {
		ok: true,
		key: issued.token,
		summary: {
			id: row.id,
			name,
			hint: issued.hint,
			scope: row.scope,
			createdAt: now,
			lastUsedAt: null,
		},
	};
}

/** Renames or revokes one of the practice's active keys; false when it has no such key. */
async function changeApiKey(
	db: Database,
	actor: Omit<KeyActor, "randomBytes">,
	id: number,
	change: { readonly name: string } | { readonly revokedAt: Date },
	action: string,
): Promise<boolean> {
	const updated = await db
		.update(practiceApiKeys)
		.set(change)
		.where(
			and(
				eq(practiceApiKeys.id, id),
				eq(practiceApiKeys.professionalId, actor.scope.professionalId),
				isNull(practiceApiKeys.revokedAt),
			),
		)
		.returning({ id: practiceApiKeys.id });
	if (updated.length === 0) return false;
	await recordPracticeActivity(db, actor.scope, actor.correlationId, actor.now, {
		action,
		objectType: "practice_api_key",
		objectId: String(id),
	});
	return true;
}

export function renameApiKey(db: Database, actor: Omit<KeyActor, "randomBytes">, id: number, name: string) {
	return changeApiKey(db, actor, id, { name }, "professionnel.api_key.renamed");
}

export function revokeApiKey(db: Database, actor: Omit<KeyActor, "randomBytes">, id: number) {
	return changeApiKey(db, actor, id, { revokedAt: actor.now }, "professionnel.api_key.revoked");
}

export interface ApiKeyHolder {
	readonly apiKeyId: number;
	readonly professionalId: number;
	/** Who created the key: the account the practice's software acts for. */
	readonly accountId: number;
	readonly scope: PracticeApiKeyScope;
}

/**
 * Every API request reads its key: the columns the check needs, by the key's unique public id,
 * read as they come (a rights check's CPU went partly to drizzle's generic mapping of the whole
 * row). `last_used_at` and `revoked_at` are milliseconds (schema/tables/columns.ts `instant`).
 */
const KEY_BY_PUBLIC_ID = `SELECT id, professional_id, created_by_account_id, secret_hash, scope, last_used_at, revoked_at
	FROM practice_api_keys WHERE public_id = ?`;

/** The practice behind a key in force, or null (malformed, unknown, wrong secret or revoked). */
export async function authenticateApiKey(db: Database, key: string, now: Date): Promise<ApiKeyHolder | null> {
	const given = readToken(PREFIX, key);
	if (!given) return null;
	const [row] = (await db.$client.execute({ sql: KEY_BY_PUBLIC_ID, args: [given.publicId] })).rows;
	if (!row || row.revoked_at !== null || !secretMatches(String(row.secret_hash), given.secret)) return null;
	const apiKeyId = Number(row.id);
	const lastUsedAt = row.last_used_at === null ? null : new Date(Number(row.last_used_at));
	if (dueForTouch(lastUsedAt, now))
		await db.update(practiceApiKeys).set({ lastUsedAt: now }).where(eq(practiceApiKeys.id, apiKeyId));
	return {
		apiKeyId,
		professionalId: Number(row.professional_id),
		accountId: Number(row.created_by_account_id),
		scope: row.scope as PracticeApiKeyScope,
	};
}
