// Shared state of one seed run: the PRNG and faker, the injected "today", id counters, the
// table sinks of the bulk writer (declared parents first) and small helpers used by every part
// of the population.
import { base, Faker, fr } from "@faker-js/faker";
import type { Client } from "@libsql/client";
import type { hashPassword } from "../core/password.ts";
import type { PersonRole, Sex } from "../schema/enums.ts";
import * as t from "../schema/tables/index.ts";
import { COMMUNES, type Commune, communeCity } from "./communes.ts";
import { addYears, dayOfInstant, dayString, dayToInstant } from "./dates.ts";
import { generateNir } from "./identity.ts";
import { cumulativeWeights, Random } from "./random.ts";
import { BulkWriter } from "./writer.ts";

export interface SeedOptions {
	/** 1 = about 200 members, a dozen companies and 100 professionals; grows linearly. */
	readonly scale: number;
	readonly seed: number;
	/** Server-side pepper of the password hashes (SESSION_PEPPER). */
	readonly pepper: string;
	/** "Today" for the generated history: nothing is dated after it. */
	readonly now: Date;
	/** Called after each generated unit (member, company, professional). */
	readonly onProgress?: (done: number, total: number) => void;
	/**
	 * Hashes the demo passwords (default: the portal's Argon2id). The hashes depend on the seed and
	 * the pepper only, so a caller seeding many days in a row can compute them once.
	 */
	readonly hashPassword?: typeof hashPassword;
}

