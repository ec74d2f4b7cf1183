// SEPA direct-debit mandates (companies' and members' contributions) and bank-detail changes
// waiting for their cooling-off period to end.
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { bankChangeStatuses, bankChangeTargets, mandateStatuses, sepaSequenceTypes } from "../enums.ts";
import { accounts } from "./accounts.ts";
import { calendarDate, instant, oneOf } from "./columns.ts";
import { companies } from "./employers.ts";
import { individualContracts, members } from "./members.ts";
import { requests } from "./requests.ts";

export const bankMandates = sqliteTable(
	"bank_mandates",
	{
		id: integer().primaryKey(),
		/** Référence unique du mandat (≤ 35 characters, set by the insurer). */
		rum: text().notNull(),
		/** Identifiant créancier SEPA of the insurer. */
		ics: text().notNull(),
		companyId: integer().references(() => companies.id),
		memberId: integer().references(() => members.id),
		/** Stored whole for debits; pages show only the last 4 characters. */
		iban: text().notNull(),
		ibanLast4: text().notNull(),
		bic: text(),
		holderName: text().notNull(),
		signedOn: calendarDate().notNull(),
		status: text({ enum: mandateStatuses }).notNull(),
		/** Sequence type of the next debit (FRST, then RCUR; FNAL for the last one). */
		sequenceType: text({ enum: sepaSequenceTypes }).notNull(),
		/** A mandate lapses after 36 months without a debit. */
		lastDebitOn: calendarDate(),
		revokedAt: instant(),
		createdAt: instant().notNull(),
		updatedAt: instant().notNull(),
	},
	(t) => [
		oneOf("bank_mandates_status_check", t.status, mandateStatuses),
		oneOf("bank_mandates_sequence_check", t.sequenceType, sepaSequenceTypes),
		check("bank_mandates_owner_check", sql`(${t.companyId} IS NULL) <> (${t.memberId} IS NULL)`),
		check("bank_mandates_rum_check", sql`length(${t.rum}) BETWEEN 1 AND 35`),
		check("bank_mandates_iban_last4_check", sql`length(${t.ibanLast4}) = 4`),
		uniqueIndex("bank_mandates_rum_idx").on(t.rum),
		index("bank_mandates_company_idx").on(t.companyId, t.status),
		index("bank_mandates_member_idx").on(t.memberId, t.status),
		index("bank_mandates_last_debit_idx").on(t.status, t.lastDebitOn),
	],
);

/**
 * A requested change of bank details. It takes effect at `effectiveAt` (end of the cooling-off
 * period) unless cancelled; the previous contact address is notified when it is requested.
 */
export const bankDetailChanges = sqliteTable(
	"bank_detail_changes",
	{
		id: integer().primaryKey(),
		target: text({ enum: bankChangeTargets }).notNull(),
		companyId: integer().references(() => companies.id),
		memberId: integer().references(() => members.id),
		contractId: integer().references(() => individualContracts.id),
		/** The mandate being replaced, if any. */
		mandateId: integer().references(() => bankMandates.id),
		newIban: text().notNull(),
		newIbanLast4: text().notNull(),
		newBic: text(),
		newHolderName: text().notNull(),
		requestId: integer().references(() => requests.id),
		requestedByAccountId: integer()
			.notNull()
			.references(() => accounts.id),
		requestedAt: instant().notNull(),
		effectiveAt: instant().notNull(),
		/** Where the notice went (the contact address before the change). */
		notifiedTo: text(),
		notifiedAt: instant(),
		status: text({ enum: bankChangeStatuses }).notNull(),
		appliedAt: instant(),
		cancelledAt: instant(),
		cancelledByAccountId: integer().references(() => accounts.id),
	},
	(t) => [
		oneOf("bank_detail_changes_target_check", t.target, bankChangeTargets),
		oneOf("bank_detail_changes_status_check", t.status, bankChangeStatuses),
		check("bank_detail_changes_owner_check", sql`(${t.companyId} IS NULL) <> (${t.memberId} IS NULL)`),
		check("bank_detail_changes_iban_last4_check", sql`length(${t.newIbanLast4}) = 4`),
		index("bank_detail_changes_due_idx").on(t.status, t.effectiveAt),
		index("bank_detail_changes_company_idx").on(t.companyId, t.requestedAt),
		index("bank_detail_changes_member_idx").on(t.memberId, t.requestedAt),
	],
);
