// The care history of one beneficiary: episodes (a GP visit and the boxes bought after it, a
// series of physiotherapy sessions, a pair of glasses…) drawn over the covered period, with
// plausible charged amounts and the SS base and rate in force on each date.
import type { Profession } from "../schema/enums.ts";
import { tariffAt } from "./catalogue.ts";
import type { SeedContext } from "./context.ts";
import { ageAt, dayOf, dayString } from "./dates.ts";
import { parameterAt } from "./parameters.ts";
import { cumulativeWeights } from "./random.ts";

export interface BillItem {
	readonly act: string;
	readonly day: number;
	readonly chargedCents: number;
	readonly baseCents: number;
	readonly ssRateBp: number;
	readonly quantity: number;
	readonly priceLimitCents: number | null;
	readonly profession: Profession;
	readonly professionalId: number | null;
}

export interface Episode {
	readonly day: number;
	readonly items: BillItem[];
}

/** Who is seen for a profession (and their sector, which bounds dépassements). */
export type ProfessionalChooser = (profession: Profession) => {
	readonly id: number | null;
	readonly sector: string | null;
};

const PROFESSION_OF: Record<string, Profession> = {
	G: "medecin_generaliste",
	CS: "medecin_specialiste",
	PH65: "pharmacien",
	PH30: "pharmacien",
	PH100: "pharmacien",
	AMI: "infirmier",
	AMK: "masseur_kinesitherapeute",
	B: "laboratoire",
	IMG: "radiologie",
	SC: "chirurgien_dentiste",
	CCM100: "chirurgien_dentiste",
	CCMLIB: "chirurgien_dentiste",
	MONTA: "opticien",
	VERREA: "opticien",
	MONTB: "opticien",
	VERREB: "opticien",
	AUDI: "audioprothesiste",
	AUDII: "audioprothesiste",
	FJ: "etablissement_sante",
	SEJ: "etablissement_sante",
};

type EpisodeKind =
	| "gp"
	| "specialist"
	| "pharmacy"
	| "lab"
	| "imaging"
	| "physio"
	| "nurse"
	| "dental"
	| "crown"
	| "optics"
	| "audio"
	| "hospital";
const KINDS: readonly EpisodeKind[] = [
	"gp",
	"specialist",
	"pharmacy",
	"lab",
	"imaging",
	"physio",
	"nurse",
	"dental",
	"crown",
	"optics",
	"audio",
	"hospital",
];
// Weights by age band: under 18, 18–59, 60 and over.
const WEIGHTS = {
	child: cumulativeWeights([45, 10, 8, 4, 3, 2, 1, 10, 0, 3, 0, 0.5]),
	adult: cumulativeWeights([40, 12, 14, 8, 5, 4, 2, 8, 1.5, 3, 0.1, 1]),
	senior: cumulativeWeights([35, 14, 20, 10, 6, 5, 6, 6, 2.5, 4, 1.2, 2.5]),
};
/** Episodes per covered year, by age band. */
const RATES = { child: 3.2, adult: 3.9, senior: 6.1 };

const CLASS_A_FROM = dayOf("2020-01-01");
const AUDIO_CLASS_I_FROM = dayOf("2021-01-01");

export interface HistoryState {
	lastOptics: number;
	lastAudio: number;
}

export class HistoryGenerator {
	readonly #ctx: SeedContext;

	constructor(ctx: SeedContext) {
		this.#ctx = ctx;
	}

	/** Episodes between `from` and `to` (inclusive), oldest first. */
	episodes(
		birthDay: number,
		from: number,
		to: number,
		choose: ProfessionalChooser,
		intensity = 1,
	): Episode[] {
		const random = this.#ctx.random;
		if (to < from) return [];
		const midAge = ageAt(birthDay, Math.floor((from + to) / 2));
		const band = midAge < 18 ? "child" : midAge < 60 ? "adult" : "senior";
		const count = random.poisson((RATES[band] * intensity * (to - from + 1)) / 365.25);
		const days: number[] = [];
		for (let i = 0; i < count; i++) days.push(random.int(from, to));
		days.sort((a, b) => a - b);
		const state: HistoryState = { lastOptics: -1e9, lastAudio: -1e9 };
		const episodes: Episode[] = [];
		for (const day of days) {
			const age = ageAt(birthDay, day);
			const weights = age < 18 ? WEIGHTS.child : age < 60 ? WEIGHTS.adult : WEIGHTS.senior;
			// One professional per profession within an episode (the same pharmacy for every box).
			const chosen = new Map<Profession, { id: number | null; sector: string | null }>();
			const who = (profession: Profession) => {
				let found = chosen.get(profession);
				if (!found) {
					found = choose(profession);
					chosen.set(profession, found);
				}
				return found;
			};
			const items = this.#episode(random.weighted(KINDS, weights), day, age, to, state, who);
			if (items.length > 0) episodes.push({ day, items });
		}
		return episodes;
	}