function sinks(writer: BulkWriter) {
	return {
		careCategories: writer.table(t.careCategories, ["code", "label", "cardDomain", "sortOrder"]),
		acts: writer.table(t.acts, ["code", "label", "categoryCode", "ssRateBp", "deduction", "basket"]),
		actTariffs: writer.table(t.actTariffs, [
			"actCode",
			"effectiveFrom",
			"effectiveTo",
			"baseCents",
			"ssRateBp",
			"priceLimitCents",
			"source",
		]),
		datedParameters: writer.table(t.datedParameters, [
			"name",
			"value",
			"unit",
			"effectiveFrom",
			"effectiveTo",
			"source",
		]),
		offers: writer.table(t.offers, ["id", "code", "label", "kind", "responsible", "sortOrder"]),
		guaranteeTables: writer.table(t.guaranteeTables, [
			"id",
			"offerId",
			"label",
			"effectiveFrom",
			"effectiveTo",
		]),
		guaranteeLines: writer.table(t.guaranteeLines, [
			"tableId",
			"categoryCode",
			"actCode",
			"label",
			"kind",
			"value",
			"ceilingCents",
			"period",
			"sortOrder",
		]),
		offerCardCells: writer.table(t.offerCardCells, ["offerId", "domain", "value"]),
		persons: writer.table(t.persons, [
			"id",
			"lastName",
			"birthName",
			"firstName",
			"birthDate",
			"sex",
			"nir",
			"deceasedOn",
			"createdAt",
			"updatedAt",
		]),
		personRoles: writer.table(t.personRoleAssignments, ["personId", "role", "since", "until"]),
		professionals: writer.table(t.professionals, [
			"id",
			"rpps",
			"finess",
			"adeli",
			"lastName",
			"firstName",
			"practiceName",
			"profession",
			"specialty",
			"sector",
			"conventionNumber",
			"conventionSignedOn",
			"conventionEndedOn",
			"addressLine1",
			"addressLine2",
			"postalCode",
			"city",
			"inseeCode",
			"latitude",
			"longitude",
			"phone",
			"email",
			"createdAt",
			"updatedAt",
		]),
		professionalNetworks: writer.table(t.professionalNetworks, [
			"professionalId",
			"network",
			"joinedOn",
			"leftOn",
		]),
		members: writer.table(t.members, [
			"id",
			"memberNumber",
			"personId",
			"paperStatements",
			"addressLine1",
			"addressLine2",
			"postalCode",
			"city",
			"inseeCode",
			"countryCode",
			"email",
			"phone",
			"createdAt",
			"updatedAt",
		]),
		contracts: writer.table(t.individualContracts, [
			"id",
			"number",
			"memberId",
			"offerId",
			"startDate",
			"endDate",
			"endReason",
			"contributionCents",
			"contributionPeriodicity",
			"paymentMethod",
			"paymentDay",
			"reimbursementIban",
			"reimbursementIbanLast4",
			"reimbursementBic",
			"reimbursementHolder",
			"createdAt",
			"updatedAt",
		]),
		beneficiaries: writer.table(t.beneficiaries, [
			"id",
			"memberId",
			"personId",
			"relationship",
			"startDate",
			"endDate",
			"rank",
			"createdAt",
			"updatedAt",
		]),
		cards: writer.table(t.tiersPayantCards, [
			"memberId",
			"validFrom",
			"validTo",
			"amcNumber",
			"conventionType",
			"routingCriterion",
			"issuedAt",
		]),
		companies: writer.table(t.companies, [
			"id",
			"siren",
			"siret",
			"name",
			"nafCode",
			"addressLine1",
			"addressLine2",
			"postalCode",
			"city",
			"inseeCode",
			"email",
			"phone",
			"createdAt",
			"updatedAt",
		]),
		groupContracts: writer.table(t.groupContracts, [
			"id",
			"number",
			"companyId",
			"startDate",
			"endDate",
			"endReason",
			"contributionPeriodicity",
			"paymentDay",
			"createdAt",
			"updatedAt",
		]),
		categories: writer.table(t.groupContractCategories, [
			"id",
			"groupContractId",
			"category",
			"label",
			"offerId",
			"employerShareBp",
			"basis",
			"isoleValue",
			"duoValue",
			"familleValue",
		]),
		affiliations: writer.table(t.affiliations, [
			"companyId",
			"groupContractId",
			"categoryId",
			"personId",
			"memberId",
			"employeeNumber",
			"option",
			"startDate",
			"endDate",
			"endReason",
			"portabilityEndDate",
			"dispenseReason",
			"dispenseRequestedOn",
			"createdAt",
			"updatedAt",
		]),
		mandates: writer.table(t.bankMandates, [
			"id",
			"rum",
			"ics",
			"companyId",
			"memberId",
			"iban",
			"ibanLast4",
			"bic",
			"holderName",
			"signedOn",
			"status",
			"sequenceType",
			"lastDebitOn",
			"revokedAt",
			"createdAt",
			"updatedAt",
		]),
		statements: writer.table(t.statements, [
			"id",
			"memberId",
			"month",
			"publishedAt",
			"lineCount",
			"chargedCents",
			"ssPaidCents",
			"mutuelleCents",
			"remainingCents",
			"paidToMemberCents",
			"paidToProfessionalsCents",
			"documentStatus",
			"documentKey",
			"postedAt",
		]),
		memberPayments: writer.table(t.memberPayments, [
			"id",
			"memberId",
			"statementId",
			"paidOn",
			"amountCents",
			"reference",
			"ibanLast4",
			"status",
		]),
		prestations: writer.table(t.prestations, [
			"id",
			"memberId",
			"beneficiaryId",
			"careDate",
			"actCode",
			"categoryCode",
			"professionalId",
			"quantity",
			"chargedCents",
			"baseCents",
			"ssRateBp",
			"ssPaidCents",
			"participationForfaitaireCents",
			"franchiseCents",
			"mutuelleCents",
			"remainingCents",
			"paidTo",
			"paymentDate",
			"statementId",
			"memberPaymentId",
		]),
		invoices: writer.table(t.tpInvoices, [
			"id",
			"professionalId",
			"memberId",
			"beneficiaryId",
			"memberNumberAsSent",
			"invoiceNumber",
			"careDate",
			"receivedOn",
			"processedOn",
			"chargedCents",
			"claimedCents",
			"acceptedCents",
			"status",
			"rejectionCode",
			"rejectionLabel",
			"paidOn",
		]),
		invoiceLines: writer.table(t.tpInvoiceLines, [
			"invoiceId",
			"lineNumber",
			"actCode",
			"careDate",
			"quantity",
			"chargedCents",
			"baseCents",
			"ssPaidCents",
			"claimedCents",
			"acceptedCents",
			"prestationId",
		]),
		contributionStatements: writer.table(t.contributionStatements, [
			"id",
			"companyId",
			"groupContractId",
			"period",
			"periodStart",
			"periodEnd",
			"status",
			"issuedAt",
			"dueDate",
			"paidAt",
			"headcount",
			"pmssCents",
			"totalCents",
			"employerCents",
			"employeeCents",
		]),
		contributionLines: writer.table(t.contributionLines, [
			"statementId",
			"categoryId",
			"option",
			"headcount",
			"baseCents",
			"rateBp",
			"unitAmountCents",
			"amountCents",
			"employerCents",
			"employeeCents",
		]),
		accounts: writer.table(t.accounts, [
			"id",
			"identifier",
			"space",
			"memberId",
			"companyId",
			"professionalId",
			"staffPersonId",
			"email",
			"emailVerifiedAt",
			"passwordHash",
			"passwordChangedAt",
			"state",
			"stateReason",
			"createdAt",
			"activatedAt",
			"suspendedAt",
			"closedAt",
			"deletedAt",
			"accessUntil",
			"totpSecret",
			"totpEnabled",
			"totpEnabledAt",
			"recoveryCodeHashes",
			"secondFactorMethod",
			"lastSignInAt",
			"updatedAt",
		]),
		cguAcceptances: writer.table(t.cguAcceptances, ["accountId", "version", "acceptedAt", "capacity"]),
		consents: writer.table(t.consents, ["accountId", "purpose", "choice", "recordedAt"]),
		requests: writer.table(t.requests, [
			"id",
			"reference",
			"kind",
			"subKind",
			"accountId",
			"channel",
			"payload",
			"status",
			"createdAt",
			"acknowledgeBy",
			"acknowledgedAt",
			"answerBy",
			"answeredAt",
			"answerText",
			"answeredByAccountId",
			"assignedToAccountId",
			"closedAt",
			"updatedAt",
		]),
		requestHistory: writer.table(t.requestStatusHistory, [
			"requestId",
			"fromStatus",
			"toStatus",
			"changedAt",
			"changedByAccountId",
			"note",
		]),
		bankChanges: writer.table(t.bankDetailChanges, [
			"target",
			"companyId",
			"memberId",
			"contractId",
			"mandateId",
			"newIban",
			"newIbanLast4",
			"newBic",
			"newHolderName",
			"requestId",
			"requestedByAccountId",
			"requestedAt",
			"effectiveAt",
			"notifiedTo",
			"notifiedAt",
			"status",
			"appliedAt",
			"cancelledAt",
			"cancelledByAccountId",
		]),
	};
}

