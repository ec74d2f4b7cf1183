// The bank account the insurer's tiers-payant transfers go to, per practice, and the changes of
// it waiting for their cooling-off period (ADR 0035). Tables of their own rather than
// bank_mandates / bank_detail_changes: those are SEPA debit mandates of a company or a member
// (their owner check names exactly those two), whereas the insurer credits a practice.
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { bankChangeStatuses } from "../enums.ts";
import { accounts } from "./accounts.ts";
import { instant, oneOf } from "./columns.ts";
import { professionals } from "./professionals.ts";

export const practiceBankAccountStatuses = ["active", "replaced"] as const;
export type PracticeBankAccountStatus = (typeof practiceBankAccountStatuses)[number];

export const practiceBankAccounts = sqliteTable(
	"practice_bank_accounts",
	{
		id: integer().primaryKey(),
		professionalId: integer()
			.notNull()
			.references(() => professionals.id),
		/** Stored whole for the transfers; pages show only the last 4 characters. */
		iban: text().notNull(),
		ibanLast4: text().notNull(),
		bic: text().notNull(),
		holderName: text().notNull(),
		status: text({ enum: practiceBankAccountStatuses }).notNull(),
		activeSince: instant().notNull(),
		replacedAt: instant(),
	},
	(t) => [
		oneOf("practice_bank_accounts_status_check", t.status, practiceBankAccountStatuses),
		check("practice_bank_accounts_iban_last4_check", sql`length(${t.ibanLast4}) = 4`),
		// One account in force per practice: transfers must never have two destinations.
		uniqueIndex("practice_bank_accounts_active_idx").on(t.professionalId).where(sql`${t.status} = 'active'`),
		index("practice_bank_accounts_professional_idx").on(t.professionalId, t.activeSince),
	],
);

/** A requested change: it takes effect at `effectiveAt` unless cancelled before. */
export const practiceBankChanges = sqliteTable(
	"practice_bank_changes",
	{
		id: integer().primaryKey(),
		professionalId: integer()
			.notNull()
			.references(() => professionals.id),
		/** The account being replaced (null when the practice had none). */
		bankAccountId: integer().references(() => practiceBankAccounts.id),
		newIban: text().notNull(),
		newIbanLast4: text().notNull(),
		newBic: text().notNull(),
		newHolderName: text().notNull(),
		requestedByAccountId: integer()
			.notNull()
			.references(() => accounts.id),
		requestedAt: instant().notNull(),
		effectiveAt: instant().notNull(),
		/** The practice's address the notice and its cancel link went to. */
		notifiedTo: text(),
		status: text({ enum: bankChangeStatuses }).notNull(),
		appliedAt: instant(),
		cancelledAt: instant(),
		cancelledByAccountId: integer().references(() => accounts.id),
	},
	(t) => [
		oneOf("practice_bank_changes_status_check", t.status, bankChangeStatuses),
		check("practice_bank_changes_iban_last4_check", sql`length(${t.newIbanLast4}) = 4`),
		index("practice_bank_changes_due_idx").on(t.status, t.effectiveAt),
		index("practice_bank_changes_professional_idx").on(t.professionalId, t.requestedAt),
	],
);
