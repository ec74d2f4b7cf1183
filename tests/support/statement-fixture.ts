// Test data for the statement publication (its service, task and command tests): members with an
// adhérent account, reimbursement lines whose amounts are chosen by the test, and transfers. Far
// smaller than the demo seed, so that every expected total can be written down by hand.
import type { Database } from "../../db/client.ts";
import type { Payee } from "../../schema/enums.ts";
import {
	accounts,
	acts,
	beneficiaries,
	careCategories,
	memberPayments,
	members,
	persons,
	prestations,
} from "../../schema/tables/index.ts";

const AT = new Date("2020-01-01T00:00:00Z");
export const ACT_CODE = "G";

export interface FixtureMember {
	readonly memberId: number;
	readonly beneficiaryId: number;
	readonly email: string;
}

/** The one care category and act every line uses. */
export async function createCatalogue(db: Database): Promise<void> {
	await db.insert(careCategories).values({ code: "soins_courants", label: "Soins courants", sortOrder: 1 });
	await db
		.insert(acts)
		.values({ code: ACT_CODE, label: "Consultation", categoryCode: "soins_courants", ssRateBp: 7000 });
}

/** A member, covering themself, with an active adhérent account (`n` from 1 to 999). */
export async function createMember(db: Database, n: number, firstName: string): Promise<FixtureMember> {
	const [person] = await db
		.insert(persons)
		.values({
			lastName: "Lefèvre",
			firstName,
			birthDate: "1980-05-06",
			sex: "F",
			createdAt: AT,
			updatedAt: AT,
		})
		.returning({ id: persons.id });
	const personId = person?.id ?? 0;
	const [member] = await db
		.insert(members)
		.values({
			memberNumber: String(700_000_000 + n),
			personId,
			addressLine1: "3 place du Marché",
			postalCode: "69001",
			city: "Lyon",
			createdAt: AT,
			updatedAt: AT,
		})
		.returning({ id: members.id });
	const memberId = member?.id ?? 0;
	const [beneficiary] = await db
		.insert(beneficiaries)
		.values({
			memberId,
			personId,
			relationship: "adherent",
			startDate: "2020-01-01",
			rank: 1,
			createdAt: AT,
			updatedAt: AT,
		})
		.returning({ id: beneficiaries.id });
	const email = `${firstName.toLowerCase()}@adherent.example.test`;
	await db.insert(accounts).values({
		identifier: String(1_000_000_000 + 700 + n),
		space: "adherent",
		memberId,
		email,
		passwordHash: "$argon2id$test",
		state: "active",
		createdAt: AT,
		updatedAt: AT,
	});
	return { memberId, beneficiaryId: beneficiary?.id ?? 0, email };
}

export interface LineInput {
	readonly careDate: string;
	/** Null while not paid. */
	readonly paymentDate: string | null;
	readonly paidTo: Payee;
	readonly chargedCents: number;
	readonly ssPaidCents: number;
	readonly mutuelleCents: number;
}

/** A reimbursement line; the reste à charge is what the others leave of the amount charged. */
export async function addLine(db: Database, member: FixtureMember, line: LineInput): Promise<number> {
	const [row] = await db
		.insert(prestations)
		.values({
			memberId: member.memberId,
			beneficiaryId: member.beneficiaryId,
			careDate: line.careDate,
			actCode: ACT_CODE,
			categoryCode: "soins_courants",
			chargedCents: line.chargedCents,
			baseCents: line.chargedCents,
			ssRateBp: 7000,
			ssPaidCents: line.ssPaidCents,
			mutuelleCents: line.mutuelleCents,
			remainingCents: line.chargedCents - line.ssPaidCents - line.mutuelleCents,
			paidTo: line.paidTo,
			paymentDate: line.paymentDate,
		})
		.returning({ id: prestations.id });
	return row?.id ?? 0;
}

/** A transfer to the member. */
export async function addPayment(
	db: Database,
	member: FixtureMember,
	paidOn: string,
	amountCents: number,
): Promise<number> {
	const [row] = await db
		.insert(memberPayments)
		.values({
			memberId: member.memberId,
			paidOn,
			amountCents,
			reference: `RB${member.memberId}${paidOn.replaceAll("-", "")}`,
			ibanLast4: "0189",
			status: "paid",
		})
		.returning({ id: memberPayments.id });
	return row?.id ?? 0;
}