	#item(
		act: string,
		day: number,
		who: ProfessionalChooser,
		charged: (base: number) => number,
		quantity = 1,
	): BillItem | null {
		const tariff = tariffAt(act, dayString(day));
		if (!tariff) return null;
		const baseCents = tariff.baseCents ?? 0;
		const chargedCents = charged(baseCents);
		const profession = PROFESSION_OF[act] ?? "medecin_generaliste";
		return {
			act,
			day,
			chargedCents,
			baseCents: tariff.baseCents === null ? chargedCents : baseCents,
			ssRateBp: tariff.ssRateBp,
			quantity,
			priceLimitCents: tariff.priceLimitCents ?? null,
			profession,
			professionalId: who(profession).id,
		};
	}

	#boxes(day: number, count: number, out: BillItem[], who: ProfessionalChooser): void {
		const random = this.#ctx.random;
		for (let i = 0; i < count; i++) {
			const draw = random.next();
			const act = draw < 0.7 ? "PH65" : draw < 0.95 ? "PH30" : "PH100";
			// Most boxes are cheap, a few are expensive.
			const price = Math.round(
				150 + 2850 * random.next() ** 3 + (random.chance(0.05) ? random.int(3000, 12_000) : 0),
			);
			const item = this.#item(act, day, who, () => price);
			if (item) out.push(item);
		}
	}

	#episode(
		kind: EpisodeKind,
		day: number,
		age: number,
		lastDay: number,
		state: HistoryState,
		who: ProfessionalChooser,
	): BillItem[] {
		const random = this.#ctx.random;
		const items: BillItem[] = [];
		const push = (item: BillItem | null) => {
			if (item && item.day <= lastDay) items.push(item);
		};
		switch (kind) {
			case "gp": {
				const sector = who("medecin_generaliste").sector;
				push(
					this.#item("G", day, who, (base) =>
						sector?.startsWith("secteur_2") ? base + random.int(5, 20) * 100 : base,
					),
				);
				if (random.chance(0.65)) this.#boxes(day, random.int(1, 3), items, who);
				break;
			}
			case "specialist": {
				const sector = who("medecin_specialiste").sector;
				const overrun =
					sector === "secteur_2_optam"
						? random.int(10, 35) * 100
						: sector === "secteur_2"
							? random.int(15, 50) * 100
							: 0;
				push(this.#item("CS", day, who, (base) => base + overrun));
				if (random.chance(0.4)) this.#boxes(day, random.int(1, 2), items, who);
				break;
			}
			case "pharmacy":
				this.#boxes(day, random.int(1, 4), items, who);
				break;
			case "lab":
				push(this.#item("B", day, who, () => random.int(8, 60) * 100 + random.int(0, 99)));
				break;
			case "imaging":
				push(this.#item("IMG", day, who, () => random.int(25, 90) * 100));
				break;
			case "physio": {
				const price = random.int(1613, 2200);
				const sessions = random.int(4, 10);
				for (let i = 0, d = day; i < sessions; i++, d += random.int(3, 4))
					push(this.#item("AMK", d, who, () => price));
				break;
			}
			case "nurse": {
				const visits = random.int(1, 6);
				for (let i = 0, d = day; i < visits; i++, d += random.int(1, 2))
					push(this.#item("AMI", d, who, () => random.int(600, 2500)));
				break;
			}
			case "dental": {
				const acts = random.int(1, 2);
				for (let i = 0; i < acts; i++)
					push(this.#item("SC", day, who, () => random.int(20, 80) * 100 + random.int(0, 99)));
				break;
			}
			case "crown":
				if (day >= CLASS_A_FROM && random.chance(0.55))
					push(this.#item("CCM100", day, who, () => random.int(450, 500) * 100));
				else push(this.#item("CCMLIB", day, who, () => random.int(550, 950) * 100));
				break;
			case "optics":
				if (age < 3 || day - state.lastOptics < 730)
					return this.#episode("gp", day, age, lastDay, state, who);
				state.lastOptics = day;
				if (day >= CLASS_A_FROM && random.chance(0.35)) {
					push(this.#item("MONTA", day, who, () => 3000));
					push(this.#item("VERREA", day, who, () => 3250));
					push(this.#item("VERREA", day, who, () => 3250));
				} else {
					push(this.#item("MONTB", day, who, () => random.int(80, 250) * 100));
					const lens = random.int(50, 300) * 100;
					push(this.#item("VERREB", day, who, () => lens));
					push(this.#item("VERREB", day, who, () => lens));
				}
				break;
			case "audio":
				if (age < 50 || day - state.lastAudio < 1461)
					return this.#episode("gp", day, age, lastDay, state, who);
				state.lastAudio = day;
				if (day >= AUDIO_CLASS_I_FROM && random.chance(0.4)) {
					push(this.#item("AUDI", day, who, () => 95_000));
					push(this.#item("AUDI", day, who, () => 95_000));
				} else {
					const price = random.int(1200, 1900) * 100;
					push(this.#item("AUDII", day, who, () => price));
					push(this.#item("AUDII", day, who, () => price));
				}
				break;
			case "hospital": {
				const nights = random.int(1, 8);
				const discharge = day + nights;
				// Due for stays over 24 h, the day of discharge included.
				push(
					this.#item(
						"FJ",
						discharge,
						who,
						() => (nights + 1) * parameterAt("forfait_journalier", dayString(discharge)),
						nights + 1,
					),
				);
				push(this.#item("SEJ", discharge, who, () => random.int(1500, 6000) * 100));
				break;
			}
		}
		return items;
	}
}