export type Sinks = ReturnType<typeof sinks>;

class Counter {
	#value = 0;
	next(): number {
		this.#value += 1;
		return this.#value;
	}
	get value(): number {
		return this.#value;
	}
}

export interface PersonInput {
	readonly lastName: string;
	readonly firstName: string;
	readonly sex: Sex;
	readonly birthDay: number;
	readonly birthName?: string | null;
}

/** CGU version accepted by every demo account. */
export const CGU_VERSION = "1.0";
/** The insurer's SEPA creditor identifier in the demo (check digits valid, national id fictitious). */
export const DEMO_ICS = "FR72ZZZ123456";

export class SeedContext {
	readonly random: Random;
	readonly faker: Faker;
	readonly writer: BulkWriter;
	readonly sink: Sinks;
	readonly today: number;
	readonly nowMs: number;
	readonly options: SeedOptions;
	readonly ids = {
		person: new Counter(),
		member: new Counter(),
		contract: new Counter(),
		beneficiary: new Counter(),
		professional: new Counter(),
		company: new Counter(),
		groupContract: new Counter(),
		category: new Counter(),
		mandate: new Counter(),
		statement: new Counter(),
		memberPayment: new Counter(),
		prestation: new Counter(),
		invoice: new Counter(),
		contributionStatement: new Counter(),
		account: new Counter(),
		request: new Counter(),
		population: new Counter(),
	};
	/** Hash shared by the generated (non-demo) accounts: of a random password nobody knows. */
	populationPasswordHash = "";
	readonly offerIds = new Map<string, number>();
	readonly #communeWeights = cumulativeWeights(COMMUNES.map((commune) => commune.weight));

