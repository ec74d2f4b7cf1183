// What a signed-in user manages on `/compte/securite`: their password, their authenticator app
// and its recovery codes, and the recent sign-ins of their account.
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { type Account, accounts, auditEvents } from "../schema/tables/index.ts";
import { appendAuditEvent } from "./audit.ts";
import { createOneTimeToken, voidPasswordLinks } from "./one-time-token.ts";
import { hashPassword, type RandomBytes, verifyPassword } from "./password.ts";
import { checkPassword } from "./password-policy.ts";
import { generateRecoveryCodes } from "./recovery-codes.ts";
import { queueMail } from "./send-mail.ts";
import { invalidateAccountSessions } from "./session.ts";
import { generateTotpSecret, verifyTotp } from "./totp.ts";

export interface Actor {
	readonly account: Account;
	readonly sessionId: string;
	readonly now: Date;
	readonly correlationId: string;
	readonly pepper: string;
	readonly randomBytes: RandomBytes;
	readonly publicUrl: URL;
}

export type PasswordChange =
	| { readonly ok: true }
	| { readonly ok: false; readonly field: "actuel" | "nouveau" | "confirmation"; readonly message: string };

/** Changes the password after checking the current one; other sessions end, a notice is e-mailed. */
export async function changePassword(
	db: Database,
	actor: Actor,
	input: { current: string; next: string; confirmation: string; names: string[] },
): Promise<PasswordChange> {
	const { account } = actor;
	if (!account.passwordHash || !(await verifyPassword(account.passwordHash, input.current, actor.pepper))) {
		return { ok: false, field: "actuel", message: "Le mot de passe actuel n'est pas le bon." };
	}
	const policy = await checkPassword(input.next, {
		identifier: account.identifier,
		names: input.names,
		email: account.email,
	});
	if (!policy.ok) return { ok: false, field: "nouveau", message: policy.message };
	if (input.next !== input.confirmation)
		return {
			ok: false,
			field: "confirmation",
			message: "Les deux mots de passe saisis ne sont pas identiques.",
		};
	const hash = await hashPassword(input.next, actor.pepper, { randomBytes: actor.randomBytes });
	const report = await createOneTimeToken(db, {
		purpose: "fraud_report",
		accountId: account.id,
		now: actor.now,
		randomBytes: actor.randomBytes,
	});
	await db.transaction(
		async (tx) => {
			await tx
				.update(accounts)
				.set({ passwordHash: hash, passwordChangedAt: actor.now, updatedAt: actor.now })
				.where(eq(accounts.id, account.id));
			await invalidateAccountSessions(tx, account.id, actor.sessionId);
			await voidPasswordLinks(tx, account.id, actor.now);
			await queueMail(tx, {
				template: "password-changed",
				data: { changedAt: actor.now, fraudReportPath: `/signalement?jeton=${report.token}` },
				to: account.email,
				accountId: account.id,
				idempotencyKey: `password-changed/${account.id}/${actor.now.getTime()}`,
				now: actor.now,
				publicUrl: actor.publicUrl,
			});
			await appendAuditEvent(tx, {
				occurredAt: actor.now,
				accountId: account.id,
				sessionId: actor.sessionId,
				actorKind: "account",
				action: "account.password.changed",
				objectType: "account",
				objectId: String(account.id),
				outcome: "success",
				correlationId: actor.correlationId,
			});
		},
		{ behavior: "immediate" },
	);
	return { ok: true };
}

/** The secret being enrolled: kept on the account, inactive until a first code proves the app has it. */
export async function pendingTotpSecret(
	db: Database,
	account: Account,
	randomBytes: RandomBytes,
	now: Date,
): Promise<string> {
	if (account.totpSecret && !account.totpEnabled) return account.totpSecret;
	if (account.totpEnabled && account.totpSecret) return account.totpSecret;
	const secret = generateTotpSecret(randomBytes);
	await db.update(accounts).set({ totpSecret: secret, updatedAt: now }).where(eq(accounts.id, account.id));
	return secret;
}

