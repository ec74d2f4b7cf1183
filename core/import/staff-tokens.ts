// Staff API tokens for the import API (issue 16): an admin of the back-office creates one for the
// core system's software, named, shown once (`esst_…`, core/api-token.ts as the practices' API
// keys); any admin may revoke it, which stops it at once. The imports a token runs are audited
// under the admin who created it, with the token's id.
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { accounts, staffApiTokens } from "../../schema/tables/index.ts";
import { dueForTouch, issueToken, readToken, secretMatches, tokenHint } from "../api-token.ts";
import { appendAuditEvent } from "../audit.ts";
import { getStaffRole } from "../gestion/staff.ts";

const PREFIX = "esst";
export const STAFF_TOKEN_NAME_MAX = 60;

export interface StaffTokenSummary {
	readonly id: number;
	readonly name: string;
	readonly hint: string;
	readonly createdAt: Date;
	readonly lastUsedAt: Date | null;
}

export interface StaffTokenActor {
	/** The admin's identifier (10 digits). */
	readonly identifier: string;
	readonly now: Date;
	/** Where it was done, for the audit trail: "cli"… */
	readonly via: string;
}

export type StaffTokenRefusal = "unknown_account" | "not_admin" | "bad_name" | "unknown_token";

/** The admin behind `identifier`, or why not: only an admin of the back-office manages tokens. */
async function adminOf(
	db: Pick<Database, "select">,
	identifier: string,
): Promise<{ ok: true; accountId: number } | { ok: false; reason: StaffTokenRefusal }> {
	const [account] = await db
		.select({ id: accounts.id, space: accounts.space, state: accounts.state })
		.from(accounts)
		.where(eq(accounts.identifier, identifier));
	if (!account) return { ok: false, reason: "unknown_account" };
	const role = account.space === "gestionnaire" ? await getStaffRole(db, account.id) : null;
	if (role !== "admin" || account.state !== "active") return { ok: false, reason: "not_admin" };
	return { ok: true, accountId: account.id };
}

export async function createStaffToken(
	db: Database,
	actor: StaffTokenActor & { readonly randomBytes: (length: number) => Uint8Array },
	name: string,
): Promise<
	{ ok: true; token: string; summary: StaffTokenSummary } | { ok: false; reason: StaffTokenRefusal }
> {
	const trimmed = name.trim();
	if (trimmed.length === 0 || trimmed.length > STAFF_TOKEN_NAME_MAX) return { ok: false, reason: "bad_name" };
	const admin = await adminOf(db, actor.identifier);
	if (!admin.ok) return admin;
	const issued = issueToken(PREFIX, actor.randomBytes);
	return db.transaction(
		async (tx) => {
			const [row] = await tx
				.insert(staffApiTokens)
				.values({
					name: trimmed,
					createdByAccountId: admin.accountId,
					publicId: issued.publicId,
					secretHash: issued.secretHash,
					createdAt: actor.now,
				})
				.returning({ id: staffApiTokens.id });
			const id = row?.id ?? 0;
			await appendAuditEvent(tx, {
				occurredAt: actor.now,
				accountId: admin.accountId,
				actorKind: "staff",
				action: "gestion.staff_token.created",
				objectType: "staff_api_token",
				objectId: String(id),
				outcome: "success",
				details: { via: actor.via },
			});
			return {
				ok: true as const,
				token: issued.token,
				summary: { id, name: trimmed, hint: issued.hint, createdAt: actor.now, lastUsedAt: null },
			};
		},
		{ behavior: "immediate" },
	);
}

export async function revokeStaffToken(
	db: Database,
	actor: StaffTokenActor,
	id: number,
): Promise<{ ok: true } | { ok: false; reason: StaffTokenRefusal }> {
	const admin = await adminOf(db, actor.identifier);
	if (!admin.ok) return admin;
	return db.transaction(
		async (tx) => {
			const revoked = await tx
				.update(staffApiTokens)
				.set({ revokedAt: actor.now, revokedByAccountId: admin.accountId })
				.where(and(eq(staffApiTokens.id, id), isNull(staffApiTokens.revokedAt)))
				.returning({ id: staffApiTokens.id });
			if (revoked.length === 0) return { ok: false as const, reason: "unknown_token" as const };
			await appendAuditEvent(tx, {
				occurredAt: actor.now,
				accountId: admin.accountId,
				actorKind: "staff",
				action: "gestion.staff_token.revoked",
				objectType: "staff_api_token",
				objectId: String(id),
				outcome: "success",
				details: { via: actor.via },
			});
			return { ok: true as const };
		},
		{ behavior: "immediate" },
	);
}

/** The tokens in force, oldest first. */
export async function listStaffTokens(db: Database): Promise<StaffTokenSummary[]> {
	const rows = await db
		.select()
		.from(staffApiTokens)
		.where(isNull(staffApiTokens.revokedAt))
		.orderBy(asc(staffApiTokens.createdAt), asc(staffApiTokens.id));
	return rows.map((row) => ({
		id: row.id,
		name: row.name,
		hint: tokenHint(PREFIX, row.publicId),
		createdAt: row.createdAt,
		lastUsedAt: row.lastUsedAt,
	}));
}

export interface StaffTokenHolder {
	readonly tokenId: number;
	/** The admin who created the token. */
	readonly accountId: number;
}

/** The token in force behind `token`, or null (malformed, unknown, wrong secret or revoked). */
export async function authenticateStaffToken(
	db: Database,
	token: string,
	now: Date,
): Promise<StaffTokenHolder | null> {
	const given = readToken(PREFIX, token);
	if (!given) return null;
	const [row] = await db.select().from(staffApiTokens).where(eq(staffApiTokens.publicId, given.publicId));
	if (!row || row.revokedAt !== null || !secretMatches(row.secretHash, given.secret)) return null;
	if (dueForTouch(row.lastUsedAt, now))
		await db.update(staffApiTokens).set({ lastUsedAt: now }).where(eq(staffApiTokens.id, row.id));
	return { tokenId: row.id, accountId: row.createdByAccountId };
}
