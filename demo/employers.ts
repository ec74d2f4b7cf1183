// Employers: companies from 3 to 20 000 employees (most small, a few large), their group
// contract with one or two catégories objectives, the employees' affiliations (some ended, some
// in portabilité, some dispensed), monthly or quarterly contribution statements computed from
// the headcount, the SEPA mandate, the employer account and, now and then, a bank-detail change
// waiting for its cooling-off period.
import type {
	AffiliationEndReason,
	ContributionBasis,
	CoverageOption,
	DispenseReason,
	Sex,
} from "../schema/enums.ts";
import type { Commune } from "./communes.ts";
import { DEMO_ICS, type SeedContext } from "./context.ts";
import {
	addMonths,
	dayString,
	dayToInstant,
	firstOfMonth,
	MS_PER_DAY,
	monthString,
	yearOf,
} from "./dates.ts";
import {
	accountIdentifier,
	generateIban,
	generateSiren,
	generateSiret,
	generateTotpSecret,
} from "./identity.ts";
import { parameterAt } from "./parameters.ts";
import { accessUntil, addAccount, addRequest } from "./portal.ts";
import { cumulativeWeights } from "./random.ts";
import { applyRate } from "./reimbursement.ts";

const NAF_CODES = [
	"10.71C",
	"25.62B",
	"41.20A",
	"43.21A",
	"45.20A",
	"46.69B",
	"47.11F",
	"49.41A",
	"56.10A",
	"62.01Z",
	"69.20Z",
	"70.22Z",
	"85.59A",
	"86.21Z",
	"88.10A",
	"96.02A",
];
/** Company sizes (employees): most are small, a few are very large. */
const SIZE_BANDS: readonly (readonly [number, number])[] = [
	[3, 19],
	[20, 249],
	[250, 1999],
	[2000, 20_000],
];
const SIZE_BAND_WEIGHTS = cumulativeWeights([70, 23, 6.7, 0.3]);
const OPTIONS: readonly CoverageOption[] = ["isole", "duo", "famille"];
const OPTION_WEIGHTS = cumulativeWeights([55, 15, 30]);
const END_REASONS: readonly AffiliationEndReason[] = [
	"resignation",
	"dismissal",
	"contract_end",
	"conventional_termination",
	"retirement",
	"death",
];
const END_REASON_WEIGHTS = cumulativeWeights([40, 15, 20, 15, 9, 1]);
/** Ends of employment that open unemployment rights, hence portabilité (L911-8 CSS). */
const PORTABLE = new Set<AffiliationEndReason>(["dismissal", "contract_end", "conventional_termination"]);
const DISPENSES: readonly DispenseReason[] = [
	"fixed_term_contract",
	"covered_as_dependant",
	"c2s",
	"individual_contract",
	"part_time_or_apprentice",
	"present_at_due",
];

interface CategoryPlan {
	readonly category: "ensemble" | "cadres" | "non_cadres";
	readonly label: string;
	readonly offerCode: "ENTREPRISE_SOCLE" | "ENTREPRISE_RENFORT";
	/** Share of the employees in this category. */
	readonly share: number;
}

/** Per option (isolé, duo, famille): basis points of the PMSS, or cents per month. */
const PRICES: Record<ContributionBasis, Record<CategoryPlan["offerCode"], [number, number, number]>> = {
	pmss_percent: { ENTREPRISE_SOCLE: [105, 190, 270], ENTREPRISE_RENFORT: [150, 270, 380] },
	flat_amount: { ENTREPRISE_SOCLE: [4500, 8000, 11_500], ENTREPRISE_RENFORT: [6500, 11_500, 16_000] },
};

export interface CompanySpec {
	readonly name: string;
	readonly commune: Commune;
	readonly street: string;
	readonly nafCode: string;
	/** Employees covered today. */
	readonly size: number;
	readonly contractStartDay: number;
	readonly categories: readonly CategoryPlan[];
	readonly employerShareBp: number;
	readonly basis: ContributionBasis;
	readonly periodicity: "monthly" | "quarterly";
	readonly contact: { firstName: string; lastName: string; sex: Sex };
	readonly account:
		| { identifier: string; email: string; passwordHash: string; totpSecret: string }
		| "population"
		| null;
	readonly pendingBankChange: boolean;
	/** Employees who left recently and are still covered in portabilité (demo companies). */
	readonly recentPortability?: number;
	/** Employees who asked for a dispense (demo companies). */
	readonly dispensed?: number;
}