	constructor(client: Client, options: SeedOptions) {
		this.options = options;
		this.random = new Random(options.seed);
		const random = this.random;
		// Faker calls its randomizer's methods unbound.
		this.faker = new Faker({
			locale: [fr, base],
			randomizer: { next: () => random.next(), seed: (value) => random.seed(value) },
		});
		this.faker.seed(options.seed);
		this.writer = new BulkWriter(client);
		this.sink = sinks(this.writer);
		this.nowMs = options.now.getTime();
		this.today = dayOfInstant(options.now);
	}

	pickCommune(): Commune {
		return this.random.weighted(COMMUNES, this.#communeWeights);
	}

	communeIn(department: string): Commune | undefined {
		const candidates = COMMUNES.filter((commune) => commune.department === department);
		return candidates.length > 0 ? this.random.pick(candidates) : undefined;
	}

	/** An instant on a day, at a working hour, as epoch milliseconds. */
	instantOn(day: number): number {
		return Math.min(dayToInstant(day, this.random.int(7, 19), this.random.int(0, 59)), this.nowMs);
	}

	firstName(sex: Sex): string {
		return this.faker.person.firstName(sex === "F" ? "female" : "male");
	}

	lastName(): string {
		return this.faker.person.lastName();
	}

	streetLine(): string {
		return `${this.random.int(1, 120)} ${this.faker.location.street()}`;
	}

	address(commune: Commune): [string, string | null, string, string, string] {
		const line2 = this.random.chance(0.15)
			? `Bâtiment ${this.random.pick(["A", "B", "C", "D"])}, appartement ${this.random.int(1, 60)}`
			: null;
		return [this.streetLine(), line2, commune.postalCode, communeCity(commune), commune.insee];
	}

	/** A number in the ranges ARCEP keeps for fiction (01 99 00…, 06 39 98…), never a real line. */
	phone(): string {
		const tail = `${this.random.digits(2)} ${this.random.digits(2)}`;
		return this.random.chance(0.7) ? `06 39 98 ${tail}` : `01 99 00 ${tail}`;
	}

	email(firstName: string, lastName: string, n: number): string {
		const slug = (value: string) =>
			value
				.normalize("NFD")
				.replace(/[\u0300-\u036f]/g, "")
				.toLowerCase()
				.replace(/[^a-z]+/g, "");
		return `${slug(firstName)}.${slug(lastName)}.${n}@population.espace.test`;
	}

	/** Writes a person (NIR from sex, birth date and a birthplace) and returns its id. */
	addPerson(person: PersonInput, role: PersonRole, since: number, birthplace?: Commune | null): number {
		const id = this.ids.person.next();
		const birthDate = dayString(person.birthDay);
		const place =
			birthplace === undefined ? (this.random.chance(0.06) ? null : this.pickCommune()) : birthplace;
		const nir = generateNir(this.random, person.sex, birthDate, place?.insee ?? null);
		const createdAt = this.instantOn(Math.min(since, this.today));
		this.sink.persons.push([
			id,
			person.lastName,
			person.birthName ?? null,
			person.firstName,
			birthDate,
			person.sex,
			nir,
			null,
			createdAt,
			createdAt,
		]);
		this.sink.personRoles.push([id, role, dayString(Math.min(since, this.today)), null]);
		return id;
	}

	/** Day that is `years` before today (the start of the longest histories). */
	yearsAgo(years: number): number {
		return addYears(this.today, -years);
	}
}
