// Allow-lists of every enumerated column. The tables use them for their CHECK constraints and
// TypeScript unions; the validation schemas and routes reuse them, so that a value accepted at
// the boundary is always one the database accepts. Stored values are ASCII codes; the French
// labels that users read belong to the views, except the few given here because every space
// shows them the same way.

export const sexes = ["F", "M"] as const;
export type Sex = (typeof sexes)[number];

/** What a person is to the insurer; one person can hold several roles. */
export const personRoles = [
	"adherent",
	"beneficiary",
	"employee",
	"company_contact",
	"professional",
	"staff",
] as const;
export type PersonRole = (typeof personRoles)[number];

export const relationships = ["adherent", "conjoint", "enfant", "autre"] as const;
export type Relationship = (typeof relationships)[number];
export const relationshipLabels: Record<Relationship, string> = {
	adherent: "Adhérent",
	conjoint: "Conjoint",
	enfant: "Enfant",
	autre: "Autre ayant droit",
};

export const periodicities = ["monthly", "quarterly", "half_yearly", "yearly"] as const;
export type Periodicity = (typeof periodicities)[number];

export const paymentMethods = ["direct_debit", "transfer", "cheque"] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

export const contractEndReasons = [
	"member_termination",
	"insurer_termination",
	"non_payment",
	"death",
	"group_coverage",
	"offer_change",
] as const;
export type ContractEndReason = (typeof contractEndReasons)[number];

export const offerKinds = ["individual", "collective"] as const;
export type OfferKind = (typeof offerKinds)[number];

/**
 * How a guarantee line pays (see demo/reimbursement.ts for the arithmetic):
 * - percent_br: `value` basis points of the SS base, Sécurité sociale included ("150 % BR RO inclus");
 * - flat: `value` cents on top of the SS payment (forfait);
 * - basket_100_sante: the rest of the price up to the act's price limit (reste à charge zéro);
 * - ceiling: SS + mutuelle together up to `value` cents (plafond RO inclus);
 * - actual_cost: the whole rest of the price (frais réels, e.g. forfait journalier).
 */
export const guaranteeKinds = ["percent_br", "flat", "basket_100_sante", "ceiling", "actual_cost"] as const;
export type GuaranteeKind = (typeof guaranteeKinds)[number];

export const guaranteePeriods = ["per_act", "per_day", "per_year", "per_two_years"] as const;
export type GuaranteePeriod = (typeof guaranteePeriods)[number];

/** Amounts the Sécurité sociale keeps on an act, which a contrat responsable may not pay back. */
export const deductionKinds = [
	"participation_forfaitaire",
	"franchise_medicament",
	"franchise_paramedical",
	"franchise_transport",
] as const;
export type DeductionKind = (typeof deductionKinds)[number];

/** 100 % Santé baskets (optique classe A/B, dentaire, audiologie classe I/II). */
export const careBaskets = ["none", "100_sante", "tarif_maitrise", "tarif_libre"] as const;
export type CareBasket = (typeof careBaskets)[number];

export const payees = ["member", "professional"] as const;
export type Payee = (typeof payees)[number];

export const documentStatuses = ["pending", "available", "failed"] as const;
export type DocumentStatus = (typeof documentStatuses)[number];

export const memberPaymentStatuses = ["scheduled", "paid", "returned"] as const;
export type MemberPaymentStatus = (typeof memberPaymentStatuses)[number];

/** Names of the dated parameters (amounts that change by date). */
export const parameterNames = [
	"participation_forfaitaire",
	"participation_forfaitaire_daily_cap",
	"participation_forfaitaire_yearly_cap",
	"franchise_medicament",
	"franchise_paramedical",
	"franchise_paramedical_daily_cap",
	"franchise_transport",
	"franchise_transport_daily_cap",
	"franchise_yearly_cap",
	"forfait_journalier",
	"forfait_journalier_psychiatrie",
	"forfait_actes_lourds",
	"pmss",
] as const;
export type ParameterName = (typeof parameterNames)[number];

export const parameterUnits = ["cents", "basis_points", "count"] as const;
export type ParameterUnit = (typeof parameterUnits)[number];

/** Catégories objectives (R242-1-1 CSS). */
export const employeeCategories = ["ensemble", "cadres", "non_cadres"] as const;
export type EmployeeCategory = (typeof employeeCategories)[number];

export const coverageOptions = ["isole", "duo", "famille"] as const;
export type CoverageOption = (typeof coverageOptions)[number];

export const contributionBases = ["pmss_percent", "flat_amount"] as const;
export type ContributionBasis = (typeof contributionBases)[number];

export const affiliationEndReasons = [
	"resignation",
	"dismissal",
	"contract_end",
	"conventional_termination",
	"retirement",
	"death",
	"group_contract_end",
] as const;
export type AffiliationEndReason = (typeof affiliationEndReasons)[number];

/** Dispenses d'adhésion (D911-2 CSS). */
export const dispenseReasons = [
	"fixed_term_contract",
	"covered_as_dependant",
	"c2s",
	"individual_contract",
	"part_time_or_apprentice",
	"present_at_due",
] as const;
export type DispenseReason = (typeof dispenseReasons)[number];

export const contributionStatementStatuses = ["draft", "issued", "paid", "late"] as const;
export type ContributionStatementStatus = (typeof contributionStatementStatuses)[number];

export const mandateStatuses = ["pending", "active", "revoked", "lapsed"] as const;
export type MandateStatus = (typeof mandateStatuses)[number];

