import { describe, expect, it } from "vitest";
import { guaranteeKinds } from "../schema/enums.ts";
import { parameterAt } from "./parameters.ts";
import { Random } from "./random.ts";
import { computeReimbursement } from "./reimbursement.ts";

const TM = { kind: "percent_br", value: 10_000 } as const;

describe("computeReimbursement reproduces DOMAIN.md's worked examples", () => {
	it("1. GP secteur 1: 30 € charged, RO 19 €, AMC 9 €, RAC 2 € (participation forfaitaire)", () => {
		const line = computeReimbursement({
			careDate: "2025-03-10",
			chargedCents: 3000,
			baseCents: 3000,
			ssRateBp: 7000,
			deduction: "participation_forfaitaire",
			guarantee: TM,
		});
		expect(line).toMatchObject({
			ssPaidCents: 1900,
			participationForfaitaireCents: 200,
			mutuelleCents: 900,
			remainingCents: 200,
		});
	});

	it("2. specialist OPTAM at 50 €, guarantee 150 % BR RO inclus: RO 20.05, AMC 25.20, RAC 4.75", () => {
		const line = computeReimbursement({
			careDate: "2025-03-10",
			chargedCents: 5000,
			baseCents: 3150,
			ssRateBp: 7000,
			deduction: "participation_forfaitaire",
			guarantee: { kind: "percent_br", value: 15_000 },
		});
		expect(line).toMatchObject({
			ssGrossCents: 2205,
			ssPaidCents: 2005,
			mutuelleCents: 2520,
			remainingCents: 475,
			overrunCents: 1850,
		});
	});

	it("3a. pharmacy box at 65 %: RO 5.50, AMC 3.50, RAC 1 € (franchise)", () => {
		const line = computeReimbursement({
			careDate: "2025-03-10",
			chargedCents: 1000,
			baseCents: 1000,
			ssRateBp: 6500,
			deduction: "franchise_medicament",
			guarantee: TM,
		});
		expect(line).toMatchObject({
			ssPaidCents: 550,
			franchiseCents: 100,
			mutuelleCents: 350,
			remainingCents: 100,
		});
	});

	it("3b. the same box at 30 % with a guarantee that does not cover it: RO 2 €, RAC 8 €", () => {
		const line = computeReimbursement({
			careDate: "2025-03-10",
			chargedCents: 1000,
			baseCents: 1000,
			ssRateBp: 3000,
			deduction: "franchise_medicament",
			guarantee: { kind: "percent_br", value: 3000 },
		});
		expect(line).toMatchObject({ ssPaidCents: 200, mutuelleCents: 0, remainingCents: 800 });
	});

	it("4. nurse act of 20 €: RO 11 €, AMC 8 €, RAC 1 € (franchise)", () => {
		const line = computeReimbursement({
			careDate: "2025-03-10",
			chargedCents: 2000,
			baseCents: 2000,
			ssRateBp: 6000,
			deduction: "franchise_paramedical",
			guarantee: TM,
		});
		expect(line).toMatchObject({ ssPaidCents: 1100, mutuelleCents: 800, remainingCents: 100 });
	});

	it("5. optics classe A, frame + 2 lenses for 95 €: RO 17.10, AMC 77.90, RAC 0", () => {
		const basket = { kind: "basket_100_sante", value: 0 } as const;
		const items = [
			{ chargedCents: 3000, baseCents: 900, priceLimitCents: 3000 },
			{ chargedCents: 3250, baseCents: 975, priceLimitCents: 3250 },
			{ chargedCents: 3250, baseCents: 975, priceLimitCents: 3250 },
		];
		const lines = items.map((item) =>
			computeReimbursement({ careDate: "2025-03-10", ssRateBp: 6000, guarantee: basket, ...item }),
		);
		const total = (key: "ssPaidCents" | "mutuelleCents" | "remainingCents") =>
			lines.reduce((sum, l) => sum + l[key], 0);
		expect([total("ssPaidCents"), total("mutuelleCents"), total("remainingCents")]).toEqual([1710, 7790, 0]);

		const whole = computeReimbursement({
			careDate: "2025-03-10",
			chargedCents: 9500,
			baseCents: 2850,
			ssRateBp: 6000,
			guarantee: basket,
			priceLimitCents: 9500,
		});
		expect(whole).toMatchObject({ ssPaidCents: 1710, mutuelleCents: 7790, remainingCents: 0 });
	});

	it("7. hearing aid classe I at 950 €: RO 240 €, AMC 710 €, RAC 0", () => {
		const line = computeReimbursement({
			careDate: "2025-03-10",
			chargedCents: 95_000,
			baseCents: 40_000,
			ssRateBp: 6000,
			guarantee: { kind: "basket_100_sante", value: 0 },
			priceLimitCents: 95_000,
		});
		expect(line).toMatchObject({ ssPaidCents: 24_000, mutuelleCents: 71_000, remainingCents: 0 });
	});

	it("8. five days of forfait journalier: the mutuelle pays the 100 €", () => {
		const line = computeReimbursement({
			careDate: "2025-03-10",
			chargedCents: 5 * parameterAt("forfait_journalier", "2025-03-10"),
			baseCents: 0,
			ssRateBp: 0,
			guarantee: { kind: "actual_cost", value: 0 },
		});
		expect(line).toMatchObject({ ssPaidCents: 0, mutuelleCents: 10_000, remainingCents: 0 });
	});
});

