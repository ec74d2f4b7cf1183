// « Administrateurs »: the company's main administrator (its own employer account, which has no
// row in employer_administrators) invites other people with one role each, lists them and
// revokes them. An invitee gets their own numeric identifier and chooses a password behind the
// activation link (core/account-activation.ts: no password by e-mail); the authenticator app is
// then mandatory before anything else (edge requireSecondFactorEnrolment). Revoking closes the
// invitee's account in the same transaction, which ends every session and voids every link at
// once (core/account-state.ts, as staff suspension does). Every write is in the audit trail under
// the acting administrator's account and session (ADR 0034).
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client.ts";
import {
	accounts,
	type EmployerRole,
	employerAdministratorRoleChanges,
	employerAdministrators,
	employerRoleNames,
} from "../../schema/tables/index.ts";
import { allocateIdentifier } from "../account-identifier.ts";
import { writeAccountState } from "../account-state.ts";
import { appendAuditEvent } from "../audit.ts";
import { createOneTimeToken } from "../one-time-token.ts";
import type { RandomBytes } from "../password.ts";
import { consumeRateLimit } from "../rate-limit.ts";
import { queueMail } from "../send-mail.ts";
import type { EmployerScope } from "./scope.ts";

export { type EmployerRole, employerRoleNames };

/** The main administrator, or an invited one with their role. */
export type AdministratorRole = "principal" | EmployerRole;

/** What a request of the espace employeur may need; every role reads. */
export type EmployerCapability = "read" | "employees" | "finances" | "administrators";

const CAPABILITIES: Readonly<Record<AdministratorRole, readonly EmployerCapability[]>> = {
	principal: ["read", "employees", "finances", "administrators"],
	gestion: ["read", "employees"],
	finances: ["read", "finances"],
	lecture: ["read"],
};

export function mayDo(role: AdministratorRole, capability: EmployerCapability): boolean {
	return CAPABILITIES[role].includes(capability);
}

