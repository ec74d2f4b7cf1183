// Reference data of the demo: care categories, acts with their dated SS tariffs, offers and
// their guarantee tables. Tariffs follow DOMAIN.md §3; amounts marked "illustrative" are
// plausible values, not official ones (medicines, auxiliaries, biology and imaging have per-act
// bases that the generator draws within ranges).
import type {
	CareBasket,
	DeductionKind,
	GuaranteeKind,
	GuaranteePeriod,
	OfferKind,
} from "../schema/enums.ts";
import type { GuaranteeRule } from "./reimbursement.ts";

export interface CategoryDefinition {
	readonly code: string;
	readonly label: string;
	readonly cardDomain: string | null;
}

export const CARE_CATEGORIES: readonly CategoryDefinition[] = [
	{ code: "medecins", label: "Consultations et visites de médecins", cardDomain: null },
	{ code: "pharmacie", label: "Pharmacie", cardDomain: "PHAR" },
	{ code: "auxiliaires", label: "Auxiliaires médicaux (infirmiers, kinésithérapeutes)", cardDomain: null },
	{ code: "analyses", label: "Analyses et examens de laboratoire", cardDomain: null },
	{ code: "imagerie", label: "Radiologie et imagerie", cardDomain: null },
	{ code: "dentaire", label: "Soins dentaires", cardDomain: null },
	{ code: "prothese_dentaire", label: "Prothèses dentaires", cardDomain: "DEPR" },
	{ code: "optique", label: "Optique", cardDomain: "OPAU" },
	{ code: "audiologie", label: "Aides auditives", cardDomain: "OPAU" },
	{ code: "hospitalisation", label: "Hospitalisation", cardDomain: null },
];

export interface TariffDefinition {
	readonly from: string;
	readonly to: string | null;
	readonly baseCents: number | null;
	readonly ssRateBp: number;
	readonly priceLimitCents?: number;
	readonly source?: string;
}

export interface ActDefinition {
	readonly code: string;
	readonly label: string;
	readonly category: string;
	readonly deduction: DeductionKind | null;
	readonly basket: CareBasket;
	readonly tariffs: readonly TariffDefinition[];
}

const DENTAL_RATE_CHANGE = "2023-10-15";

