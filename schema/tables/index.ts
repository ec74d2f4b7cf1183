// The whole data model of the portal, one file per area. drizzle-kit reads this module
// (drizzle.config.ts) and so do both database clients (db/client.ts, db/client-web.ts).
//
// Conventions, the same in every table:
// - Keys are camelCase in TypeScript and snake_case in SQL (`casing: "snake_case"` in the
//   clients and in drizzle.config.ts): `careDate` is the column `care_date`.
// - Instants (something that happened at a moment: createdAt, publishedAt, expiresAt…) are
//   INTEGER milliseconds since the Unix epoch, UTC, read and written as `Date`
//   (`integer({ mode: "timestamp_ms" })`, see columns.ts `instant()`).
// - Calendar dates (date of care, birth date, start/end of a contract, payment date) are TEXT
//   `YYYY-MM-DD` and months TEXT `YYYY-MM`: they carry no time zone. Periods are
//   [from, to) with an exclusive end for tariffs and parameters, inclusive end dates for
//   contracts, affiliations and beneficiaries (the last day covered).
// - Money is INTEGER euro cents (`*Cents`), rates are INTEGER basis points (`*Bp`).
// - Enumerations are TEXT with a CHECK constraint whose allow-list lives in schema/enums.ts.
// - Primary keys are INTEGER rowids, except sessions (text id) and the audit trail (`seq`).
import type { InferInsertModel, InferSelectModel } from "drizzle-orm";
import type { accounts } from "./accounts.ts";
import type { auditEvents, taskRuns } from "./audit.ts";
import type { oneTimeTokens, sessions, signInThrottles } from "./auth.ts";
import type { bankDetailChanges, bankMandates } from "./bank.ts";
import type { acts, actTariffs, careCategories } from "./care.ts";
import type { passkeys } from "./connect.ts";
import type { cguAcceptances, consents } from "./consents.ts";
import type { contributionLines, contributionStatements } from "./contributions.ts";
import type { dataExports } from "./data-exports.ts";
import type { affiliations, companies, groupContractCategories, groupContracts } from "./employers.ts";
import type { guaranteeLines, guaranteeTables, offers } from "./guarantees.ts";
import type { paymentInvoices, professionalPayments, tpInvoiceLines, tpInvoices } from "./invoices.ts";
import type { jobs, outgoingMails } from "./jobs.ts";
import type { beneficiaries, individualContracts, members } from "./members.ts";
import type { datedParameters } from "./parameters.ts";
import type { persons } from "./persons.ts";
import type { memberPayments, prestations, statements } from "./prestations.ts";
import type { professionals } from "./professionals.ts";
import type { requestStatusHistory, requests, uploadedDocuments } from "./requests.ts";

export * from "./accounts.ts";
export * from "./audit.ts";
export * from "./auth.ts";
export * from "./bank.ts";
export * from "./care.ts";
export * from "./connect.ts";
export * from "./consents.ts";
export * from "./contributions.ts";
export * from "./data-exports.ts";
export * from "./dispenses.ts";
export * from "./donnees.ts";
export * from "./employee-directory.ts";
export * from "./employee-directory-counts.ts";
export * from "./employee-status-counts.ts";
export * from "./employers.ts";
export * from "./guarantees.ts";
export * from "./invoices.ts";
export * from "./jobs.ts";
export * from "./members.ts";
export * from "./parameters.ts";
export * from "./persons.ts";
export * from "./practice-bank.ts";
export * from "./prestations.ts";
export * from "./procontact.ts";
export * from "./professionals.ts";
export * from "./professionnel.ts";
export * from "./requests.ts";
export * from "./staff.ts";

