// The member's guarantees (article 3 of the CGU: « téléchargement du descriptif de garanties,
// information sur les modalités de paiement et de remboursement des prestations »): the table of
// the offer in force on a given day, by care category, and the contract's payment terms. Bank
// accounts leave this module as their last 4 characters only: the full IBAN is never selected.
import { and, asc, desc, eq, gt, isNull, lte, or } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type {
	CareBasket,
	GuaranteeKind,
	GuaranteePeriod,
	PaymentMethod,
	Periodicity,
	Relationship,
} from "../../schema/enums.ts";
import {
	acts,
	bankMandates,
	beneficiaries,
	careCategories,
	guaranteeLines,
	guaranteeTables,
	individualContracts,
	offers,
	persons,
} from "../../schema/tables/index.ts";
import { getMemberIdentity, type MemberIdentity } from "./statements.ts";

export interface GuaranteeLineView {
	readonly id: number;
	readonly label: string;
	readonly kind: GuaranteeKind;
	/** Basis points of the BR for percent_br, cents for flat and ceiling (schema/tables/guarantees.ts). */
	readonly value: number;
	readonly ceilingCents: number | null;
	readonly period: GuaranteePeriod;
	readonly actCode: string | null;
	/** The act's 100 % Santé basket, when the line is for one act. */
	readonly basket: CareBasket | null;
}

export interface GuaranteeCategory {
	readonly code: string;
	readonly label: string;
	readonly lines: readonly GuaranteeLineView[];
}

export interface ContractTerms {
	readonly number: string;
	readonly startDate: string;
	readonly endDate: string | null;
	readonly contributionCents: number;
	readonly periodicity: Periodicity;
	readonly paymentMethod: PaymentMethod;
	/** Day of the month of the direct debit. */
	readonly paymentDay: number | null;
	/** The account reimbursements are paid to: its last 4 characters only. */
	readonly reimbursementIbanLast4: string | null;
	readonly reimbursementHolder: string | null;
	/** The active direct-debit mandate for the contributions, if any. */
	readonly mandate: { readonly rum: string; readonly ibanLast4: string } | null;
}

export interface CoveredPerson {
	readonly firstName: string;
	readonly lastName: string;
	readonly relationship: Relationship;
}

export interface MemberGuarantees {
	readonly member: MemberIdentity;
	readonly offer: { readonly code: string; readonly label: string; readonly responsible: boolean };
	/** The table in force on the reference day; null if the offer has none then. */
	readonly table: {
		readonly label: string;
		readonly effectiveFrom: string;
		readonly effectiveTo: string | null;
	} | null;
	readonly categories: readonly GuaranteeCategory[];
	readonly contract: ContractTerms;
	readonly covered: readonly CoveredPerson[];
	/** The day the guarantees are those of: today, or the contract's last day once it has ended. */
	readonly referenceDay: string;
}

/**
 * The guarantees of the member's contract in force on `today` (`YYYY-MM-DD`), or of their latest
 * contract once it has ended (the space stays open two years after, article 7 of the CGU).
 * Null when the member has no contract.
 */
