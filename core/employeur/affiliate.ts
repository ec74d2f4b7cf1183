// « Affilier »: the employer affiliates one employee to a category and option of its group
// contract. One transaction writes the person (with the NIR, checked with its key at the
// boundary), the member record the espace adhérent reads, the affiliation and a pending adhérent
// account; then the employee is e-mailed their identifier and a link to choose their password
// (the activation flow of core/account-activation.ts: no password ever travels by e-mail).
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { CoverageOption, Sex } from "../../schema/enums.ts";
import { allocateIdentifier } from "../account-identifier.ts";
import { appendAuditEvents } from "../audit.ts";
import { addDays } from "../calendar.ts";
import { createOneTimeTokens } from "../one-time-token.ts";
import type { RandomBytes } from "../password.ts";
import type { Executor } from "../queue.ts";
import { queueMail, queueMails } from "../send-mail.ts";
import type { EmployerScope } from "./scope.ts";

/** How far ahead an affiliation may start: a hire already signed, not a guess. */
export const START_DATE_MAX_DAYS_AHEAD = 92;

export interface AffiliateInput extends EmployeeRecord {
	readonly scope: EmployerScope;
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
	/** 15 characters, key checked (schema/identifiers.ts nirSchema). */
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

export interface AffiliationToWrite extends EmployeeRecord {
	readonly groupContractId: number;
}

const ROWS_PER_INSERT = 1_000;

async function insertInSlices<T, R>(rows: readonly T[], write: (slice: T[]) => Promise<R[]>): Promise<R[]> {
	const out: R[] = [];
	for (let start = 0; start < rows.length; start += ROWS_PER_INSERT)
		out.push(...(await write(rows.slice(start, start + ROWS_PER_INSERT))));
	return out;
}

/** Identifiers for `count` new adhérent accounts: the next ones in a row, or one at a time near the range's end. */
async function allocateIdentifiers(tx: Transaction, count: number): Promise<string[]> {
	const first = await allocateIdentifier(tx, "adherent");
	if (Number(first) + count - 1 <= 1_999_999_999)
		return Array.from({ length: count }, (_, index) => String(Number(first) + index));
	throw new Error("affiliate: the adherent identifiers are nearly exhausted");
}

/**
 * Writes affiliations inside the caller's IMMEDIATE transaction, by multi-row INSERTs: for each
 * employee the person, their member record (numbered from `firstMemberNumber` on), the
 * affiliation, a pending adhérent account and the audit entry. The caller has checked each
 * category (`groupContractId`) and that no NIR is covered already, nor twice in the list.
 */
export async function writeAffiliations(
	tx: Transaction,
	input: {
		readonly scope: EmployerScope;
		readonly employees: readonly AffiliationToWrite[];
		readonly firstMemberNumber: number;
		readonly now: Date;
		readonly correlationId: string;
		readonly importId?: number | undefined;
	},
): Promise<WrittenAffiliation[]> {
	const { scope, employees, now } = input;
	if (employees.length === 0) return [];
	// Each table's rows go as one JSON parameter that SQLite unpacks (json_each): no SQL is built
	// per value. Rows come back by their natural keys: SQLite does not promise RETURNING's order.
	const at = now.getTime();
	const personRows = await insertInSlices(employees, (slice) =>
		tx.all<{ id: number; nir: string }>(sql`
			INSERT INTO persons (last_name, first_name, birth_date, sex, nir, created_at, updated_at)
			SELECT j.value ->> 'lastName', j.value ->> 'firstName', j.value ->> 'birthDate', j.value ->> 'sex',
				j.value ->> 'nir', ${at}, ${at}
			FROM json_each(${JSON.stringify(slice.map((employee) => ({ ...employee, sex: sexOfNir(employee.nir) })))}) AS j
			RETURNING id, nir`),
	);
	const personOf = new Map(personRows.map((row) => [row.nir, Number(row.id)]));
	const personIds = employees.map((employee) => {
		const id = personOf.get(employee.nir);
		if (id === undefined) throw new Error("affiliate: the person was not written");
		return id;
	});
	const rows = employees.map((employee, index) => ({
		...employee,
		personId: personIds[index] ?? 0,
		memberNumber: String(input.firstMemberNumber + index),
		identifier: "",
		employeeNumber: employee.employeeNumber ?? null,
	}));
	await insertInSlices(rows, async (slice) => {
		await tx.run(sql`
			INSERT INTO person_roles (person_id, role, since)
			SELECT j.value ->> 'personId', 'employee', j.value ->> 'startDate' FROM json_each(${JSON.stringify(slice)}) AS j`);
		return [];
	});
	const memberRows = await insertInSlices(rows, (slice) =>
		tx.all<{ id: number; personId: number }>(sql`
			INSERT INTO members (member_number, person_id, address_line1, postal_code, city, email, created_at, updated_at)
			SELECT j.value ->> 'memberNumber', j.value ->> 'personId', j.value ->> 'addressLine1', j.value ->> 'postalCode',
				j.value ->> 'city', j.value ->> 'email', ${at}, ${at}
			FROM json_each(${JSON.stringify(slice)}) AS j
			RETURNING id, person_id AS personId`),
	);
	const memberOf = new Map(memberRows.map((row) => [Number(row.personId), Number(row.id)]));
	const withMembers = rows.map((row) => ({ ...row, memberId: memberOf.get(row.personId) ?? null }));
	const affiliationRows = await insertInSlices(withMembers, (slice) =>
		tx.all<{ id: number; personId: number }>(sql`
			INSERT INTO affiliations (company_id, group_contract_id, category_id, person_id, member_id, employee_number,
				option, start_date, created_at, updated_at)
			SELECT ${scope.companyId}, j.value ->> 'groupContractId', j.value ->> 'categoryId', j.value ->> 'personId',
				j.value ->> 'memberId', j.value ->> 'employeeNumber', j.value ->> 'option', j.value ->> 'startDate', ${at}, ${at}
			FROM json_each(${JSON.stringify(slice)}) AS j
			RETURNING id, person_id AS personId`),
	);
	const affiliationOf = new Map(affiliationRows.map((row) => [Number(row.personId), Number(row.id)]));
	const identifiers = await allocateIdentifiers(tx, employees.length);
	const accountRows = await insertInSlices(
		withMembers.map((row, index) => ({ ...row, identifier: identifiers[index] ?? "" })),
		(slice) =>
			tx.all<{ id: number; identifier: string }>(sql`
				INSERT INTO accounts (identifier, space, member_id, email, state, created_at, second_factor_method, updated_at)
				SELECT j.value ->> 'identifier', 'adherent', j.value ->> 'memberId', j.value ->> 'email', 'pending', ${at},
					'email', ${at}
				FROM json_each(${JSON.stringify(slice)}) AS j
				RETURNING id, identifier`),
	);
	const accountOf = new Map(accountRows.map((row) => [String(row.identifier), Number(row.id)]));
	const written = personIds.map((personId, index): WrittenAffiliation => {
		const affiliationId = affiliationOf.get(personId);
		const identifier = identifiers[index] ?? "";
		const accountId = accountOf.get(identifier);
		if (affiliationId === undefined || accountId === undefined)
			throw new Error("affiliate: the affiliation or the account was not written");
		return { ok: true, affiliationId, accountId, identifier };
	});
	await appendAuditEvents(
		tx,
		written.map((row, index) => ({
			occurredAt: now,
			accountId: scope.accountId,
			sessionId: scope.sessionId,
			actorKind: "account" as const,
			action: "employeur.affiliation.created",
			objectType: "affiliation",
			objectId: String(row.affiliationId),
			outcome: "success" as const,
			correlationId: input.correlationId,
			details: {
				categoryId: employees[index]?.categoryId ?? null,
				option: employees[index]?.option ?? null,
				invitedAccountId: row.accountId,
				...(input.importId === undefined ? {} : { importId: input.importId }),
			},
		})),
	);
	return written;
}

export interface Invitation {
	readonly accountId: number;
	readonly identifier: string;
	readonly firstName: string;
	readonly email: string;
}

/**
 * E-mails each new employee their identifier and a single-use link to choose their password
 * (core/account-activation.ts): the tokens, the outbox rows and their jobs, in the caller's
 * transaction or not. `renderAt: "delivery"` (an import's thousands of invitations) stores each
 * mail's template input for the worker to render when it sends it, rather than its text and
 * HTML (ADR 0043); the one-employee form renders its mail at once, as every other mail is.
 */
export async function inviteEmployees(
	db: Executor & Pick<Database, "all" | "run">,
	invitations: readonly Invitation[],
	options: {
		readonly now: Date;
		readonly publicUrl: URL;
		readonly randomBytes: RandomBytes;
		readonly renderAt?: "queueing" | "delivery";
	},
): Promise<void> {
	const links = await createOneTimeTokens(
		db,
		invitations.map((invitation) => ({
			purpose: "activation" as const,
			accountId: invitation.accountId,
			now: options.now,
			randomBytes: options.randomBytes,
		})),
	);
	const mails = invitations.map((invitation, index) => {
		const link = links[index];
		if (!link) throw new Error("affiliate: no activation link");
		return {
			template: "account-activation" as const,
			data: {
				identifier: invitation.identifier,
				activationPath: `/compte/activer?jeton=${link.token}`,
				displayName: invitation.firstName,
			},
			to: invitation.email,
			accountId: invitation.accountId,
			idempotencyKey: `account-activation/${link.id}`,
			now: options.now,
			publicUrl: options.publicUrl,
		};
	});
	if (options.renderAt === "delivery") await queueMails(db, mails);
	else for (const mail of mails) await queueMail(db, mail);
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
			const [written] = await writeAffiliations(tx, {
				scope,
				employees: [{ ...input, groupContractId: contract.groupContractId }],
				firstMemberNumber: await nextMemberNumber(tx),
				now,
				correlationId: input.correlationId,
			});
			if (!written) throw new Error("affiliate: the affiliation was not written");
			return written;
		},
		{ behavior: "immediate" },
	);
	if (!written.ok || !("accountId" in written)) return written;
	await inviteEmployees(
		db,
		[
			{
				accountId: written.accountId,
				identifier: written.identifier,
				firstName: input.firstName,
				email: input.email,
			},
		],
		input,
	);
	return { ok: true, affiliationId: written.affiliationId, identifier: written.identifier };
}