const SINGLE: readonly CategoryPlan[] = [
	{ category: "ensemble", label: "Ensemble du personnel", offerCode: "ENTREPRISE_SOCLE", share: 1 },
];
const SPLIT: readonly CategoryPlan[] = [
	{ category: "cadres", label: "Cadres (ANI du 17/11/2017)", offerCode: "ENTREPRISE_RENFORT", share: 0.25 },
	{ category: "non_cadres", label: "Non-cadres", offerCode: "ENTREPRISE_SOCLE", share: 0.75 },
];
export const COMPANY_CATEGORIES = { SINGLE, SPLIT };

interface Employee {
	readonly categoryIndex: number;
	readonly option: CoverageOption | null;
	readonly start: number;
	readonly end: number | null;
}

export class EmployerWriter {
	readonly #ctx: SeedContext;
	readonly #staffAccountId: number | null;

	constructor(ctx: SeedContext, staffAccountId: number | null) {
		this.#ctx = ctx;
		this.#staffAccountId = staffAccountId;
	}

	randomSpec(maxSize: number): CompanySpec {
		const { random } = this.#ctx;
		const [low, high] = random.weighted(SIZE_BANDS, SIZE_BAND_WEIGHTS);
		// Log-uniform within the band: about 100 employees on average, a few very large companies.
		const size = Math.max(3, Math.min(maxSize, Math.round(low * (high / low) ** random.next())));
		const sex: Sex = random.chance(0.5) ? "F" : "M";
		const start = firstOfMonth(
			yearOf(random.int(this.#ctx.yearsAgo(10), this.#ctx.today - 120)),
			random.int(1, 12),
		);
		return {
			name: this.#ctx.faker.company.name(),
			commune: this.#ctx.pickCommune(),
			street: this.#ctx.streetLine(),
			nafCode: random.pick(NAF_CODES),
			size,
			contractStartDay: Math.min(start, this.#ctx.today - 120),
			categories:
				size >= 50 && random.chance(0.6)
					? SPLIT
					: random.chance(0.3)
						? [{ ...SINGLE[0], offerCode: "ENTREPRISE_RENFORT" } as CategoryPlan]
						: SINGLE,
			employerShareBp: random.pick([5000, 5000, 6000, 7000, 10_000]),
			basis: random.chance(0.6) ? "pmss_percent" : "flat_amount",
			periodicity: random.chance(0.85) ? "monthly" : "quarterly",
			contact: { firstName: this.#ctx.firstName(sex), lastName: this.#ctx.lastName(), sex },
			account: random.chance(0.8) ? "population" : null,
			pendingBankChange: random.chance(0.005),
		};
	}

	async write(spec: CompanySpec, progress: () => void): Promise<number> {
		const ctx = this.#ctx;
		const { random, sink, today } = ctx;
		const companyId = ctx.ids.company.next();
		const start = spec.contractStartDay;
		const contactPersonId = ctx.addPerson(
			{ ...spec.contact, birthDay: today - random.int(28, 62) * 365 - random.int(0, 364) },
			"company_contact",
			start,
		);
		const siren = generateSiren(random);
		const createdAt = ctx.instantOn(start);
		const email =
			spec.account === null || spec.account === "population"
				? `rh.${companyId}@entreprises.espace.test`
				: spec.account.email;
		sink.companies.push([
			companyId,
			siren,
			generateSiret(siren, random.int(1, 40)),
			spec.name,
			spec.nafCode,
			spec.street,
			null,
			spec.commune.postalCode,
			spec.commune.city ?? spec.commune.name,
			spec.commune.insee,
			email,
			ctx.phone(),
			createdAt,
			createdAt,
		]);
		const contractId = ctx.ids.groupContract.next();
		sink.groupContracts.push([
			contractId,
			`GC${String(contractId).padStart(8, "0")}`,
			companyId,
			dayString(start),
			null,
			null,
			spec.periodicity,
			random.pick([5, 10, 15]),
			createdAt,
			createdAt,
		]);
		const categoryIds = spec.categories.map((plan) => {
			const id = ctx.ids.category.next();
			const [isole, duo, famille] = PRICES[spec.basis][plan.offerCode];
			sink.categories.push([
				id,
				contractId,
				plan.category,
				plan.label,
				ctx.offerIds.get(plan.offerCode) ?? 1,
				spec.employerShareBp,
				spec.basis,
				isole,
				duo,
				famille,
			]);
			return id;
		});

		// Employees: those covered today, those who left (some still in portabilité), dispenses.
		const employees: Employee[] = [];
		const left = Math.round(spec.size * (0.05 + random.next() * 0.25));
		const total = spec.size + left;
		const cumulativeShares = cumulativeWeights(spec.categories.map((plan) => plan.share));
		const categoryIndexes = spec.categories.map((_, index) => index);
		for (let k = 0; k < total; k++) {
			const categoryIndex = random.weighted(categoryIndexes, cumulativeShares);
			const hire = random.int(ctx.yearsAgo(25), today - 30);
			const affiliationStart = Math.max(hire, start);
			const forcedPortability = k >= spec.size && k - spec.size < (spec.recentPortability ?? 0);
			const dispensed =
				k < spec.size && (k < (spec.dispensed ?? 0) || (spec.dispensed === undefined && random.chance(0.06)));
			let end: number | null = null;
			let endReason: AffiliationEndReason | null = null;
			let portabilityEnd: number | null = null;
			if (k >= spec.size) {
				// A dismissal 20 to 150 days ago, but never before the affiliation began (a hire of
				// the last months would otherwise end before it starts, on some days of the year).
				end = forcedPortability
					? Math.max(affiliationStart, today - random.int(20, 150))
					: random.int(Math.min(affiliationStart + 30, today - 1), today - 1);
				endReason = forcedPortability ? "dismissal" : random.weighted(END_REASONS, END_REASON_WEIGHTS);
				if (PORTABLE.has(endReason)) {
					const tenureMonths = Math.max(1, Math.ceil((end - affiliationStart) / 30.44));
					portabilityEnd = addMonths(end, Math.min(12, tenureMonths));
				}
			}
			const option = dispensed ? null : random.weighted(OPTIONS, OPTION_WEIGHTS);
			const sex: Sex = random.chance(0.5) ? "F" : "M";
			const personId = ctx.addPerson(
				{
					firstName: ctx.firstName(sex),
					lastName: ctx.lastName(),
					sex,
					birthDay: hire - random.int(18, 45) * 365 - random.int(0, 364),
				},
				"employee",
				affiliationStart,
			);
			const at = ctx.instantOn(affiliationStart);
			sink.affiliations.push([
				companyId,
				contractId,
				categoryIds[categoryIndex] as number,
				personId,
				null,
				`M${String(k + 1).padStart(5, "0")}`,
				option,
				dayString(affiliationStart),
				end === null ? null : dayString(end),
				endReason,
				portabilityEnd === null ? null : dayString(portabilityEnd),
				dispensed ? random.pick(DISPENSES) : null,
				dispensed ? dayString(affiliationStart) : null,
				at,
				at,
			]);
			if (!dispensed) employees.push({ categoryIndex, option, start: affiliationStart, end });
			if (k % 2000 === 1999) await ctx.writer.maybeFlush();
		}

		// Contribution statements over the last three years at most.
		const mandateId = ctx.ids.mandate.next();
		const lastPaid = this.#writeStatements(spec, companyId, contractId, categoryIds, employees);
		const debit = generateIban(random);
		sink.mandates.push([
			mandateId,
			`HM-E${String(companyId).padStart(9, "0")}-01`,
			DEMO_ICS,
			companyId,
			null,
			debit.iban,
			debit.last4,
			debit.bic,
			spec.name.toUpperCase(),
			dayString(start),
			"active",
			lastPaid === null ? "FRST" : "RCUR",
			lastPaid === null ? null : dayString(lastPaid),
			null,
			createdAt,
			createdAt,
		]);

		let accountId: number | null = null;
		let accountCreatedDay = today - 1;
		if (spec.account !== null) {
			const population = spec.account === "population";
			accountCreatedDay = Math.min(today - 1, Math.max(start, ctx.yearsAgo(6)) + random.int(0, 200));
			accountId = addAccount(ctx, {
				space: "employeur",
				identifier: population
					? accountIdentifier(2, ctx.ids.population.next())
					: (spec.account as { identifier: string }).identifier,
				email,
				companyId,
				staffPersonId: contactPersonId,
				createdDay: accountCreatedDay,
				passwordHash: population
					? ctx.populationPasswordHash
					: (spec.account as { passwordHash: string }).passwordHash,
				state: "active",
				accessUntilDay: accessUntil(null),
				totpSecret: population
					? generateTotpSecret(random)
					: (spec.account as { totpSecret: string }).totpSecret,
				capacity: "legal_representative",
			});
		}
		if (spec.pendingBankChange && accountId !== null) {
			this.#pendingBankChange(
				companyId,
				mandateId,
				accountId,
				accountCreatedDay,
				email,
				spec.name.toUpperCase(),
			);
		}
		progress();
		return companyId;
	}

	/** Writes the statements and returns the day of the last direct debit, if any. */
	#writeStatements(
		spec: CompanySpec,
		companyId: number,
		contractId: number,
		categoryIds: number[],
		employees: Employee[],
	): number | null {
		const ctx = this.#ctx;
		const { random, sink, today } = ctx;
		const months = spec.periodicity === "monthly" ? 1 : 3;
		const firstYear = yearOf(Math.max(spec.contractStartDay, addMonths(today, -36)));
		const firstMonth = Number(
			monthString(Math.max(spec.contractStartDay, addMonths(today, -36))).slice(5, 7),
		);
		let periodStart = firstOfMonth(
			firstYear,
			months === 3 ? Math.floor((firstMonth - 1) / 3) * 3 + 1 : firstMonth,
		);
		let lastPaid: number | null = null;
		const late = random.chance(0.03);
		for (;;) {
			const next = addMonths(periodStart, months);
			const periodEnd = next - 1;
			if (periodEnd >= today) break;
			const counts = categoryIds.map(() => [0, 0, 0]);
			for (const employee of employees) {
				if (
					employee.start > periodEnd ||
					(employee.end !== null && employee.end < periodStart) ||
					employee.option === null
				)
					continue;
				const row = counts[employee.categoryIndex];
				if (row) row[OPTIONS.indexOf(employee.option)] = (row[OPTIONS.indexOf(employee.option)] ?? 0) + 1;
			}
			const statementId = ctx.ids.contributionStatement.next();
			const pmss = parameterAt("pmss", dayString(periodStart));
			let total = 0;
			let employer = 0;
			let headcount = 0;
			const lines: (string | number | null)[][] = [];
			categoryIds.forEach((categoryId, categoryIndex) => {
				const plan = spec.categories[categoryIndex];
				if (!plan) return;
				const prices = PRICES[spec.basis][plan.offerCode];
				OPTIONS.forEach((option, optionIndex) => {
					const count = counts[categoryIndex]?.[optionIndex] ?? 0;
					if (count === 0) return;
					const price = prices[optionIndex] ?? 0;
					const unit = spec.basis === "pmss_percent" ? applyRate(pmss, price) : price;
					const amount = unit * count * months;
					const employerPart = applyRate(amount, spec.employerShareBp);
					lines.push([
						statementId,
						categoryId,
						option,
						count,
						spec.basis === "pmss_percent" ? pmss * count * months : amount,
						spec.basis === "pmss_percent" ? price : null,
						unit,
						amount,
						employerPart,
						amount - employerPart,
					]);
					total += amount;
					employer += employerPart;
					headcount += count;
				});
			});
			const dueDay = periodEnd + 15;
			const paid = dueDay < today - 3 && !(late && next > addMonths(today, -3));
			const paidDay = paid ? dueDay - random.int(0, 5) : null;
			if (paidDay !== null) lastPaid = paidDay;
			const status = paid ? "paid" : dueDay < today ? "late" : "issued";
			const period =
				months === 1
					? monthString(periodStart)
					: `${yearOf(periodStart)}-Q${Math.floor((Number(monthString(periodStart).slice(5, 7)) - 1) / 3) + 1}`;
			sink.contributionStatements.push([
				statementId,
				companyId,
				contractId,
				period,
				dayString(periodStart),
				dayString(periodEnd),
				status,
				dayToInstant(periodEnd + 1, 6),
				dayString(dueDay),
				paidDay === null ? null : dayToInstant(paidDay, 10),
				headcount,
				spec.basis === "pmss_percent" ? pmss : null,
				total,
				employer,
				total - employer,
			]);
			for (const line of lines) sink.contributionLines.push(line);
			periodStart = next;
		}
		return lastPaid;
	}

	#pendingBankChange(
		companyId: number,
		mandateId: number,
		accountId: number,
		accountCreatedDay: number,
		notifiedTo: string,
		holder: string,
	): void {
		const ctx = this.#ctx;
		// In the last days, but after the account that asks existed.
		const requestedDay = Math.max(ctx.today - ctx.random.int(0, 4), accountCreatedDay + 1);
		const requestId = addRequest(ctx, {
			kind: "bank_details_change",
			accountId,
			createdDay: requestedDay,
			payload: { companyId, mandateId },
			path: [],
			staffAccountId: this.#staffAccountId,
		});
		const next = generateIban(ctx.random);
		const requestedAt = Math.min(dayToInstant(requestedDay, 9, 30), ctx.nowMs);
		ctx.sink.bankChanges.push([
			"company_mandate",
			companyId,
			null,
			null,
			mandateId,
			next.iban,
			next.last4,
			next.bic,
			holder,
			requestId,
			accountId,
			requestedAt,
			requestedAt + 7 * MS_PER_DAY,
			notifiedTo,
			requestedAt,
			"pending",
			null,
			null,
			null,
		]);
	}
}