export const ACTS: readonly ActDefinition[] = [
	{
		code: "G",
		label: "Consultation de médecin généraliste",
		category: "medecins",
		deduction: "participation_forfaitaire",
		basket: "none",
		tariffs: [
			{ from: "2011-01-01", to: "2017-05-01", baseCents: 2300, ssRateBp: 7000 },
			{ from: "2017-05-01", to: "2023-12-01", baseCents: 2500, ssRateBp: 7000 },
			{ from: "2023-12-01", to: "2024-12-22", baseCents: 2650, ssRateBp: 7000 },
			{ from: "2024-12-22", to: null, baseCents: 3000, ssRateBp: 7000, source: "DOMAIN.md §3 [28][43]" },
		],
	},
	{
		code: "CS",
		label: "Consultation de médecin spécialiste",
		category: "medecins",
		deduction: "participation_forfaitaire",
		basket: "none",
		tariffs: [
			{ from: "2011-01-01", to: "2024-12-22", baseCents: 3000, ssRateBp: 7000, source: "illustrative" },
			{ from: "2024-12-22", to: null, baseCents: 3150, ssRateBp: 7000, source: "DOMAIN.md §3 [44]" },
		],
	},
	{
		code: "PH65",
		label: "Médicament remboursé à 65 %",
		category: "pharmacie",
		deduction: "franchise_medicament",
		basket: "none",
		tariffs: [{ from: "2011-01-01", to: null, baseCents: null, ssRateBp: 6500 }],
	},
	{
		code: "PH30",
		label: "Médicament remboursé à 30 %",
		category: "pharmacie",
		deduction: "franchise_medicament",
		basket: "none",
		tariffs: [{ from: "2011-01-01", to: null, baseCents: null, ssRateBp: 3000 }],
	},
	{
		code: "PH100",
		label: "Médicament irremplaçable remboursé à 100 %",
		category: "pharmacie",
		deduction: "franchise_medicament",
		basket: "none",
		tariffs: [{ from: "2011-01-01", to: null, baseCents: null, ssRateBp: 10_000 }],
	},
	{
		code: "AMI",
		label: "Soins infirmiers",
		category: "auxiliaires",
		deduction: "franchise_paramedical",
		basket: "none",
		tariffs: [{ from: "2011-01-01", to: null, baseCents: null, ssRateBp: 6000 }],
	},
	{
		code: "AMK",
		label: "Séance de masso-kinésithérapie",
		category: "auxiliaires",
		deduction: "franchise_paramedical",
		basket: "none",
		tariffs: [{ from: "2011-01-01", to: null, baseCents: null, ssRateBp: 6000 }],
	},
	{
		code: "B",
		label: "Analyses de biologie médicale",
		category: "analyses",
		deduction: "participation_forfaitaire",
		basket: "none",
		tariffs: [{ from: "2011-01-01", to: null, baseCents: null, ssRateBp: 6000 }],
	},
	{
		code: "IMG",
		label: "Radiographie ou échographie",
		category: "imagerie",
		deduction: "participation_forfaitaire",
		basket: "none",
		tariffs: [{ from: "2011-01-01", to: null, baseCents: null, ssRateBp: 7000 }],
	},
	{
		code: "SC",
		label: "Soin dentaire conservateur",
		category: "dentaire",
		deduction: null,
		basket: "none",
		tariffs: [
			{ from: "2011-01-01", to: DENTAL_RATE_CHANGE, baseCents: null, ssRateBp: 7000 },
			{ from: DENTAL_RATE_CHANGE, to: null, baseCents: null, ssRateBp: 6000, source: "DOMAIN.md §3 [30]" },
		],
	},
	{
		code: "CCM100",
		label: "Couronne dentaire 100 % Santé",
		category: "prothese_dentaire",
		deduction: null,
		basket: "100_sante",
		tariffs: [
			// HLF of 500 € is illustrative (DOMAIN.md §3 ex. 6: unverified).
			{
				from: "2020-01-01",
				to: DENTAL_RATE_CHANGE,
				baseCents: 12_000,
				ssRateBp: 7000,
				priceLimitCents: 50_000,
			},
			{ from: DENTAL_RATE_CHANGE, to: null, baseCents: 12_000, ssRateBp: 6000, priceLimitCents: 50_000 },
		],
	},
	{
		code: "CCMLIB",
		label: "Couronne dentaire à tarif libre",
		category: "prothese_dentaire",
		deduction: null,
		basket: "tarif_libre",
		tariffs: [
			{ from: "2011-01-01", to: DENTAL_RATE_CHANGE, baseCents: 10_750, ssRateBp: 7000 },
			{ from: DENTAL_RATE_CHANGE, to: null, baseCents: 10_750, ssRateBp: 6000 },
		],
	},
	{
		code: "MONTA",
		label: "Monture 100 % Santé (classe A)",
		category: "optique",
		deduction: null,
		basket: "100_sante",
		tariffs: [
			{
				from: "2020-01-01",
				to: null,
				baseCents: 900,
				ssRateBp: 6000,
				priceLimitCents: 3000,
				source: "DOMAIN.md §3 ex. 5",
			},
		],
	},
	{
		code: "VERREA",
		label: "Verre unifocal 100 % Santé (classe A)",
		category: "optique",
		deduction: null,
		basket: "100_sante",
		tariffs: [
			{
				from: "2020-01-01",
				to: null,
				baseCents: 975,
				ssRateBp: 6000,
				priceLimitCents: 3250,
				source: "DOMAIN.md §3 ex. 5",
			},
		],
	},
	{
		code: "MONTB",
		label: "Monture à tarif libre (classe B)",
		category: "optique",
		deduction: null,
		basket: "tarif_libre",
		tariffs: [
			{ from: "2011-01-01", to: "2020-01-01", baseCents: 284, ssRateBp: 6000 },
			{ from: "2020-01-01", to: null, baseCents: 5, ssRateBp: 6000 },
		],
	},
	{
		code: "VERREB",
		label: "Verre à tarif libre (classe B)",
		category: "optique",
		deduction: null,
		basket: "tarif_libre",
		tariffs: [
			{ from: "2011-01-01", to: "2020-01-01", baseCents: 229, ssRateBp: 6000 },
			{ from: "2020-01-01", to: null, baseCents: 5, ssRateBp: 6000 },
		],
	},
	{
		code: "AUDI",
		label: "Aide auditive 100 % Santé (classe I)",
		category: "audiologie",
		deduction: null,
		basket: "100_sante",
		tariffs: [
			{
				from: "2021-01-01",
				to: null,
				baseCents: 40_000,
				ssRateBp: 6000,
				priceLimitCents: 95_000,
				source: "DOMAIN.md §3 ex. 7",
			},
		],
	},
	{
		code: "AUDII",
		label: "Aide auditive à tarif libre (classe II)",
		category: "audiologie",
		deduction: null,
		basket: "tarif_libre",
		tariffs: [
			{ from: "2011-01-01", to: "2021-01-01", baseCents: 19_971, ssRateBp: 6000 },
			{ from: "2021-01-01", to: null, baseCents: 40_000, ssRateBp: 6000 },
		],
	},
	{
		code: "FJ",
		label: "Forfait journalier hospitalier",
		category: "hospitalisation",
		deduction: null,
		basket: "none",
		tariffs: [{ from: "2011-01-01", to: null, baseCents: 0, ssRateBp: 0 }],
	},
	{
		code: "SEJ",
		label: "Frais de séjour hospitalier",
		category: "hospitalisation",
		deduction: null,
		basket: "none",
		tariffs: [{ from: "2011-01-01", to: null, baseCents: null, ssRateBp: 8000 }],
	},
];

