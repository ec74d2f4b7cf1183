// Members and their families: civil identities, the individual contract and its mandate, the
// beneficiaries, their care history (billed by billing.ts into reimbursement lines, invoices,
// statements and transfers), the card, the portal account and a few requests. Everything for one
// family is built in memory (a few hundred lines at most) and handed to the bulk writer.
import type {
	ContractEndReason,
	PaymentMethod,
	Periodicity,
	Profession,
	Relationship,
	Sex,
} from "../schema/enums.ts";
import { Billing, type InvoiceDraft, type Line } from "./billing.ts";
import { actDefinition } from "./catalogue.ts";
import type { Commune } from "./communes.ts";
import { DEMO_ICS, type SeedContext } from "./context.ts";
import { addMonths, ageAt, dayOf, dayString, dayToInstant, firstOfMonth, yearOf } from "./dates.ts";
import { HistoryGenerator } from "./history.ts";
import { accountIdentifier, generateIban } from "./identity.ts";
import { accessUntil, addAccount, addConsents, addRequest } from "./portal.ts";
import type { ProfessionalIndex } from "./professionals.ts";
import { cumulativeWeights } from "./random.ts";

export interface FamilyPerson {
	readonly firstName: string;
	readonly lastName: string;
	readonly birthName?: string | null;
	readonly sex: Sex;
	readonly birthDay: number;
	readonly relationship: Relationship;
}

export interface FamilySpec {
	readonly people: readonly FamilyPerson[];
	readonly commune: Commune;
	readonly street: string;
	readonly offerCode: string;
	readonly startDay: number;
	readonly endDay: number | null;
	readonly endReason: ContractEndReason | null;
	readonly paymentMethod: PaymentMethod;
	readonly periodicity: Periodicity;
	readonly paperStatements: boolean;
	/** The member's address; "generated" derives one from the adherent's name. */
	readonly email: string | "generated" | null;
	/** Fixed professionals for some professions (the demo families' pharmacy and optician). */
	readonly preferred?: Partial<Record<Profession, number>>;
	/** More or less care than average. */
	readonly intensity?: number;
	readonly account: { identifier: string; passwordHash: string } | null | "population";
	readonly demoRequests?: (ctx: SeedContext, accountId: number) => void;
}

const MONTHLY_PRICE: Record<string, number> = { ESSENTIELLE: 3200, CONFORT: 5400, INTEGRALE: 8600 };
const PERIOD_MONTHS: Record<Periodicity, number> = { monthly: 1, quarterly: 3, half_yearly: 6, yearly: 12 };
const OFFER_CODES = ["ESSENTIELLE", "CONFORT", "INTEGRALE"];
const OFFER_WEIGHTS = cumulativeWeights([40, 40, 20]);
const END_REASONS: readonly ContractEndReason[] = [
	"member_termination",
	"group_coverage",
	"non_payment",
	"death",
	"insurer_termination",
	"offer_change",
];
const END_REASON_WEIGHTS = cumulativeWeights([60, 20, 8, 4, 3, 5]);
const FAMILY_SIZES = [1, 2, 3, 4, 5, 6];
const FAMILY_SIZE_WEIGHTS = cumulativeWeights([30, 25, 18, 17, 7, 3]);
/** AMC number printed on the demo cards (fictitious). */
const DEMO_AMC_NUMBER = "312345678";

export class FamilyWriter {
	readonly #ctx: SeedContext;
	readonly #professionals: ProfessionalIndex;
	readonly #history: HistoryGenerator;
	readonly #billing: Billing;
	readonly #staffAccountId: number | null;

	constructor(ctx: SeedContext, professionals: ProfessionalIndex, staffAccountId: number | null) {
		this.#ctx = ctx;
		this.#professionals = professionals;
		this.#history = new HistoryGenerator(ctx);
		this.#billing = new Billing(ctx, professionals, this.#history);
		this.#staffAccountId = staffAccountId;
	}

