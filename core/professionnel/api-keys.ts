// API keys of a practice's software for the rights API (issue 13): created, named, listed and
// revoked in the space; the key is shown once (`espk_<publicId>_<secret>`), the database keeps the
// public id and the SHA-256 of the secret (120 random bits each, as the session tokens); a key
// does rights checks only, and a revoked one stops at once (every request reads its row).
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { and, asc, count, eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { type PracticeApiKeyScope, practiceApiKeys } from "../../schema/tables/index.ts";
import { sha256Hex } from "../sha256.ts";
import { type PracticeScope, recordPracticeActivity } from "./practice.ts";

export const API_KEY_NAME_MAX = 60;
export const ACTIVE_API_KEYS_MAX = 10;
/** Last-use writes are spaced out, as a session's are. */
const TOUCH_INTERVAL_MS = 60_000;
const KEY = /^espk_([a-z2-7]{24})_([a-z2-7]{24})$/;

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
		hint: `espk_${row.publicId.slice(0, 6)}…`,
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
	const publicId = encodeBase32LowerCaseNoPadding(actor.randomBytes(15));
	const secret = encodeBase32LowerCaseNoPadding(actor.randomBytes(15));
	const [row] = await db
		.insert(practiceApiKeys)
		.values({
			professionalId: scope.professionalId,
			createdByAccountId: scope.accountId,
			name,
			publicId,
			secretHash: sha256Hex(secret),
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
		key: `espk_${publicId}_${secret}`,
		summary: {
			id: row.id,
			name,
			hint: `espk_${publicId.slice(0, 6)}…`,
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

/** The practice behind a key in force, or null (malformed, unknown, wrong secret or revoked). */
export async function authenticateApiKey(db: Database, key: string, now: Date): Promise<ApiKeyHolder | null> {
	const match = KEY.exec(key);
	if (!match) return null;
	const [, publicId = "", secret = ""] = match;
	const [row] = await db.select().from(practiceApiKeys).where(eq(practiceApiKeys.publicId, publicId));
	if (!row || row.revokedAt !== null) return null;
	const given = new TextEncoder().encode(sha256Hex(secret));
	if (!constantTimeEqual(new TextEncoder().encode(row.secretHash), given)) return null;
	if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS)
		await db.update(practiceApiKeys).set({ lastUsedAt: now }).where(eq(practiceApiKeys.id, row.id));
	return {
		apiKeyId: row.id,
		professionalId: row.professionalId,
		accountId: row.createdByAccountId,
		scope: row.scope,
	};
}