export interface OfferDefinition {
	readonly code: string;
	readonly label: string;
	readonly kind: OfferKind;
	/** Column of GUARANTEE_LINES.values. */
	readonly column: number;
	readonly cardCells: Readonly<Record<string, string>>;
}

export const OFFERS: readonly OfferDefinition[] = [
	{
		code: "ESSENTIELLE",
		label: "Essentielle",
		kind: "individual",
		column: 0,
		cardCells: { PHAR: "100 %", OPAU: "100 % Santé", DEPR: "125 %" },
	},
	{
		code: "CONFORT",
		label: "Confort",
		kind: "individual",
		column: 1,
		cardCells: { PHAR: "100 %", OPAU: "Forfait", DEPR: "250 %" },
	},
	{
		code: "INTEGRALE",
		label: "Intégrale",
		kind: "individual",
		column: 2,
		cardCells: { PHAR: "100 %", OPAU: "Forfait", DEPR: "400 %" },
	},
	{
		code: "ENTREPRISE_SOCLE",
		label: "Entreprise Socle",
		kind: "collective",
		column: 0,
		cardCells: { PHAR: "100 %", OPAU: "100 % Santé", DEPR: "125 %" },
	},
	{
		code: "ENTREPRISE_RENFORT",
		label: "Entreprise Renfort",
		kind: "collective",
		column: 1,
		cardCells: { PHAR: "100 %", OPAU: "Forfait", DEPR: "250 %" },
	},
];

export interface GuaranteeLineDefinition {
	readonly category: string;
	readonly act: string | null;
	readonly label: string;
	readonly kinds: readonly [GuaranteeKind, GuaranteeKind, GuaranteeKind];
	/** Essentielle, Confort, Intégrale (the collective offers reuse the first two). */
	readonly values: readonly [number, number, number];
	readonly period: GuaranteePeriod;
}

const PCT = ["percent_br", "percent_br", "percent_br"] as const;
const BASKET = ["basket_100_sante", "basket_100_sante", "basket_100_sante"] as const;