export const sepaSequenceTypes = ["OOFF", "FRST", "RCUR", "FNAL"] as const;
export type SepaSequenceType = (typeof sepaSequenceTypes)[number];

export const bankChangeTargets = ["company_mandate", "member_reimbursement", "member_mandate"] as const;
export type BankChangeTarget = (typeof bankChangeTargets)[number];

export const bankChangeStatuses = ["pending", "applied", "cancelled"] as const;
export type BankChangeStatus = (typeof bankChangeStatuses)[number];

export const professions = [
	"medecin_generaliste",
	"medecin_specialiste",
	"chirurgien_dentiste",
	"pharmacien",
	"infirmier",
	"masseur_kinesitherapeute",
	"sage_femme",
	"opticien",
	"audioprothesiste",
	"laboratoire",
	"radiologie",
	"etablissement_sante",
] as const;
export type Profession = (typeof professions)[number];

/** Conventionnement of a doctor, which bounds dépassements (OPTAM). */
export const conventionSectors = ["secteur_1", "secteur_2_optam", "secteur_2", "non_conventionne"] as const;
export type ConventionSector = (typeof conventionSectors)[number];

export const careNetworks = [
	"kalixia_optique",
	"kalixia_audio",
	"kalixia_dentaire",
	"kalixia_osteopathie",
] as const;
export type CareNetwork = (typeof careNetworks)[number];

export const invoiceStatuses = ["recue", "acceptee", "rejetee", "payee"] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];
export const invoiceStatusLabels: Record<InvoiceStatus, string> = {
	recue: "Reçue",
	acceptee: "Acceptée",
	rejetee: "Rejetée",
	payee: "Payée",
};

export const spaces = ["adherent", "employeur", "professionnel", "gestionnaire"] as const;
export type Space = (typeof spaces)[number];

export const accountStates = ["pending", "active", "suspended", "closed", "deleted"] as const;
export type AccountState = (typeof accountStates)[number];

export const secondFactorMethods = ["none", "email", "totp"] as const;
export type SecondFactorMethod = (typeof secondFactorMethods)[number];

export const tokenPurposes = ["activation", "reset", "email_change", "fraud_report", "sign_in_code"] as const;
export type TokenPurpose = (typeof tokenPurposes)[number];

export const throttleScopes = ["identifier", "ip", "global"] as const;
export type ThrottleScope = (typeof throttleScopes)[number];

/** How the person accepting the terms states their capacity (CGU art. 2). */
export const capacityStatements = [
	"own_capacity",
	"parental_authority",
	"tutor",
	"curator",
	"legal_representative",
] as const;
export type CapacityStatement = (typeof capacityStatements)[number];

export const consentPurposes = ["marketing", "profiling"] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

export const consentChoices = ["opposed", "accepted"] as const;
export type ConsentChoice = (typeof consentChoices)[number];

export const requestKinds = [
	"complaint",
	"beneficiary_add",
	"beneficiary_remove",
	"bank_details_change",
	"data_protection",
	"fraud_report",
	"account_deletion",
] as const;
export type RequestKind = (typeof requestKinds)[number];
export const requestKindLabels: Record<RequestKind, string> = {
	complaint: "Réclamation",
	beneficiary_add: "Ajout de bénéficiaire",
	beneficiary_remove: "Suppression de bénéficiaire",
	bank_details_change: "Changement de coordonnées bancaires",
	data_protection: "Données personnelles",
	fraud_report: "Signalement d'utilisation frauduleuse",
	account_deletion: "Suppression du compte",
};

/** GDPR rights (art. 15–22) and directives after death, for data_protection requests. */
export const dataProtectionRights = [
	"access",
	"portability",
	"rectification",
	"erasure",
	"limitation",
	"opposition",
	"consent_withdrawal",
	"post_mortem_directives",
] as const;
export type DataProtectionRight = (typeof dataProtectionRights)[number];

export const requestStatuses = [
	"received",
	"acknowledged",
	"in_progress",
	"answered",
	"rejected",
	"cancelled",
	"closed",
] as const;
export type RequestStatus = (typeof requestStatuses)[number];

export const requestChannels = ["web", "email", "post", "phone", "counter"] as const;
export type RequestChannel = (typeof requestChannels)[number];

export const jobStatuses = ["pending", "leased", "done", "dead"] as const;
export type JobStatus = (typeof jobStatuses)[number];

export const mailStatuses = ["queued", "sent", "failed"] as const;
export type MailStatus = (typeof mailStatuses)[number];

/** A mail provider's circuit breaker: closed (sending), open (waiting to probe), half-open (one probe out). */
export const breakerStates = ["closed", "open", "half-open"] as const;
export type BreakerState = (typeof breakerStates)[number];

export const actorKinds = ["account", "staff", "system", "anonymous"] as const;
export type ActorKind = (typeof actorKinds)[number];

export const auditOutcomes = ["success", "failure", "denied"] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

export const taskOutcomes = ["running", "success", "failure"] as const;
export type TaskOutcome = (typeof taskOutcomes)[number];

/** An employer's CSV import of affiliations (ADR 0033): read, then confirmed, then written. */
export const affiliationImportStatuses = ["validating", "validated", "confirming", "done"] as const;
export type AffiliationImportStatus = (typeof affiliationImportStatuses)[number];

/** pending: not read yet; already: the employee is affiliated already (a re-upload, the form). */
export const affiliationImportLineStatuses = ["pending", "valid", "rejected", "already", "created"] as const;
export type AffiliationImportLineStatus = (typeof affiliationImportLineStatuses)[number];