/** An invited administrator's first or last name, as the form and the API check it. */
export const administratorNameSchema = (label: string) =>
	z
		.string(`${label} est obligatoire.`)
		.trim()
		.min(1, `${label} est obligatoire.`)
		.max(60, `${label} ne doit pas dépasser 60 caractères.`)
		.regex(
			/^[\p{L}][\p{L}' -]*$/u,
			`${label} ne contient que des lettres, des espaces, des tirets et des apostrophes.`,
		);

/** Invitations (each an e-mail) a company may send in 24 hours. */
export const INVITATIONS_PER_DAY = 10;
const DAY_MS = 24 * 3600_000;
const REVOCATION_REASON = "Accès d'administrateur révoqué par l'entreprise.";

/**
 * An invited administrator's role now: the last change's (employer_administrator_role_changes,
 * appended by the main administrator), or the role they were invited with.
 */
// Written out qualified: drizzle renders a column of a one-table select unqualified, which inside
// the subquery would name the change's own account_id.
const currentRole = sql<EmployerRole>`coalesce((SELECT c.role FROM employer_administrator_role_changes c
	WHERE c.account_id = employer_administrators.account_id ORDER BY c.id DESC LIMIT 1), employer_administrators.role)`;

/**
 * The role of an employer account in its company: "principal" without a row, the row's current
 * role otherwise, null when the row is revoked or names another company (deny). Read on every
 * request, so a role change applies from the administrator's next request.
 */
export async function administratorRoleOf(
	db: Database,
	accountId: number,
	companyId: number,
): Promise<AdministratorRole | null> {
	const [row] = (await db.$client.execute({ sql: ROLE_OF_SQL, args: { account: accountId } })).rows;
	if (!row) return "principal";
	if (row.revoked_at !== null || Number(row.company_id) !== companyId) return null;
	return row.role as EmployerRole;
}

// The same query as `currentRole` over the invitation's row, written once as SQL text: it runs on
// every request of the espace employeur, and drizzle built it anew each time (ADR 0048).
const ROLE_OF_SQL = `SELECT coalesce((SELECT c.role FROM employer_administrator_role_changes c
		WHERE c.account_id = a.account_id ORDER BY c.id DESC LIMIT 1), a.role) AS role, a.company_id, a.revoked_at
	FROM employer_administrators a WHERE a.account_id = :account`;

export type AdministratorStatus = "invited" | "enrolling" | "active" | "revoked";

export interface AdministratorView {
	readonly accountId: number;
	readonly identifier: string;
	readonly role: AdministratorRole;
	/** Null for the main administrator, whose name is the company's contact. */
	readonly firstName: string | null;
	readonly lastName: string | null;
	readonly email: string;
	readonly status: AdministratorStatus;
	readonly invitedAt: Date | null;
	readonly revokedAt: Date | null;
	readonly lastSignInAt: Date | null;
}

/** The company's administrators: the main one(s) first, then the invited ones by invitation date. */
export async function listAdministrators(db: Database, companyId: number): Promise<AdministratorView[]> {
	const rows = await db
		.select({
			accountId: accounts.id,
			identifier: accounts.identifier,
			email: accounts.email,
			state: accounts.state,
			totpEnabled: accounts.totpEnabled,
			lastSignInAt: accounts.lastSignInAt,
			role: sql<EmployerRole | null>`CASE WHEN employer_administrators.account_id IS NULL THEN NULL ELSE ${currentRole} END`,
			firstName: employerAdministrators.firstName,
			lastName: employerAdministrators.lastName,
			invitedAt: employerAdministrators.invitedAt,
			revokedAt: employerAdministrators.revokedAt,
		})
		.from(accounts)
		.leftJoin(employerAdministrators, eq(employerAdministrators.accountId, accounts.id))
		.where(and(eq(accounts.companyId, companyId), eq(accounts.space, "employeur")))
		.orderBy(
			sql`${employerAdministrators.accountId} IS NOT NULL`,
			asc(employerAdministrators.invitedAt),
			asc(accounts.id),
		);
	return rows
		.filter((row) => row.role !== null || row.state === "active" || row.state === "pending")
		.map((row) => ({
			accountId: row.accountId,
			identifier: row.identifier,
			role: row.role ?? "principal",
			firstName: row.firstName,
			lastName: row.lastName,
			email: row.email,
			status:
				row.revokedAt !== null ||
				row.state === "closed" ||
				row.state === "deleted" ||
				row.state === "suspended"
					? "revoked"
					: row.state === "pending"
						? "invited"
						: row.totpEnabled
							? "active"
							: "enrolling",
			invitedAt: row.invitedAt,
			revokedAt: row.revokedAt,
			lastSignInAt: row.lastSignInAt,
		}));
}

export interface InviteInput {
	readonly scope: EmployerScope;
	readonly role: EmployerRole;
	readonly firstName: string;
	readonly lastName: string;
	readonly email: string;
	readonly now: Date;
	readonly publicUrl: URL;
	readonly randomBytes: RandomBytes;
	readonly correlationId: string;
}

export type InviteResult =
	| { readonly ok: true; readonly accountId: number; readonly identifier: string }
	| { readonly ok: false; readonly reason: "not_principal" | "email_taken" }
	| { readonly ok: false; readonly reason: "rate_limited"; readonly retryAfterSeconds: number };

/**
 * Creates the invitee's pending employer account with its role, then e-mails their identifier
 * and the single-use link where they choose their password. Only the main administrator invites.
 */
export async function inviteAdministrator(db: Database, input: InviteInput): Promise<InviteResult> {
	const { scope, now } = input;
	if ((await administratorRoleOf(db, scope.accountId, scope.companyId)) !== "principal")
		return { ok: false, reason: "not_principal" };
	const email = input.email.trim().toLowerCase();
	const limit = await consumeRateLimit(db, {
		key: `employer_invitation:company:${scope.companyId}`,
		limit: INVITATIONS_PER_DAY,
		windowMs: DAY_MS,
		now,
	});
	if (!limit.ok) return { ok: false, reason: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };
	const written = await db.transaction(
		async (tx): Promise<InviteResult> => {
			// One administrator per address in a company: a second invitation would be a second identity.
			const [taken] = await tx
				.select({ id: accounts.id })
				.from(accounts)
				.where(
					and(
						eq(accounts.companyId, scope.companyId),
						eq(accounts.space, "employeur"),
						sql`lower(${accounts.email}) = ${email}`,
						sql`${accounts.state} IN ('pending', 'active', 'suspended')`,
					),
				)
				.limit(1);
			if (taken) return { ok: false, reason: "email_taken" };
			const [inviter] = await tx
				.select({ accessUntil: accounts.accessUntil })
				.from(accounts)
				.where(eq(accounts.id, scope.accountId));
			const identifier = await allocateIdentifier(tx, "employeur");
			const [account] = await tx
				.insert(accounts)
				.values({
					identifier,
					space: "employeur",
					companyId: scope.companyId,
					email,
					state: "pending",
					createdAt: now,
					// Access lasts as long as the main administrator's (the company's contracts).
					accessUntil: inviter?.accessUntil ?? null,
					secondFactorMethod: "email",
					updatedAt: now,
				})
				.returning({ id: accounts.id });
			if (!account) throw new Error("invite: the account was not written");
			await tx.insert(employerAdministrators).values({
				accountId: account.id,
				companyId: scope.companyId,
				role: input.role,
				firstName: input.firstName,
				lastName: input.lastName,
				invitedAt: now,
				invitedByAccountId: scope.accountId,
			});
			await appendAuditEvent(tx, {
				occurredAt: now,
				accountId: scope.accountId,
				sessionId: scope.sessionId,
				actorKind: "account",
				action: "employeur.administrator.invited",
				objectType: "account",
				objectId: String(account.id),
				outcome: "success",
				correlationId: input.correlationId,
				details: { role: input.role },
			});
			return { ok: true, accountId: account.id, identifier };
		},
		{ behavior: "immediate" },
	);
	if (!written.ok) return written;
	const link = await createOneTimeToken(db, {
		purpose: "activation",
		accountId: written.accountId,
		now,
		randomBytes: input.randomBytes,
	});
	await queueMail(db, {
		template: "account-activation",
		data: {
			identifier: written.identifier,
			activationPath: `/compte/activer?jeton=${link.token}`,
			displayName: input.firstName,
		},
		to: email,
		accountId: written.accountId,
		idempotencyKey: `account-activation/${link.id}`,
		now,
		publicUrl: input.publicUrl,
	});
	return written;
}

type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** An invited administrator of the company, with their role in force; undefined for anyone else. */
async function invitedAdministrator(tx: Transaction, accountId: number, companyId: number) {
	const [row] = await tx
		.select({ role: currentRole, revokedAt: employerAdministrators.revokedAt })
		.from(employerAdministrators)
		.where(
			and(eq(employerAdministrators.accountId, accountId), eq(employerAdministrators.companyId, companyId)),
		);
	return row;
}

export interface RevokeInput {
	readonly scope: EmployerScope;
	readonly accountId: number;
	readonly now: Date;
	readonly correlationId: string;
}

export type RevokeResult =
	| { readonly ok: true; readonly sessionsEnded: number }
	| { readonly ok: false; readonly reason: "not_principal" | "not_found" | "already_revoked" };

/**
 * Revokes an invited administrator of the company: the row records who and when, the account is
 * closed, and with it every session ends and every link is voided, in one transaction. Another
 * company's administrator, or the main administrator, is not found.
 */
export async function revokeAdministrator(db: Database, input: RevokeInput): Promise<RevokeResult> {
	const { scope, now } = input;
	if ((await administratorRoleOf(db, scope.accountId, scope.companyId)) !== "principal")
		return { ok: false, reason: "not_principal" };
	return db.transaction(
		async (tx): Promise<RevokeResult> => {
			const row = await invitedAdministrator(tx, input.accountId, scope.companyId);
			if (!row) return { ok: false, reason: "not_found" };
			if (row.revokedAt !== null) return { ok: false, reason: "already_revoked" };
			await tx
				.update(employerAdministrators)
				.set({ revokedAt: now, revokedByAccountId: scope.accountId })
				.where(
					and(
						eq(employerAdministrators.accountId, input.accountId),
						isNull(employerAdministrators.revokedAt),
					),
				);
			const [account] = await tx.select().from(accounts).where(eq(accounts.id, input.accountId));
			const sessionsEnded =
				account && account.state !== "closed" && account.state !== "deleted"
					? await writeAccountState(tx, account, "closed", REVOCATION_REASON, now)
					: 0;
			await appendAuditEvent(tx, {
				occurredAt: now,
				accountId: scope.accountId,
				sessionId: scope.sessionId,
				actorKind: "account",
				action: "employeur.administrator.revoked",
				objectType: "account",
				objectId: String(input.accountId),
				outcome: "success",
				correlationId: input.correlationId,
				details: { role: row.role, sessionsEnded },
			});
			return { ok: true, sessionsEnded };
		},
		{ behavior: "immediate" },
	);
}

export interface RoleChangeInput {
	readonly scope: EmployerScope;
	readonly accountId: number;
	readonly role: EmployerRole;
	readonly now: Date;
	readonly correlationId: string;
}

export type RoleChangeResult =
	| { readonly ok: true; readonly from: EmployerRole }
	| { readonly ok: false; readonly reason: "not_principal" | "not_found" | "revoked" | "same_role" };

/**
 * The main administrator gives an invited administrator another role: a change appended with who
 * made it and when, and an audit entry under the main administrator (from, to). The sessions of
 * the administrator stay open: every request reads the role again (requireEmployer), so the new
 * role, narrower or wider, applies from their next request (ADR 0043). Another company's
 * administrator, and the main administrator, are not found.
 */
export async function changeAdministratorRole(
	db: Database,
	input: RoleChangeInput,
): Promise<RoleChangeResult> {
	const { scope, now } = input;
	if ((await administratorRoleOf(db, scope.accountId, scope.companyId)) !== "principal")
		return { ok: false, reason: "not_principal" };
	return db.transaction(
		async (tx): Promise<RoleChangeResult> => {
			const row = await invitedAdministrator(tx, input.accountId, scope.companyId);
			if (!row) return { ok: false, reason: "not_found" };
			if (row.revokedAt !== null) return { ok: false, reason: "revoked" };
			if (row.role === input.role) return { ok: false, reason: "same_role" };
			await tx.insert(employerAdministratorRoleChanges).values({
				accountId: input.accountId,
				role: input.role,
				changedAt: now,
				changedByAccountId: scope.accountId,
			});
			await appendAuditEvent(tx, {
				occurredAt: now,
				accountId: scope.accountId,
				sessionId: scope.sessionId,
				actorKind: "account",
				action: "employeur.administrator.role_changed",
				objectType: "account",
				objectId: String(input.accountId),
				outcome: "success",
				correlationId: input.correlationId,
				details: { from: row.role, to: input.role },
			});
			return { ok: true, from: row.role };
		},
		{ behavior: "immediate" },
	);
}

/** The writes of the space shown in the administrators' journal: who did what, and when. */
export const JOURNAL_ACTIONS = [
	"employeur.affiliation.created",
	"employeur.affiliation.ended",
	"employeur.dispense.recorded",
	"employeur.bank_details.change_requested",
	"employeur.bank_details.change_cancelled",
	"employeur.administrator.invited",
	"employeur.administrator.revoked",
	"employeur.administrator.role_changed",
] as const;
export type JournalAction = (typeof JOURNAL_ACTIONS)[number];

export interface JournalEntry {
	readonly occurredAt: Date;
	readonly action: JournalAction;
	readonly objectType: string | null;
	readonly objectId: string | null;
	readonly identifier: string;
	readonly role: AdministratorRole;
	readonly firstName: string | null;
	readonly lastName: string | null;
}

/**
 * The company's latest writes from the audit trail, each with the administrator who did it: read
 * from the trail itself (the acting account of each entry), not from a copy of it.
 */
export async function listAdministratorActions(
	db: Database,
	companyId: number,
	limit = 20,
): Promise<JournalEntry[]> {
	const actions = sql.join(
		JOURNAL_ACTIONS.map((action) => sql`${action}`),
		sql`, `,
	);
	const rows = await db.all<{
		occurredAt: number;
		action: JournalAction;
		objectType: string | null;
		objectId: string | null;
		identifier: string;
		role: EmployerRole | null;
		firstName: string | null;
		lastName: string | null;
	}>(sql`
		SELECT e.occurred_at AS occurredAt, e.action AS action, e.object_type AS objectType,
			e.object_id AS objectId, a.identifier AS identifier, r.role AS role,
			r.first_name AS firstName, r.last_name AS lastName
		FROM accounts a
		JOIN audit_events e ON e.account_id = a.id
		LEFT JOIN employer_administrators r ON r.account_id = a.id
		WHERE a.company_id = ${companyId} AND a.space = 'employeur'
			AND e.outcome = 'success' AND e.action IN (${actions})
		ORDER BY e.occurred_at DESC, e.seq DESC LIMIT ${limit}`);
	return rows.map((row) => ({
		...row,
		occurredAt: new Date(Number(row.occurredAt)),
		role: row.role ?? "principal",
	}));
}