describe("deductions follow the dated parameters and their caps", () => {
	const gp = (careDate: string) =>
		computeReimbursement({
			careDate,
			chargedCents: 2650,
			baseCents: 2650,
			ssRateBp: 7000,
			deduction: "participation_forfaitaire",
			guarantee: TM,
		});

	it("takes 1 € of participation forfaitaire before 15/05/2024 and 2 € from that day", () => {
		expect(gp("2024-05-14").participationForfaitaireCents).toBe(100);
		expect(gp("2024-05-15").participationForfaitaireCents).toBe(200);
	});

	it("takes a 0.50 € franchise before 31/03/2024 and 1 € from that day", () => {
		const box = (careDate: string) =>
			computeReimbursement({
				careDate,
				chargedCents: 1000,
				baseCents: 1000,
				ssRateBp: 6500,
				deduction: "franchise_medicament",
				guarantee: TM,
			}).franchiseCents;
		expect(box("2024-03-30")).toBe(50);
		expect(box("2024-03-31")).toBe(100);
	});

	it("stops at the daily and yearly caps and spares exempted beneficiaries", () => {
		const base = {
			careDate: "2025-03-10",
			chargedCents: 3000,
			baseCents: 3000,
			ssRateBp: 7000,
			deduction: "participation_forfaitaire",
			guarantee: TM,
		} as const;
		expect(
			computeReimbursement({ ...base, deductionsSoFar: { sameDayCents: 300, sameYearCents: 300 } })
				.participationForfaitaireCents,
		).toBe(100);
		expect(
			computeReimbursement({ ...base, deductionsSoFar: { sameDayCents: 0, sameYearCents: 5000 } })
				.participationForfaitaireCents,
		).toBe(0);
		const child = computeReimbursement({ ...base, exemptFromDeductions: true });
		expect(child).toMatchObject({
			participationForfaitaireCents: 0,
			ssPaidCents: 2100,
			mutuelleCents: 900,
			remainingCents: 0,
		});
	});
});

describe("every computed line adds up", () => {
	it("charged = RO + AMC + RAC with RAC ≥ deductions, whatever the inputs", () => {
		const random = new Random(7);
		const deductions = [
			null,
			"participation_forfaitaire",
			"franchise_medicament",
			"franchise_paramedical",
		] as const;
		for (let i = 0; i < 5000; i++) {
			const baseCents = random.int(0, 200_000);
			const chargedCents = baseCents + (random.chance(0.5) ? 0 : random.int(0, 150_000));
			const line = computeReimbursement({
				careDate: random.pick(["2016-06-01", "2024-04-01", "2026-02-01"]),
				chargedCents,
				baseCents,
				ssRateBp: random.pick([0, 3000, 6000, 6500, 7000, 8000, 10_000]),
				deduction: random.pick(deductions),
				guarantee: {
					kind: random.pick(guaranteeKinds),
					value: random.int(0, 40_000),
					ceilingCents: random.chance(0.3) ? random.int(0, 100_000) : null,
				},
				priceLimitCents: random.chance(0.5) ? random.int(0, 200_000) : null,
			});
			const deducted = line.participationForfaitaireCents + line.franchiseCents;
			expect(line.ssPaidCents + line.mutuelleCents + line.remainingCents).toBe(line.chargedCents);
			expect(line.ssPaidCents).toBe(line.ssGrossCents - deducted);
			expect(Math.min(line.ssPaidCents, line.mutuelleCents, line.remainingCents)).toBeGreaterThanOrEqual(0);
			expect(line.remainingCents).toBeGreaterThanOrEqual(deducted);
		}
	});
});