	/** A random family, as most of the population. */
	randomSpec(): FamilySpec {
		const { random } = this.#ctx;
		const today = this.#ctx.today;
		const commune = this.#ctx.pickCommune();
		const size = random.weighted(FAMILY_SIZES, FAMILY_SIZE_WEIGHTS);
		const adultAge = size > 2 ? random.int(26, 58) : 20 + Math.floor(65 * random.next() ** 1.1);
		const sex: Sex = random.chance(0.5) ? "F" : "M";
		const lastName = this.#ctx.lastName();
		const adherent = this.#person(sex, lastName, today - adultAge * 365 - random.int(0, 364), "adherent");
		const people: FamilyPerson[] = [adherent];
		if (size >= 2 && random.chance(size === 2 ? 0.85 : 0.8)) {
			const partnerSex: Sex = random.chance(0.92) ? (sex === "F" ? "M" : "F") : sex;
			people.push(
				this.#person(partnerSex, lastName, adherent.birthDay + random.int(-6 * 365, 6 * 365), "conjoint"),
			);
		}
		while (people.length < size) {
			const youngest = Math.max(adherent.birthDay + 18 * 365, today - 25 * 365);
			if (youngest > today) break;
			const childSex: Sex = random.chance(0.5) ? "F" : "M";
			people.push(this.#person(childSex, lastName, random.int(youngest, today - 30), "enfant"));
		}
		const startDay = firstOfMonth(yearOf(random.int(this.#ctx.yearsAgo(10), today - 45)), random.int(1, 12));
		const start = Math.min(startDay, today - 31);
		const ended = random.chance(0.08) && today - start > 200;
		const paymentMethod: PaymentMethod = random.chance(0.85)
			? "direct_debit"
			: random.chance(0.66)
				? "transfer"
				: "cheque";
		const endDay = ended ? random.int(start + 180, today - 1) : null;
		return {
			// Children born after the contract ended were never covered by it.
			people: people.filter(
				(person) => endDay === null || person.relationship === "adherent" || person.birthDay <= endDay,
			),
			commune,
			street: this.#ctx.streetLine(),
			offerCode: random.weighted(OFFER_CODES, OFFER_WEIGHTS),
			startDay: start,
			endDay,
			endReason: ended ? random.weighted(END_REASONS, END_REASON_WEIGHTS) : null,
			paymentMethod,
			periodicity: random.chance(0.8)
				? "monthly"
				: random.pick(["quarterly", "half_yearly", "yearly"] as const),
			paperStatements: random.chance(0.12),
			email: random.chance(0.9) ? "generated" : null,
			account: random.chance(0.72) ? "population" : null,
		};
	}

	#person(sex: Sex, lastName: string, birthDay: number, relationship: Relationship): FamilyPerson {
		return {
			firstName: this.#ctx.firstName(sex),
			lastName,
			sex,
			birthDay: Math.min(birthDay, this.#ctx.today - 1),
			relationship,
		};
	}

	/** Writes the whole family; returns the member id. */
	write(spec: FamilySpec): number {
		const ctx = this.#ctx;
		const { random, sink, today } = ctx;
		const memberId = ctx.ids.member.next();
		const memberNumber = String(400_000_000 + memberId);
		const since = spec.startDay;
		const adherent = spec.people[0];
		if (!adherent) throw new Error("A family has an adherent.");

		// People and beneficiaries.
		const personIds = spec.people.map((person) =>
			ctx.addPerson(
				person,
				person.relationship === "adherent" ? "adherent" : "beneficiary",
				Math.max(since, person.birthDay),
			),
		);
		const adherentPersonId = personIds[0] as number;
		const [line1, line2, postalCode, city, insee] = ctx.address(spec.commune);
		const email =
			spec.email === "generated" ? ctx.email(adherent.firstName, adherent.lastName, memberId) : spec.email;
		const createdAt = ctx.instantOn(since);
		sink.members.push([
			memberId,
			memberNumber,
			adherentPersonId,
			spec.paperStatements,
			spec.street || line1,
			line2,
			postalCode,
			city,
			insee,
			"FR",
			email,
			random.chance(0.8) ? ctx.phone() : null,
			createdAt,
			createdAt,
		]);

		// Contract, bank details and mandate.
		const contractId = ctx.ids.contract.next();
		const reimbursement = generateIban(random);
		const holder = `${adherent.firstName} ${adherent.lastName}`.toUpperCase();
		const monthly = spec.people.reduce((sum, person) => {
			const age = ageAt(person.birthDay, since);
			const factor = age < 20 ? 0.55 : age < 40 ? 1 : age < 60 ? 1.35 : 1.9;
			return sum + Math.round((MONTHLY_PRICE[spec.offerCode] ?? 5000) * factor);
		}, 0);
		const paymentDay = spec.paymentMethod === "direct_debit" ? random.pick([5, 10, 15]) : null;
		sink.contracts.push([
			contractId,
			`IC${String(contractId).padStart(8, "0")}`,
			memberId,
			ctx.offerIds.get(spec.offerCode) ?? 1,
			dayString(since),
			spec.endDay === null ? null : dayString(spec.endDay),
			spec.endReason,
			monthly * PERIOD_MONTHS[spec.periodicity],
			spec.periodicity,
			spec.paymentMethod,
			paymentDay,
			reimbursement.iban,
			reimbursement.last4,
			reimbursement.bic,
			holder,
			createdAt,
			createdAt,
		]);
		if (spec.paymentMethod === "direct_debit") {
			const mandateId = ctx.ids.mandate.next();
			const debit = random.chance(0.85) ? reimbursement : generateIban(random);
			const lastDebit =
				spec.endDay ??
				Math.min(
					today,
					firstOfMonth(yearOf(today), Number(dayString(today).slice(5, 7))) + (paymentDay ?? 5) - 1,
				);
			sink.mandates.push([
				mandateId,
				`HM-A${String(memberId).padStart(9, "0")}-01`,
				DEMO_ICS,
				null,
				memberId,
				debit.iban,
				debit.last4,
				debit.bic,
				holder,
				dayString(since),
				spec.endDay === null ? "active" : "revoked",
				spec.endDay === null ? "RCUR" : "FNAL",
				dayString(Math.max(since, Math.min(lastDebit, today))),
				spec.endDay === null ? null : ctx.instantOn(spec.endDay),
				createdAt,
				createdAt,
			]);
		}

		const beneficiaries = spec.people.map((person, index) => {
			const id = ctx.ids.beneficiary.next();
			const start = Math.max(since, person.birthDay);
			let end = spec.endDay;
			if (end === null && person.relationship === "conjoint" && random.chance(0.03) && today - start > 400) {
				end = random.int(start + 200, today - 1);
			}
			sink.beneficiaries.push([
				id,
				memberId,
				personIds[index] as number,
				person.relationship,
				dayString(start),
				end === null ? null : dayString(end),
				index + 1,
				ctx.instantOn(start),
				ctx.instantOn(start),
			]);
			return { id, person, start, end };
		});

		// Care history, invoices, statements, payments.
		const lines: Line[] = [];
		const invoices: InvoiceDraft[] = [];
		const choose = (profession: Profession) => {
			const id =
				spec.preferred?.[profession] ?? this.#professionals.pick(ctx, profession, spec.commune.department);
			return { id, sector: id === null ? null : (this.#professionals.get(id)?.sector ?? null) };
		};
		for (const beneficiary of beneficiaries) {
			const last = Math.min(beneficiary.end ?? today, today - 1);
			const episodes = this.#history.episodes(
				beneficiary.person.birthDay,
				beneficiary.start,
				last,
				choose,
				spec.intensity ?? 1,
			);
			const deducted = new Map<string, number>();
			for (const episode of episodes) {
				this.#billing.bill(
					spec.offerCode,
					beneficiary.id,
					beneficiary.person.birthDay,
					episode.items,
					deducted,
					lines,
					invoices,
				);
			}
			if (spec.endDay !== null && beneficiary.end === spec.endDay && random.chance(0.4)) {
				this.#billing.afterRights(beneficiary.id, beneficiary.person.birthDay, spec.endDay, choose, invoices);
			}
		}
		this.#billing.writeStatementsAndPayments(memberId, spec.paperStatements, reimbursement.last4, lines);
		for (const line of lines) {
			if (!line.reimbursed) continue;
			const id = ctx.ids.prestation.next();
			line.prestationId = id;
			const { item, amounts } = line;
			sink.prestations.push([
				id,
				memberId,
				line.beneficiaryId,
				dayString(item.day),
				item.act,
				actDefinition(item.act).category,
				item.professionalId,
				item.quantity,
				amounts.chargedCents,
				amounts.baseCents,
				amounts.ssRateBp,
				amounts.ssPaidCents,
				amounts.participationForfaitaireCents,
				amounts.franchiseCents,
				amounts.mutuelleCents,
				amounts.remainingCents,
				line.paidTo,
				line.paymentDay === null ? null : dayString(line.paymentDay),
				line.statementId,
				line.memberPaymentId,
			]);
		}
		for (const invoice of invoices) this.#billing.writeInvoice(memberId, memberNumber, invoice);

		// Card, account, requests.
		if (spec.endDay === null) {
			const year = yearOf(today);
			sink.cards.push([
				memberId,
				dayString(Math.max(since, dayOf(`${year}-01-01`))),
				`${year}-12-31`,
				DEMO_AMC_NUMBER,
				"TP",
				"HM",
				dayToInstant(Math.max(since, dayOf(`${year}-01-01`)), 6),
			]);
		}
		if (spec.account !== null && email !== null) {
			const until = accessUntil(spec.endDay);
			const population = spec.account === "population";
			const draw = random.next();
			const state =
				until !== null && until < today
					? "closed"
					: population && draw < 0.04
						? "pending"
						: population && draw < 0.045
							? "suspended"
							: "active";
			const createdDay = Math.min(today - 1, Math.max(since, ctx.yearsAgo(8)) + random.int(0, 400));
			const accountId = addAccount(ctx, {
				space: "adherent",
				identifier: population
					? accountIdentifier(1, ctx.ids.population.next())
					: (spec.account as { identifier: string }).identifier,
				email,
				memberId,
				createdDay,
				passwordHash: population
					? ctx.populationPasswordHash
					: (spec.account as { passwordHash: string }).passwordHash,
				state,
				stateReason:
					state === "suspended"
						? "Signalement d'utilisation frauduleuse"
						: state === "closed"
							? "Fin du contrat depuis plus de deux ans"
							: null,
				accessUntilDay: until,
				capacity: "own_capacity",
			});
			if (state !== "pending") addConsents(ctx, accountId, Math.max(since, ctx.yearsAgo(3)));
			if (spec.demoRequests) spec.demoRequests(ctx, accountId);
			else if (state === "active") this.#populationRequests(accountId, createdDay);
		}
		return memberId;
	}

	/** A complaint or a GDPR request now and then, from the day after the account was created. */
	#populationRequests(accountId: number, accountCreatedDay: number): void {
		const { random, today } = this.#ctx;
		const draw = random.next();
		const firstDay = accountCreatedDay + 1;
		if (firstDay > today - 1) return;
		if (draw < 0.012) {
			addRequest(this.#ctx, {
				kind: "complaint",
				subKind: random.pick(["remboursement", "cotisation", "tiers_payant", "service"]),
				accountId,
				createdDay: random.int(Math.max(addMonths(today, -18), firstDay), today - 1),
				payload: { subject: "Réclamation sur un remboursement" },
				path: random.pick([
					["acknowledged"],
					["acknowledged", "in_progress"],
					["acknowledged", "in_progress", "answered", "closed"],
				] as const),
				answerText: "Après vérification, le remboursement a été régularisé.",
				staffAccountId: this.#staffAccountId,
			});
		} else if (draw < 0.017) {
			addRequest(this.#ctx, {
				kind: "data_protection",
				subKind: random.pick(["access", "portability", "rectification", "opposition"]),
				accountId,
				createdDay: random.int(Math.max(addMonths(today, -12), firstDay), today - 1),
				payload: {},
				path: ["acknowledged", "answered", "closed"],
				answerText: "Votre demande relative à vos données personnelles a été traitée.",
				staffAccountId: this.#staffAccountId,
			});
		}
	}
}
