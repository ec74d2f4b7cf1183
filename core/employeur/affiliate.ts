// « Affilier »: the employer affiliates one employee to a category and option of its group
// contract. One transaction writes the person (with the NIR, checked with its key at the
// boundary), the member record the espace adhérent reads, the affiliation and a pending adhérent
// account; then the employee is e-mailed their identifier and a link to choose their password
// (the activation flow of core/account-activation.ts: no password ever travels by e-mail).
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { CoverageOption, Sex } from "../../schema/enums.ts";
import {
	accounts,
	affiliations,
	members,
	personRoleAssignments,
	persons,
} from "../../schema/tables/index.ts";
import { allocateIdentifier } from "../account-identifier.ts";
import { appendAuditEvent } from "../audit.ts";
import { addDays } from "../calendar.ts";
import { createOneTimeToken } from "../one-time-token.ts";
import type { RandomBytes } from "../password.ts";
import type { Executor } from "../queue.ts";
import { queueMail } from "../send-mail.ts";
import type { EmployerScope } from "./scope.ts";

/** How far ahead an affiliation may start: a hire already signed, not a guess. */
export const START_DATE_MAX_DAYS_AHEAD = 92;

export interface AffiliateInput {
	readonly scope: EmployerScope;
	/** 15 characters, key checked (schema/identifiers.ts nirSchema). */
	readonly nir: string;
	readonly lastName: string;
	readonly firstName: string;
	readonly birthDate: string;
	readonly email: string;
	readonly addressLine1: string;
	readonly postalCode: string;
	readonly city: string;
	readonly employeeNumber?: string | undefined;
	readonly startDate: string;
	readonly categoryId: number;
	readonly option: CoverageOption;
	readonly today: string;
	readonly now: Date;
	readonly publicUrl: URL;
	readonly randomBytes: RandomBytes;
	readonly correlationId: string;
}

export type AffiliateResult =
	| { readonly ok: true; readonly affiliationId: number; readonly identifier: string }
	| {
			readonly ok: false;
			readonly reason:
				| "unknown_category"
				| "nir_birth_date"
				| "already_affiliated"
				| "start_before_contract"
				| "start_too_far";
	  };

/**
 * The NIR's year and month of birth (positions 2–5) match the birth date; a month from 20 to 42
 * or 99 means "unknown" in the register (foreign-born people, INSEE rules), and is accepted.
 */
export function nirMatchesBirthDate(nir: string, birthDate: string): boolean {
	if (nir.slice(1, 3) !== birthDate.slice(2, 4)) return false;
	const month = Number(nir.slice(3, 5));
	return month === Number(birthDate.slice(5, 7)) || (month >= 20 && month <= 42) || month === 99;
}

/** 1, 3, 7: a man; 2, 4, 8: a woman (the first digit of the NIR). */
export function sexOfNir(nir: string): Sex {
	return ["2", "4", "8"].includes(nir.charAt(0)) ? "F" : "M";
}

/** The rules a line is held to before any write: the NIR against the birth date, the start date. */
export function checkAffiliationDates(input: {
	readonly nir: string;
	readonly birthDate: string;
	readonly startDate: string;
	readonly today: string;
}): "nir_birth_date" | "start_too_far" | null {
	if (!nirMatchesBirthDate(input.nir, input.birthDate)) return "nir_birth_date";
	if (input.startDate > addDays(input.today, START_DATE_MAX_DAYS_AHEAD)) return "start_too_far";
	return null;
}

export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface EmployeeRecord {
	readonly nir: string;
	readonly lastName: string;
	readonly firstName: string;
	readonly birthDate: string;
	readonly email: string;
	readonly addressLine1: string;
	readonly postalCode: string;
	readonly city: string;
	readonly employeeNumber?: string | null | undefined;
	readonly startDate: string;
	readonly categoryId: number;
	readonly option: CoverageOption;
}

export interface WrittenAffiliation {
	readonly ok: true;
	readonly affiliationId: number;
	readonly accountId: number;
	readonly identifier: string;
}

/** The first member number after the highest in use (one full read: once per transaction). */
export async function nextMemberNumber(tx: Transaction): Promise<number> {
	const [number] = await tx.all<{ next: number }>(
		sql`SELECT coalesce(max(CAST(member_number AS INTEGER)), 400000000) + 1 AS next FROM members`,
	);
	return Number(number?.next);
}

/** Whether the company covers (or is about to cover) this NIR: an employee is affiliated once. */
export async function isAffiliated(
	tx: Transaction,
	companyId: number,
	nir: string,
	today: string,
): Promise<boolean> {
	const existing = await tx.all(sql`
		SELECT 1 FROM affiliations a JOIN persons p ON p.id = a.person_id
		WHERE a.company_id = ${companyId} AND p.nir = ${nir}
			AND (a.end_date IS NULL OR a.end_date >= ${today}) LIMIT 1`);
	return existing.length > 0;
}

/**
 * Writes one affiliation inside the caller's IMMEDIATE transaction: the person, their member
 * record (numbered `memberNumber`), the affiliation, a pending adhérent account and the audit
 * entry. The caller has checked the category (`groupContractId`) and that the NIR is not covered.
 */