export type Person = InferSelectModel<typeof persons>;
export type NewPerson = InferInsertModel<typeof persons>;
export type Member = InferSelectModel<typeof members>;
export type NewMember = InferInsertModel<typeof members>;
export type IndividualContract = InferSelectModel<typeof individualContracts>;
export type NewIndividualContract = InferInsertModel<typeof individualContracts>;
export type Beneficiary = InferSelectModel<typeof beneficiaries>;
export type NewBeneficiary = InferInsertModel<typeof beneficiaries>;
export type Offer = InferSelectModel<typeof offers>;
export type GuaranteeTable = InferSelectModel<typeof guaranteeTables>;
export type GuaranteeLine = InferSelectModel<typeof guaranteeLines>;
export type CareCategory = InferSelectModel<typeof careCategories>;
export type Act = InferSelectModel<typeof acts>;
export type ActTariff = InferSelectModel<typeof actTariffs>;
export type DatedParameter = InferSelectModel<typeof datedParameters>;
export type Prestation = InferSelectModel<typeof prestations>;
export type NewPrestation = InferInsertModel<typeof prestations>;
export type Statement = InferSelectModel<typeof statements>;
export type NewStatement = InferInsertModel<typeof statements>;
export type MemberPayment = InferSelectModel<typeof memberPayments>;
export type Company = InferSelectModel<typeof companies>;
export type NewCompany = InferInsertModel<typeof companies>;
export type GroupContract = InferSelectModel<typeof groupContracts>;
export type GroupContractCategory = InferSelectModel<typeof groupContractCategories>;
export type Affiliation = InferSelectModel<typeof affiliations>;
export type NewAffiliation = InferInsertModel<typeof affiliations>;
export type ContributionStatement = InferSelectModel<typeof contributionStatements>;
export type ContributionLine = InferSelectModel<typeof contributionLines>;
export type BankMandate = InferSelectModel<typeof bankMandates>;
export type BankDetailChange = InferSelectModel<typeof bankDetailChanges>;
export type NewBankDetailChange = InferInsertModel<typeof bankDetailChanges>;
export type Professional = InferSelectModel<typeof professionals>;
export type TpInvoice = InferSelectModel<typeof tpInvoices>;
export type TpInvoiceLine = InferSelectModel<typeof tpInvoiceLines>;
export type ProfessionalPayment = InferSelectModel<typeof professionalPayments>;
export type PaymentInvoice = InferSelectModel<typeof paymentInvoices>;
export type Account = InferSelectModel<typeof accounts>;
export type NewAccount = InferInsertModel<typeof accounts>;
export type Session = InferSelectModel<typeof sessions>;
export type NewSession = InferInsertModel<typeof sessions>;
export type OneTimeToken = InferSelectModel<typeof oneTimeTokens>;
export type NewOneTimeToken = InferInsertModel<typeof oneTimeTokens>;
export type SignInThrottle = InferSelectModel<typeof signInThrottles>;
export type CguAcceptance = InferSelectModel<typeof cguAcceptances>;
export type Consent = InferSelectModel<typeof consents>;
export type Request = InferSelectModel<typeof requests>;
export type NewRequest = InferInsertModel<typeof requests>;
export type RequestStatusChange = InferSelectModel<typeof requestStatusHistory>;
export type UploadedDocument = InferSelectModel<typeof uploadedDocuments>;
export type Job = InferSelectModel<typeof jobs>;
export type NewJob = InferInsertModel<typeof jobs>;
export type OutgoingMail = InferSelectModel<typeof outgoingMails>;
export type NewOutgoingMail = InferInsertModel<typeof outgoingMails>;
export type AuditEvent = InferSelectModel<typeof auditEvents>;
export type NewAuditEvent = InferInsertModel<typeof auditEvents>;
export type TaskRun = InferSelectModel<typeof taskRuns>;
export * from "./reseau.ts";
export type Passkey = InferSelectModel<typeof passkeys>;
export * from "./affiliation-imports.ts";
export * from "./employer-administrator-roles.ts";
export * from "./employer-administrators.ts";
export * from "./federation.ts";
export * from "./import-tokens.ts";
export type DataExport = InferSelectModel<typeof dataExports>;
export * from "./rights-check-members.ts";