export const GUARANTEE_LINES: readonly GuaranteeLineDefinition[] = [
	{
		category: "medecins",
		act: null,
		label: "Consultations et visites",
		kinds: PCT,
		values: [10_000, 15_000, 20_000],
		period: "per_act",
	},
	{
		category: "pharmacie",
		act: "PH65",
		label: "Médicaments remboursés à 65 %",
		kinds: PCT,
		values: [10_000, 10_000, 10_000],
		period: "per_act",
	},
	{
		category: "pharmacie",
		act: "PH30",
		label: "Médicaments remboursés à 30 %",
		kinds: PCT,
		values: [3000, 10_000, 10_000],
		period: "per_act",
	},
	{
		category: "pharmacie",
		act: "PH100",
		label: "Médicaments irremplaçables",
		kinds: PCT,
		values: [10_000, 10_000, 10_000],
		period: "per_act",
	},
	{
		category: "auxiliaires",
		act: null,
		label: "Infirmiers, kinésithérapeutes",
		kinds: PCT,
		values: [10_000, 10_000, 10_000],
		period: "per_act",
	},
	{
		category: "analyses",
		act: null,
		label: "Analyses de laboratoire",
		kinds: PCT,
		values: [10_000, 10_000, 10_000],
		period: "per_act",
	},
	{
		category: "imagerie",
		act: null,
		label: "Radiologie et imagerie",
		kinds: PCT,
		values: [10_000, 12_500, 15_000],
		period: "per_act",
	},
	{
		category: "dentaire",
		act: null,
		label: "Soins dentaires",
		kinds: PCT,
		values: [10_000, 10_000, 10_000],
		period: "per_act",
	},
	{
		category: "prothese_dentaire",
		act: "CCM100",
		label: "Prothèses 100 % Santé",
		kinds: BASKET,
		values: [0, 0, 0],
		period: "per_act",
	},
	{
		category: "prothese_dentaire",
		act: "CCMLIB",
		label: "Prothèses à tarif libre",
		kinds: PCT,
		values: [12_500, 25_000, 40_000],
		period: "per_act",
	},
	{
		category: "optique",
		act: "MONTA",
		label: "Monture 100 % Santé",
		kinds: BASKET,
		values: [0, 0, 0],
		period: "per_two_years",
	},
	{
		category: "optique",
		act: "VERREA",
		label: "Verres 100 % Santé",
		kinds: BASKET,
		values: [0, 0, 0],
		period: "per_two_years",
	},
	{
		category: "optique",
		act: "MONTB",
		label: "Monture à tarif libre",
		kinds: ["flat", "flat", "flat"],
		values: [3000, 6000, 10_000],
		period: "per_two_years",
	},
	{
		category: "optique",
		act: "VERREB",
		label: "Verre à tarif libre (par verre)",
		kinds: ["flat", "flat", "flat"],
		values: [3500, 8000, 15_000],
		period: "per_two_years",
	},
	{
		category: "audiologie",
		act: "AUDI",
		label: "Aides auditives 100 % Santé",
		kinds: BASKET,
		values: [0, 0, 0],
		period: "per_act",
	},
	{
		category: "audiologie",
		act: "AUDII",
		label: "Aides auditives à tarif libre (par oreille)",
		kinds: ["flat", "flat", "ceiling"],
		values: [20_000, 50_000, 170_000],
		period: "per_act",
	},
	{
		category: "hospitalisation",
		act: "FJ",
		label: "Forfait journalier",
		kinds: ["actual_cost", "actual_cost", "actual_cost"],
		values: [0, 0, 0],
		period: "per_day",
	},
	{
		category: "hospitalisation",
		act: "SEJ",
		label: "Frais de séjour",
		kinds: PCT,
		values: [10_000, 10_000, 10_000],
		period: "per_act",
	},
];

export const GUARANTEES_FROM = "2011-01-01";

const actsByCode = new Map(ACTS.map((act) => [act.code, act]));

export function actDefinition(code: string): ActDefinition {
	const act = actsByCode.get(code);
	if (!act) throw new RangeError(`Unknown act ${code}.`);
	return act;
}

/** The tariff in force on a date, or null when the act did not exist yet. */
export function tariffAt(code: string, date: string): TariffDefinition | null {
	for (const tariff of actDefinition(code).tariffs) {
		if (tariff.from <= date && (tariff.to === null || date < tariff.to)) return tariff;
	}
	return null;
}

/** The guarantee rule an offer applies to an act: the act's own line, else its category's. */
export function guaranteeFor(offerCode: string, actCode: string): GuaranteeRule | null {
	const offer = OFFERS.find((candidate) => candidate.code === offerCode);
	if (!offer) throw new RangeError(`Unknown offer ${offerCode}.`);
	const act = actDefinition(actCode);
	const line =
		GUARANTEE_LINES.find((candidate) => candidate.act === actCode) ??
		GUARANTEE_LINES.find((candidate) => candidate.act === null && candidate.category === act.category);
	if (!line) return null;
	return { kind: line.kinds[offer.column] ?? "percent_br", value: line.values[offer.column] ?? 0 };
}
