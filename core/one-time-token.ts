// Single-use secrets sent by e-mail: activation, password reset, e-mail change and "this was not
// me" links (160 random bits in the link), and the 6-digit sign-in code of a new device. Only
// SHA-256 of each secret is stored, so a copy of the database opens nothing; each is spent by
// one conditional UPDATE … RETURNING, so two clicks or two tabs cannot both use it.
// SECURITY.md "Reset": at least 128 bits, hashed, single use, 30 minutes at most.
import { generateRandomIntegerNumber } from "@oslojs/crypto/random";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { and, desc, eq, gt, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import type { TokenPurpose } from "../schema/enums.ts";
import { oneTimeTokens } from "../schema/tables/index.ts";
import type { RandomBytes } from "./password.ts";
import type { Executor } from "./queue.ts";
import { sha256Hex } from "./sha256.ts";

export type LinkPurpose = Exclude<TokenPurpose, "sign_in_code">;
export type TokenPayload = Record<string, unknown>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Default and longest lifetime of each kind of token. */
export const TOKEN_TTL_MS: Readonly<Record<TokenPurpose, number>> = {
	activation: 24 * HOUR,
	reset: 30 * MINUTE,
	email_change: 24 * HOUR,
	// The "it was not me" link of a security notification must outlive a weekend away.
	fraud_report: 7 * 24 * HOUR,
	sign_in_code: 10 * MINUTE,
};
/** Wrong guesses allowed on one sign-in code: 5 in 10^6, then the code is void. */
export const SIGN_IN_CODE_MAX_ATTEMPTS = 5;
const TOKEN_BYTES = 20;

export interface CreateTokenInput {
	readonly purpose: LinkPurpose;
	readonly accountId: number;
	/** Defaults to, and may not exceed, TOKEN_TTL_MS[purpose]. */
	readonly ttlMs?: number;
	readonly payload?: TokenPayload | null;
	readonly now: Date;
	readonly randomBytes: RandomBytes;
}

export type TokenConsumption =
	| { ok: true; accountId: number; payload: TokenPayload | null }
	| { ok: false; reason: "invalid" | "expired" | "used" };

export type SignInCodeVerification =
	| { ok: true }
	| { ok: false; reason: "invalid" | "expired" | "too_many_attempts" };

const encoder = new TextEncoder();
const hashSecret = (secret: string): string => sha256Hex(secret);

function lifetime(purpose: TokenPurpose, ttlMs: number | undefined): number {
	const max = TOKEN_TTL_MS[purpose];
	if (ttlMs !== undefined && !(ttlMs > 0 && ttlMs <= max)) {
		throw new RangeError(`a ${purpose} token lives at most ${max} ms, not ${ttlMs}`);
	}
	return ttlMs ?? max;
}

/** Creates a link token; the clear token goes into the link and is never stored. */
export async function createOneTimeToken(
	db: Executor,
	input: CreateTokenInput,
): Promise<{ token: string; id: number; expiresAt: Date }> {
	const token = encodeBase32LowerCaseNoPadding(input.randomBytes(TOKEN_BYTES));
	const expiresAt = new Date(input.now.getTime() + lifetime(input.purpose, input.ttlMs));
	const [row] = await db
		.insert(oneTimeTokens)
		.values({
			tokenHash: hashSecret(token),
			purpose: input.purpose,
			accountId: input.accountId,
			payload: input.payload ?? null,
			createdAt: input.now,
			expiresAt,
		})
		.returning({ id: oneTimeTokens.id });
	if (!row) throw new Error("one-time token was not written");
	return { token, id: row.id, expiresAt };
}

/** The shape of every link token this module creates (base32, lower case). */
const LINK_TOKEN_PATTERN = /^[a-z2-7]{16,128}$/;

/**
 * Reads a link token without spending it: a page that shows what a link will do (GET) must not
 * use it up, since mail scanners open links. The POST then spends it with consumeOneTimeToken.
 */
export async function peekOneTimeToken(
	db: Database,
	input: { token: string; purpose: LinkPurpose; now: Date },
): Promise<TokenConsumption> {
	const token = input.token.trim().toLowerCase();
	if (!LINK_TOKEN_PATTERN.test(token)) return { ok: false, reason: "invalid" };
	const [row] = await db
		.select()
		.from(oneTimeTokens)
		.where(eq(oneTimeTokens.tokenHash, hashSecret(token)));
	if (!row || row.purpose !== input.purpose) return { ok: false, reason: "invalid" };
	if (row.usedAt) return { ok: false, reason: "used" };
	if (row.expiresAt <= input.now) return { ok: false, reason: "expired" };
	return { ok: true, accountId: row.accountId, payload: row.payload ?? null };
}

/** Hash of a link token as stored, for callers that must look one up the same way. */
export function linkTokenHash(token: string): string {
	return hashSecret(token.trim().toLowerCase());
}

/** Spends a link token of the given purpose; a token can be spent only once. */
export async function consumeOneTimeToken(
	db: Database,
	input: { token: string; purpose: LinkPurpose; now: Date },
): Promise<TokenConsumption> {
	const tokenHash = hashSecret(input.token.trim().toLowerCase());
	const [spent] = await db
		.update(oneTimeTokens)
		.set({ usedAt: input.now })
		.where(
			and(
				eq(oneTimeTokens.tokenHash, tokenHash),
				eq(oneTimeTokens.purpose, input.purpose),
				isNull(oneTimeTokens.usedAt),
				gt(oneTimeTokens.expiresAt, input.now),
			),
		)
		.returning({ accountId: oneTimeTokens.accountId, payload: oneTimeTokens.payload });
	if (spent) return { ok: true, accountId: spent.accountId, payload: spent.payload ?? null };
	// Only to tell the user what happened; the outcome is already decided.
	const [row] = await db.select().from(oneTimeTokens).where(eq(oneTimeTokens.tokenHash, tokenHash));
	if (!row || row.purpose !== input.purpose) return { ok: false, reason: "invalid" };
	return { ok: false, reason: row.usedAt ? "used" : "expired" };
}

/** Voids the unused tokens of an account for one purpose or several (a new reset link voids older ones). */
export async function invalidateTokens(
	db: Pick<Database, "update">,
	accountId: number,
	purpose: TokenPurpose | readonly TokenPurpose[],
	now: Date,
): Promise<number> {
	const purposes: readonly TokenPurpose[] = typeof purpose === "string" ? [purpose] : purpose;
	const voided = await db
		.update(oneTimeTokens)
		.set({ usedAt: now })
		.where(
			and(
				eq(oneTimeTokens.accountId, accountId),
				inArray(oneTimeTokens.purpose, [...purposes]),
				isNull(oneTimeTokens.usedAt),
			),
		)
		.returning({ id: oneTimeTokens.id });
	return voided.length;
}

/**
 * Voids every outstanding link that sets a password (reset and activation) of an account: called
 * when its password or its e-mail address changes, in the same transaction, so that a link sent
 * for the old state cannot undo the new one (issue 11). Suspension voids them too
 * (account-state.ts, with the e-mail change and sign-in code links).
 */
export function voidPasswordLinks(
	tx: Pick<Database, "update">,
	accountId: number,
	now: Date,
): Promise<number> {
	return invalidateTokens(tx, accountId, ["reset", "activation"], now);
}

/** Deletes tokens expired before `before` (retention job; safe to run twice). */
export async function pruneOneTimeTokens(db: Database, before: Date): Promise<number> {
	const deleted = await db
		.delete(oneTimeTokens)
		.where(lt(oneTimeTokens.expiresAt, before))
		.returning({ id: oneTimeTokens.id });
	return deleted.length;
}

// A 6-digit code is guessable offline whatever the hash; the per-code nonce only keeps equal
// codes from colliding in the unique index. Attempts, not the hash, are what protects it.
const hashCode = (nonce: string, accountId: number, code: string): string =>
	hashSecret(`${nonce}:${accountId}:${code}`);

/** Creates the e-mailed sign-in code of a new device; it voids the account's previous code. */
export async function createSignInCode(
	db: Database,
	input: { accountId: number; sessionId?: string | null; now: Date; randomBytes: RandomBytes },
): Promise<{ code: string; id: number; expiresAt: Date }> {
	const { accountId, now } = input;
	const code = generateSignInCode(input.randomBytes);
	const nonce = encodeHexLowerCase(input.randomBytes(16));
	const expiresAt = new Date(now.getTime() + TOKEN_TTL_MS.sign_in_code);
	await invalidateTokens(db, accountId, "sign_in_code", now);
	const [row] = await db
		.insert(oneTimeTokens)
		.values({
			tokenHash: hashCode(nonce, accountId, code),
			purpose: "sign_in_code",
			accountId,
			payload: { nonce, sessionId: input.sessionId ?? null },
			createdAt: now,
			expiresAt,
		})
		.returning({ id: oneTimeTokens.id });
	if (!row) throw new Error("sign-in code was not written");
	return { code, id: row.id, expiresAt };
}

/**
 * Checks a sign-in code. Each check first takes one attempt atomically, then compares: however
 * many guesses arrive in parallel, at most SIGN_IN_CODE_MAX_ATTEMPTS are ever compared. A code
 * created for a session is only accepted from that session.
 */
export async function verifySignInCode(
	db: Database,
	input: { accountId: number; code: string; now: Date; sessionId?: string | null },
): Promise<SignInCodeVerification> {
	const typed = input.code.replaceAll(/\s/g, "");
	if (!/^\d{6}$/.test(typed)) return { ok: false, reason: "invalid" };
	const [live] = await db
		.select()
		.from(oneTimeTokens)
		.where(
			and(
				eq(oneTimeTokens.accountId, input.accountId),
				eq(oneTimeTokens.purpose, "sign_in_code"),
				isNull(oneTimeTokens.usedAt),
			),
		)
		.orderBy(desc(oneTimeTokens.id))
		.limit(1);
	if (!live || live.expiresAt <= input.now) return { ok: false, reason: "expired" };
	const boundTo = live.payload?.sessionId;
	if (typeof boundTo === "string" && boundTo !== input.sessionId) return { ok: false, reason: "invalid" };
	const [taken] = await db
		.update(oneTimeTokens)
		.set({ attempts: sql`${oneTimeTokens.attempts} + 1` })
		.where(
			and(
				eq(oneTimeTokens.id, live.id),
				isNull(oneTimeTokens.usedAt),
				lt(oneTimeTokens.attempts, SIGN_IN_CODE_MAX_ATTEMPTS),
			),
		)
		.returning({ attempts: oneTimeTokens.attempts });
	if (!taken) return { ok: false, reason: "too_many_attempts" };
	const typedHash = hashCode(String(live.payload?.nonce), input.accountId, typed);
	if (!constantTimeEqual(encoder.encode(live.tokenHash), encoder.encode(typedHash))) {
		if (taken.attempts < SIGN_IN_CODE_MAX_ATTEMPTS) return { ok: false, reason: "invalid" };
		await invalidateTokens(db, input.accountId, "sign_in_code", input.now);
		return { ok: false, reason: "too_many_attempts" };
	}
	const [spent] = await db
		.update(oneTimeTokens)
		.set({ usedAt: input.now })
		.where(and(eq(oneTimeTokens.id, live.id), isNull(oneTimeTokens.usedAt)))
		.returning({ id: oneTimeTokens.id });
	// Not spent here: a parallel request with the same code won the race and signed in.
	return spent ? { ok: true } : { ok: false, reason: "expired" };
}

/** Six uniform digits: oslo's rejection sampling, no modulo bias. */
function generateSignInCode(randomBytes: RandomBytes): string {
	const reader = { read: (bytes: Uint8Array): void => bytes.set(randomBytes(bytes.length)) };
	return String(generateRandomIntegerNumber(reader, 1_000_000)).padStart(6, "0");
}

/** Creates several link tokens by one multi-row INSERT; each result in the order of `inputs`. */
export async function createOneTimeTokens(
	db: Pick<Database, "all">,
	inputs: readonly CreateTokenInput[],
): Promise<{ token: string; id: number; expiresAt: Date }[]> {
	if (inputs.length === 0) return [];
	const made = inputs.map((input) => {
		const token = encodeBase32LowerCaseNoPadding(input.randomBytes(TOKEN_BYTES));
		const expiresAt = new Date(input.now.getTime() + lifetime(input.purpose, input.ttlMs));
		return { token, expiresAt, tokenHash: hashSecret(token), input };
	});
	const ids = new Map<string, number>();
	// One JSON parameter per slice, unpacked by SQLite: no SQL built per value (ADR 0043).
	for (let start = 0; start < made.length; start += 1_000) {
		const rows = made.slice(start, start + 1_000).map(({ tokenHash, expiresAt, input }) => ({
			tokenHash,
			purpose: input.purpose,
			accountId: input.accountId,
			payload: input.payload ? JSON.stringify(input.payload) : null,
			createdAt: input.now.getTime(),
			expiresAt: expiresAt.getTime(),
		}));
		for (const row of await db.all<{ id: number; tokenHash: string }>(sql`
			INSERT INTO one_time_tokens (token_hash, purpose, account_id, payload, created_at, expires_at)
			SELECT j.value ->> 'tokenHash', j.value ->> 'purpose', j.value ->> 'accountId', j.value ->> 'payload',
				j.value ->> 'createdAt', j.value ->> 'expiresAt'
			FROM json_each(${JSON.stringify(rows)}) AS j
			RETURNING id, token_hash AS tokenHash`))
			ids.set(row.tokenHash, Number(row.id));
	}
	return made.map(({ token, expiresAt, tokenHash }) => {
		const id = ids.get(tokenHash);
		if (id === undefined) throw new Error("one-time token was not written");
		return { token, id, expiresAt };
	});
}
