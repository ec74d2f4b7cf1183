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

export async function affiliateEmployee(db: Database, input: AffiliateInput): Promise<AffiliateResult> {
	const { scope, now } = input;
	if (!nirMatchesBirthDate(input.nir, input.birthDate)) return { ok: false, reason: "nir_birth_date" };
	if (input.startDate > addDays(input.today, START_DATE_MAX_DAYS_AHEAD))
		return { ok: false, reason: "start_too_far" };
	const written = await db.transaction(
		async (
			tx,
		): Promise<
			AffiliateResult | { ok: true; affiliationId: number; accountId: number; identifier: string }
		> => {
			const [row] = await tx.all<{ id: number; startDate: string }>(sql`
				SELECT g.id AS id, g.start_date AS startDate FROM group_contract_categories c
				JOIN group_contracts g ON g.id = c.group_contract_id
				WHERE c.id = ${input.categoryId} AND g.company_id = ${scope.companyId}
					AND (g.end_date IS NULL OR g.end_date >= ${input.today})`);
			if (!row) return { ok: false, reason: "unknown_category" };
			if (input.startDate < row.startDate) return { ok: false, reason: "start_before_contract" };
			// The same person, covered or about to be by this company: affiliated once.
			const existing = await tx.all(sql`
				SELECT 1 FROM affiliations a JOIN persons p ON p.id = a.person_id
				WHERE a.company_id = ${scope.companyId} AND p.nir = ${input.nir}
					AND (a.end_date IS NULL OR a.end_date >= ${input.today}) LIMIT 1`);
			if (existing.length > 0) return { ok: false, reason: "already_affiliated" };
			const [person] = await tx
				.insert(persons)
				.values({
					lastName: input.lastName,
					firstName: input.firstName,
					birthDate: input.birthDate,
					sex: sexOfNir(input.nir),
					nir: input.nir,
					createdAt: now,
					updatedAt: now,
				})
				.returning({ id: persons.id });
			if (!person) throw new Error("affiliate: the person was not written");
			await tx
				.insert(personRoleAssignments)
				.values({ personId: person.id, role: "employee", since: input.startDate });
			const [number] = await tx.all<{ next: number }>(
				sql`SELECT coalesce(max(CAST(member_number AS INTEGER)), 400000000) + 1 AS next FROM members`,
			);
			const [member] = await tx
				.insert(members)
				.values({
					memberNumber: String(number?.next),
					personId: person.id,
					addressLine1: input.addressLine1,
					postalCode: input.postalCode,
					city: input.city,
					email: input.email,
					createdAt: now,
					updatedAt: now,
				})
				.returning({ id: members.id });
			if (!member) throw new Error("affiliate: the member was not written");
			const [affiliation] = await tx
				.insert(affiliations)
				.values({
					companyId: scope.companyId,
					groupContractId: Number(row.id),
					categoryId: input.categoryId,
					personId: person.id,
					memberId: member.id,
					employeeNumber: input.employeeNumber ?? null,
					option: input.option,
					startDate: input.startDate,
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
					email: input.email,
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
				details: { categoryId: input.categoryId, option: input.option, invitedAccountId: account.id },
			});
			return { ok: true, affiliationId: affiliation.id, accountId: account.id, identifier };
		},
		{ behavior: "immediate" },
	);
	if (!written.ok || !("accountId" in written)) return written;
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
		to: input.email,
		accountId: written.accountId,
		idempotencyKey: `account-activation/${link.id}`,
		now,
		publicUrl: input.publicUrl,
	});
	return { ok: true, affiliationId: written.affiliationId, identifier: written.identifier };
}