export type TotpEnrolment =
	| { readonly ok: true; readonly recoveryCodes: readonly string[] }
	| { readonly ok: false; readonly message: string };

/** Turns the authenticator app on once it shows a valid code; returns the recovery codes, shown once. */
export async function confirmTotpEnrolment(db: Database, actor: Actor, code: string): Promise<TotpEnrolment> {
	const { account } = actor;
	if (!account.totpSecret)
		return { ok: false, message: "Recommencez l'activation : le code secret n'a pas été trouvé." };
	const result = verifyTotp(account.totpSecret, code, actor.now, account.totpLastUsedStep);
	if (!result.ok)
		return {
			ok: false,
			message: "Ce code n'est pas valable. Saisissez le code affiché par votre application.",
		};
	const recovery = generateRecoveryCodes(actor.randomBytes);
	await db.transaction(
		async (tx) => {
			await tx
				.update(accounts)
				.set({
					totpEnabled: true,
					totpEnabledAt: actor.now,
					totpLastUsedStep: result.step,
					secondFactorMethod: "totp",
					recoveryCodeHashes: recovery.hashes,
					updatedAt: actor.now,
				})
				.where(eq(accounts.id, account.id));
			await appendAuditEvent(tx, {
				occurredAt: actor.now,
				accountId: account.id,
				sessionId: actor.sessionId,
				actorKind: "account",
				action: "account.totp.enabled",
				objectType: "account",
				objectId: String(account.id),
				outcome: "success",
				correlationId: actor.correlationId,
			});
		},
		{ behavior: "immediate" },
	);
	return { ok: true, recoveryCodes: recovery.codes };
}

/** Back to codes by e-mail; refused to employers and health professionals, for whom the app is mandatory. */
export async function disableTotp(
	db: Database,
	actor: Actor,
	password: string,
): Promise<{ ok: true } | { ok: false; message: string }> {
	const { account } = actor;
	if (account.space === "employeur" || account.space === "professionnel") {
		return { ok: false, message: "L'application d'authentification est obligatoire pour votre espace." };
	}
	if (!account.passwordHash || !(await verifyPassword(account.passwordHash, password, actor.pepper))) {
		return { ok: false, message: "Le mot de passe n'est pas le bon." };
	}
	await db.transaction(
		async (tx) => {
			await tx
				.update(accounts)
				.set({
					totpEnabled: false,
					totpSecret: null,
					totpLastUsedStep: null,
					recoveryCodeHashes: null,
					secondFactorMethod: "email",
					updatedAt: actor.now,
				})
				.where(eq(accounts.id, account.id));
			await appendAuditEvent(tx, {
				occurredAt: actor.now,
				accountId: account.id,
				sessionId: actor.sessionId,
				actorKind: "account",
				action: "account.totp.disabled",
				objectType: "account",
				objectId: String(account.id),
				outcome: "success",
				correlationId: actor.correlationId,
			});
		},
		{ behavior: "immediate" },
	);
	return { ok: true };
}

export interface SignInEvent {
	readonly at: Date;
	readonly action: string;
	readonly outcome: string;
	readonly device: string | null;
}

/** The last sign-ins and failed attempts of an account, newest first. */
export async function recentSignIns(db: Database, accountId: number, limit = 10): Promise<SignInEvent[]> {
	const rows = await db
		.select({
			at: auditEvents.occurredAt,
			action: auditEvents.action,
			outcome: auditEvents.outcome,
			details: auditEvents.details,
		})
		.from(auditEvents)
		.where(
			and(
				eq(auditEvents.accountId, accountId),
				inArray(auditEvents.action, ["auth.sign_in.completed", "auth.sign_in.password"]),
			),
		)
		.orderBy(desc(auditEvents.seq))
		.limit(limit * 2);
	return rows
		.filter((row) => row.action === "auth.sign_in.completed" || row.outcome !== "success")
		.slice(0, limit)
		.map((row) => ({
			at: row.at,
			action: row.action,
			outcome: row.outcome,
			device: typeof row.details?.device === "string" ? row.details.device : null,
		}));
}
