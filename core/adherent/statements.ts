// Relevés de prestations (article 3 of the CGU: online statements replace the paper ones): one
// per month with payments, its lines grouped by beneficiary (DOMAIN.md §4), the transfers made to
// the member, and the member's choice to receive a paper copy as well. Every query is scoped by
// the member: another member's statement is simply not found.
import { and, asc, desc, eq, gte, lte, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { Relationship } from "../../schema/enums.ts";
import {
	acts,
	beneficiaries,
	memberPayments,
	members,
	persons,
	prestations,
	professionals,
	statements,
} from "../../schema/tables/index.ts";
import { appendAuditEvent } from "../audit.ts";
import type { PrestationAmounts } from "./prestations.ts";

export interface Totals {
	readonly chargedCents: number;
	readonly ssPaidCents: number;
	readonly mutuelleCents: number;
	readonly remainingCents: number;
	/** Participation forfaitaire and franchises kept by the Sécurité sociale. */
	readonly deductionsCents: number;
}

export interface StatementSummary {
	readonly id: number;
	/** `YYYY-MM`: the month of the payments. */
	readonly month: string;
	readonly publishedAt: Date;
	readonly lineCount: number;
	readonly chargedCents: number;
	readonly ssPaidCents: number;
	readonly mutuelleCents: number;
	readonly remainingCents: number;
	readonly paidToMemberCents: number;
	readonly paidToProfessionalsCents: number;
	/** When a paper copy was posted. */
	readonly postedAt: Date | null;
}

export interface StatementList {
	/** Years with at least one statement, newest first. */
	readonly years: readonly number[];
	/** The year shown: the one asked for, else the newest; null without any statement. */
	readonly year: number | null;
	/** Statements of that year, newest first. */
	readonly statements: readonly StatementSummary[];
	readonly paperStatements: boolean;
}

export interface StatementLine extends PrestationAmounts {
	readonly id: number;
	readonly careDate: string;
	readonly actCode: string;
	readonly actLabel: string;
	/** The professional's or establishment's name, when known. */
	readonly professionalName: string | null;
}

export interface BeneficiaryGroup {
	readonly beneficiaryId: number;
	readonly firstName: string;
	readonly lastName: string;
	readonly relationship: Relationship;
	readonly lines: readonly StatementLine[];
	readonly totals: Totals;
}

export interface StatementTransfer {
	readonly paidOn: string;
	readonly amountCents: number;
	readonly reference: string;
	/** All that is ever shown of the account (SECURITY.md). */
	readonly ibanLast4: string | null;
}

export interface MemberIdentity {
	readonly memberNumber: string;
	readonly firstName: string;
	readonly lastName: string;
	readonly addressLines: readonly string[];
	readonly postalCode: string;
	readonly city: string;
	readonly paperStatements: boolean;
}

export interface StatementDetail {
	readonly statement: StatementSummary;
	readonly member: MemberIdentity;
	readonly groups: readonly BeneficiaryGroup[];
	readonly totals: Totals;
	readonly transfers: readonly StatementTransfer[];
}

const summaryColumns = {
	id: statements.id,
	month: statements.month,
	publishedAt: statements.publishedAt,
	lineCount: statements.lineCount,
	chargedCents: statements.chargedCents,
	ssPaidCents: statements.ssPaidCents,
	mutuelleCents: statements.mutuelleCents,
	remainingCents: statements.remainingCents,
	paidToMemberCents: statements.paidToMemberCents,
	paidToProfessionalsCents: statements.paidToProfessionalsCents,
	postedAt: statements.postedAt,
};

export async function getMemberIdentity(db: Database, memberId: number): Promise<MemberIdentity | null> {
	const [row] = await db
		.select({
			memberNumber: members.memberNumber,
			firstName: persons.firstName,
			lastName: persons.lastName,
			line1: members.addressLine1,
			line2: members.addressLine2,
			postalCode: members.postalCode,
			city: members.city,
			paperStatements: members.paperStatements,
		})
		.from(members)
		.innerJoin(persons, eq(members.personId, persons.id))
		.where(eq(members.id, memberId));
	if (!row) return null;
	const { line1, line2, ...rest } = row;
	return { ...rest, addressLines: line2 ? [line1, line2] : [line1] };
}

export async function listStatements(
	db: Database,
	memberId: number,
	options: { readonly year?: number | undefined } = {},
): Promise<StatementList> {
	const [yearRows, member] = await Promise.all([
		db
			.selectDistinct({ year: sql<string>`substr(${statements.month}, 1, 4)` })
			.from(statements)
			.where(eq(statements.memberId, memberId))
			.orderBy(desc(sql`1`)),
		db.select({ paper: members.paperStatements }).from(members).where(eq(members.id, memberId)),
	]);
	const years = yearRows.map((row) => Number(row.year));
	const year = options.year ?? years[0] ?? null;
	const rows =
		year === null
			? []
			: await db
					.select(summaryColumns)
					.from(statements)
					.where(
						and(
							eq(statements.memberId, memberId),
							gte(statements.month, `${year}-01`),
							lte(statements.month, `${year}-12`),
						),
					)
					.orderBy(desc(statements.month));
	return { years, year, statements: rows, paperStatements: member[0]?.paper ?? false };
}

function sumTotals(lines: readonly StatementLine[]): Totals {
	const totals = { chargedCents: 0, ssPaidCents: 0, mutuelleCents: 0, remainingCents: 0, deductionsCents: 0 };
	for (const line of lines) {
		totals.chargedCents += line.chargedCents;
		totals.ssPaidCents += line.ssPaidCents;
		totals.mutuelleCents += line.mutuelleCents;
		totals.remainingCents += line.remainingCents;
		totals.deductionsCents += line.participationForfaitaireCents + line.franchiseCents;
	}
	return totals;
}

/** The statement with its lines, or null when it does not exist or belongs to another member. */
export async function getStatement(
	db: Database,
	memberId: number,
	statementId: number,
): Promise<StatementDetail | null> {
	const [statement] = await db
		.select(summaryColumns)
		.from(statements)
		.where(and(eq(statements.id, statementId), eq(statements.memberId, memberId)));
	if (!statement) return null;
	const [member, lines, transfers] = await Promise.all([
		getMemberIdentity(db, memberId),
		db
			.select({
				id: prestations.id,
				beneficiaryId: prestations.beneficiaryId,
				firstName: persons.firstName,
				lastName: persons.lastName,
				relationship: beneficiaries.relationship,
				careDate: prestations.careDate,
				actCode: prestations.actCode,
				actLabel: acts.label,
				quantity: prestations.quantity,
				chargedCents: prestations.chargedCents,
				baseCents: prestations.baseCents,
				ssRateBp: prestations.ssRateBp,
				ssPaidCents: prestations.ssPaidCents,
				participationForfaitaireCents: prestations.participationForfaitaireCents,
				franchiseCents: prestations.franchiseCents,
				mutuelleCents: prestations.mutuelleCents,
				remainingCents: prestations.remainingCents,
				paidTo: prestations.paidTo,
				practiceName: professionals.practiceName,
				proFirstName: professionals.firstName,
				proLastName: professionals.lastName,
				paymentDate: prestations.paymentDate,
			})
			.from(prestations)
			.innerJoin(beneficiaries, eq(prestations.beneficiaryId, beneficiaries.id))
			.innerJoin(persons, eq(beneficiaries.personId, persons.id))
			.innerJoin(acts, eq(prestations.actCode, acts.code))
			.leftJoin(professionals, eq(prestations.professionalId, professionals.id))
			// The member filter is redundant with the statement's, and kept: deny by default.
			.where(and(eq(prestations.statementId, statement.id), eq(prestations.memberId, memberId)))
			.orderBy(asc(beneficiaries.rank), asc(prestations.careDate), asc(prestations.id)),
		db
			.select({
				paidOn: memberPayments.paidOn,
				amountCents: memberPayments.amountCents,
				reference: memberPayments.reference,
				ibanLast4: memberPayments.ibanLast4,
			})
			.from(memberPayments)
			.where(and(eq(memberPayments.statementId, statement.id), eq(memberPayments.memberId, memberId)))
			.orderBy(asc(memberPayments.paidOn), asc(memberPayments.id)),
	]);
	if (!member) return null;
	const groups = new Map<number, { head: (typeof lines)[number]; lines: StatementLine[] }>();
	for (const row of lines) {
		const {
			beneficiaryId,
			firstName,
			lastName,
			relationship,
			practiceName,
			proFirstName,
			proLastName,
			...line
		} = row;
		const professionalName = practiceName ?? ([proFirstName, proLastName].filter(Boolean).join(" ") || null);
		const group = groups.get(beneficiaryId) ?? { head: row, lines: [] };
		group.lines.push({ ...line, professionalName });
		groups.set(beneficiaryId, group);
	}
	const beneficiaryGroups = [...groups.values()].map(({ head, lines: groupLines }) => ({
		beneficiaryId: head.beneficiaryId,
		firstName: head.firstName,
		lastName: head.lastName,
		relationship: head.relationship,
		lines: groupLines,
		totals: sumTotals(groupLines),
	}));
	const all = beneficiaryGroups.flatMap((group) => group.lines);
	return {
		statement,
		member,
		groups: beneficiaryGroups,
		totals: sumTotals(all),
		transfers,
	};
}

/** "releve-2026-10.pdf": the name a statement is downloaded under. */
export function statementFileName(month: string): string {
	return `releve-${month}.pdf`;
}

export interface PaperChoiceInput {
	readonly memberId: number;
	readonly paper: boolean;
	readonly now: Date;
	readonly accountId: number;
	readonly sessionId: string;
	readonly correlationId?: string | undefined;
}

/**
 * Records whether the member also wants statements by post, and the choice in the audit trail,
 * in one transaction. Returns whether the choice changed.
 */
export async function setPaperStatements(
	db: Database,
	input: PaperChoiceInput,
): Promise<{ changed: boolean }> {
	return db.transaction(
		async (tx) => {
			const [current] = await tx
				.select({ paper: members.paperStatements })
				.from(members)
				.where(eq(members.id, input.memberId));
			const changed = current !== undefined && current.paper !== input.paper;
			if (changed) {
				await tx
					.update(members)
					.set({ paperStatements: input.paper, updatedAt: input.now })
					.where(eq(members.id, input.memberId));
			}
			await appendAuditEvent(tx, {
				occurredAt: input.now,
				accountId: input.accountId,
				sessionId: input.sessionId,
				actorKind: "account",
				action: "adherent.statements.paper_preference",
				objectType: "member",
				objectId: String(input.memberId),
				outcome: current ? "success" : "failure",
				correlationId: input.correlationId ?? null,
				details: { paperStatements: input.paper, changed },
			});
			return { changed };
		},
		{ behavior: "immediate" },
	);
}