export async function getMemberGuarantees(
	db: Database,
	memberId: number,
	today: string,
): Promise<MemberGuarantees | null> {
	const contracts = await db
		.select({
			number: individualContracts.number,
			offerId: individualContracts.offerId,
			startDate: individualContracts.startDate,
			endDate: individualContracts.endDate,
			contributionCents: individualContracts.contributionCents,
			periodicity: individualContracts.contributionPeriodicity,
			paymentMethod: individualContracts.paymentMethod,
			paymentDay: individualContracts.paymentDay,
			reimbursementIbanLast4: individualContracts.reimbursementIbanLast4,
			reimbursementHolder: individualContracts.reimbursementHolder,
		})
		.from(individualContracts)
		.where(and(eq(individualContracts.memberId, memberId), lte(individualContracts.startDate, today)))
		.orderBy(desc(individualContracts.startDate));
	const contract =
		contracts.find((candidate) => candidate.endDate === null || candidate.endDate >= today) ?? contracts[0];
	if (!contract) return null;
	const referenceDay = contract.endDate !== null && contract.endDate < today ? contract.endDate : today;

	const [member, offerRows, tableRows, mandates, covered] = await Promise.all([
		getMemberIdentity(db, memberId),
		db
			.select({ code: offers.code, label: offers.label, responsible: offers.responsible })
			.from(offers)
			.where(eq(offers.id, contract.offerId)),
		db
			.select({
				id: guaranteeTables.id,
				label: guaranteeTables.label,
				effectiveFrom: guaranteeTables.effectiveFrom,
				effectiveTo: guaranteeTables.effectiveTo,
			})
			.from(guaranteeTables)
			.where(
				and(
					eq(guaranteeTables.offerId, contract.offerId),
					lte(guaranteeTables.effectiveFrom, referenceDay),
					// effectiveTo is exclusive: a table ending on the reference day no longer applies.
					or(isNull(guaranteeTables.effectiveTo), gt(guaranteeTables.effectiveTo, referenceDay)),
				),
			)
			.orderBy(desc(guaranteeTables.effectiveFrom))
			.limit(1),
		db
			.select({ rum: bankMandates.rum, ibanLast4: bankMandates.ibanLast4 })
			.from(bankMandates)
			.where(and(eq(bankMandates.memberId, memberId), eq(bankMandates.status, "active")))
			.orderBy(desc(bankMandates.signedOn))
			.limit(1),
		db
			.select({
				firstName: persons.firstName,
				lastName: persons.lastName,
				relationship: beneficiaries.relationship,
				endDate: beneficiaries.endDate,
				startDate: beneficiaries.startDate,
			})
			.from(beneficiaries)
			.innerJoin(persons, eq(beneficiaries.personId, persons.id))
			.where(eq(beneficiaries.memberId, memberId))
			.orderBy(asc(beneficiaries.rank)),
	]);
	const offer = offerRows[0];
	if (!member || !offer) return null;
	const table = tableRows[0] ?? null;
	const categories = table ? await tableCategories(db, table.id) : [];
	const { offerId: _offer, ...terms } = contract;
	return {
		member,
		offer,
		table: table
			? { label: table.label, effectiveFrom: table.effectiveFrom, effectiveTo: table.effectiveTo }
			: null,
		categories,
		contract: { ...terms, mandate: mandates[0] ?? null },
		covered: covered
			.filter(
				(person) => person.startDate <= referenceDay && (person.endDate ?? referenceDay) >= referenceDay,
			)
			.map(({ firstName, lastName, relationship }) => ({ firstName, lastName, relationship })),
		referenceDay,
	};
}

/** The lines of a guarantee table by care category (also the contract page of the espace employeur). */
export async function tableCategories(db: Database, tableId: number): Promise<GuaranteeCategory[]> {
	const rows = await db
		.select({
			id: guaranteeLines.id,
			categoryCode: guaranteeLines.categoryCode,
			categoryLabel: careCategories.label,
			label: guaranteeLines.label,
			kind: guaranteeLines.kind,
			value: guaranteeLines.value,
			ceilingCents: guaranteeLines.ceilingCents,
			period: guaranteeLines.period,
			actCode: guaranteeLines.actCode,
			basket: acts.basket,
		})
		.from(guaranteeLines)
		.innerJoin(careCategories, eq(guaranteeLines.categoryCode, careCategories.code))
		.leftJoin(acts, eq(guaranteeLines.actCode, acts.code))
		.where(eq(guaranteeLines.tableId, tableId))
		.orderBy(asc(careCategories.sortOrder), asc(guaranteeLines.sortOrder), asc(guaranteeLines.id));
	const categories = new Map<string, { code: string; label: string; lines: GuaranteeLineView[] }>();
	for (const { categoryCode, categoryLabel, ...line } of rows) {
		const category = categories.get(categoryCode) ?? { code: categoryCode, label: categoryLabel, lines: [] };
		category.lines.push(line);
		categories.set(categoryCode, category);
	}
	return [...categories.values()];
}