export async function writeAffiliation(
	tx: Transaction,
	input: {
		readonly scope: EmployerScope;
		readonly employee: EmployeeRecord;
		readonly groupContractId: number;
		readonly memberNumber: number;
		readonly now: Date;
		readonly correlationId: string;
		readonly importId?: number | undefined;
	},
): Promise<WrittenAffiliation> {
	const { scope, employee, now } = input;
	const [person] = await tx
		.insert(persons)
		.values({
			lastName: employee.lastName,
			firstName: employee.firstName,
			birthDate: employee.birthDate,
			sex: sexOfNir(employee.nir),
			nir: employee.nir,
			createdAt: now,
			updatedAt: now,
		})
		.returning({ id: persons.id });
	if (!person) throw new Error("affiliate: the person was not written");
	await tx
		.insert(personRoleAssignments)
		.values({ personId: person.id, role: "employee", since: employee.startDate });
	const [member] = await tx
		.insert(members)
		.values({
			memberNumber: String(input.memberNumber),
			personId: person.id,
			addressLine1: employee.addressLine1,
			postalCode: employee.postalCode,
			city: employee.city,
			email: employee.email,
			createdAt: now,
			updatedAt: now,
		})
		.returning({ id: members.id });
	if (!member) throw new Error("affiliate: the member was not written");
	const [affiliation] = await tx
		.insert(affiliations)
		.values({
			companyId: scope.companyId,
			groupContractId: input.groupContractId,
			categoryId: employee.categoryId,
			personId: person.id,
			memberId: member.id,
			employeeNumber: employee.employeeNumber ?? null,
			option: employee.option,
			startDate: employee.startDate,
			createdAt: now,
			updatedAt: now,
		})
		.returning({ id: affiliations.id });
	if (!affiliation) throw new Error("affiliate: the affiliation was not written");
	const identifier = await allocateIdentifier(tx, "adherent");
	const [account] = await tx
		.insert(accounts)
		.values({
			identifier,
			space: "adherent",
			memberId: member.id,
			email: employee.email,
			state: "pending",
			createdAt: now,
			secondFactorMethod: "email",
			updatedAt: now,
		})
		.returning({ id: accounts.id });
	if (!account) throw new Error("affiliate: the account was not written");
	await appendAuditEvent(tx, {
		occurredAt: now,
		accountId: scope.accountId,
		sessionId: scope.sessionId,
		actorKind: "account",
		action: "employeur.affiliation.created",
		objectType: "affiliation",
		objectId: String(affiliation.id),
		outcome: "success",
		correlationId: input.correlationId,
		details: {
			categoryId: employee.categoryId,
			option: employee.option,
			invitedAccountId: account.id,
			...(input.importId === undefined ? {} : { importId: input.importId }),
		},
	});
	return { ok: true, affiliationId: affiliation.id, accountId: account.id, identifier };
}

/**
 * E-mails the new employee their identifier and a single-use link to choose their password
 * (core/account-activation.ts): the outbox row and its job, in the caller's transaction or not.
 */
export async function inviteEmployee(
	db: Executor,
	input: {
		readonly accountId: number;
		readonly identifier: string;
		readonly firstName: string;
		readonly email: string;
		readonly now: Date;
		readonly publicUrl: URL;
		readonly randomBytes: RandomBytes;
	},
): Promise<void> {
	const link = await createOneTimeToken(db, {
		purpose: "activation",
		accountId: input.accountId,
		now: input.now,
		randomBytes: input.randomBytes,
	});
	await queueMail(db, {
		template: "account-activation",
		data: {
			identifier: input.identifier,
			activationPath: `/compte/activer?jeton=${link.token}`,
			displayName: input.firstName,
		},
		to: input.email,
		accountId: input.accountId,
		idempotencyKey: `account-activation/${link.id}`,
		now: input.now,
		publicUrl: input.publicUrl,
	});
}

/** The open group contract behind a category of the company, or null. */
export async function findOpenCategory(
	tx: Transaction | Database,
	companyId: number,
	categoryId: number,
	today: string,
): Promise<{ readonly groupContractId: number; readonly startDate: string } | null> {
	const [row] = await tx.all<{ id: number; startDate: string }>(sql`
		SELECT g.id AS id, g.start_date AS startDate FROM group_contract_categories c
		JOIN group_contracts g ON g.id = c.group_contract_id
		WHERE c.id = ${categoryId} AND g.company_id = ${companyId}
			AND (g.end_date IS NULL OR g.end_date >= ${today})`);
	return row ? { groupContractId: Number(row.id), startDate: row.startDate } : null;
}

export async function affiliateEmployee(db: Database, input: AffiliateInput): Promise<AffiliateResult> {
	const { scope, now } = input;
	const problem = checkAffiliationDates(input);
	if (problem) return { ok: false, reason: problem };
	const written = await db.transaction(
		async (tx): Promise<AffiliateResult | WrittenAffiliation> => {
			const contract = await findOpenCategory(tx, scope.companyId, input.categoryId, input.today);
			if (!contract) return { ok: false, reason: "unknown_category" };
			if (input.startDate < contract.startDate) return { ok: false, reason: "start_before_contract" };
			if (await isAffiliated(tx, scope.companyId, input.nir, input.today))
				return { ok: false, reason: "already_affiliated" };
			return writeAffiliation(tx, {
				scope,
				employee: input,
				groupContractId: contract.groupContractId,
				memberNumber: await nextMemberNumber(tx),
				now,
				correlationId: input.correlationId,
			});
		},
		{ behavior: "immediate" },
	);
	if (!written.ok || !("accountId" in written)) return written;
	await inviteEmployee(db, { ...input, accountId: written.accountId, identifier: written.identifier });
	return { ok: true, affiliationId: written.affiliationId, identifier: written.identifier };
}
