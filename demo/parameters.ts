// Dated parameters: amounts fixed by law that change by date (DOMAIN.md §3, §5). The seed loads
// them into dated_parameters; computeReimbursement reads them through `parameterAt`. Values
// marked "unverified" come from secondary sources; check them before relying on them.
import type { ParameterName, ParameterUnit } from "../schema/enums.ts";

export interface DatedParameterValue {
	readonly name: ParameterName;
	readonly value: number;
	readonly unit: ParameterUnit;
	/** Inclusive, YYYY-MM-DD. */
	readonly from: string;
	/** Exclusive, YYYY-MM-DD; null while in force. */
	readonly to: string | null;
	readonly source: string;
}

const CSS = "Code de la sécurité sociale";

export const DATED_PARAMETERS: readonly DatedParameterValue[] = [
	{
		name: "participation_forfaitaire",
		value: 100,
		unit: "cents",
		from: "2005-01-01",
		to: "2024-05-15",
		source: `${CSS}, L160-13 II`,
	},
	{
		name: "participation_forfaitaire",
		value: 200,
		unit: "cents",
		from: "2024-05-15",
		to: null,
		source: "DOMAIN.md §3 [36][37] (2 € depuis le 15/05/2024)",
	},
	{
		name: "participation_forfaitaire_daily_cap",
		value: 400,
		unit: "cents",
		from: "2005-01-01",
		to: null,
		source: "ameli.fr (4 € par jour)",
	},
	{
		name: "participation_forfaitaire_yearly_cap",
		value: 5000,
		unit: "cents",
		from: "2005-01-01",
		to: null,
		source: "ameli.fr (50 € par an)",
	},
	{
		name: "franchise_medicament",
		value: 50,
		unit: "cents",
		from: "2008-01-01",
		to: "2024-03-31",
		source: `${CSS}, L160-13 III`,
	},
	{
		name: "franchise_medicament",
		value: 100,
		unit: "cents",
		from: "2024-03-31",
		to: null,
		source: "DOMAIN.md §3 [38][39] (1 € par boîte depuis le 31/03/2024)",
	},
	{
		name: "franchise_paramedical",
		value: 50,
		unit: "cents",
		from: "2008-01-01",
		to: "2024-03-31",
		source: `${CSS}, L160-13 III`,
	},
	{
		name: "franchise_paramedical",
		value: 100,
		unit: "cents",
		from: "2024-03-31",
		to: null,
		source: "DOMAIN.md §3 [38][39]",
	},
	{
		name: "franchise_paramedical_daily_cap",
		value: 200,
		unit: "cents",
		from: "2008-01-01",
		to: "2024-03-31",
		source: `${CSS}, D160-9`,
	},
	{
		name: "franchise_paramedical_daily_cap",
		value: 400,
		unit: "cents",
		from: "2024-03-31",
		to: null,
		source: "DOMAIN.md §3 [38][39]",
	},
	{
		name: "franchise_transport",
		value: 200,
		unit: "cents",
		from: "2008-01-01",
		to: "2024-03-31",
		source: `${CSS}, L160-13 III`,
	},
	{
		name: "franchise_transport",
		value: 400,
		unit: "cents",
		from: "2024-03-31",
		to: null,
		source: "DOMAIN.md §3 [38][39]",
	},
	{
		name: "franchise_transport_daily_cap",
		value: 400,
		unit: "cents",
		from: "2008-01-01",
		to: "2024-03-31",
		source: `${CSS}, D160-9`,
	},
	{
		name: "franchise_transport_daily_cap",
		value: 800,
		unit: "cents",
		from: "2024-03-31",
		to: null,
		source: "DOMAIN.md §3 [38][39]",
	},
	{
		name: "franchise_yearly_cap",
		value: 5000,
		unit: "cents",
		from: "2008-01-01",
		to: null,
		source: "ameli.fr (50 € par an)",
	},
	{
		name: "forfait_journalier",
		value: 1800,
		unit: "cents",
		from: "2010-01-01",
		to: "2018-01-01",
		source: `${CSS}, L174-4`,
	},
	{
		name: "forfait_journalier",
		value: 2000,
		unit: "cents",
		from: "2018-01-01",
		to: null,
		source: "DOMAIN.md §3 [40] (20 € depuis le 01/01/2018)",
	},
	{
		name: "forfait_journalier_psychiatrie",
		value: 1350,
		unit: "cents",
		from: "2010-01-01",
		to: "2018-01-01",
		source: `${CSS}, L174-4`,
	},
	{
		name: "forfait_journalier_psychiatrie",
		value: 1500,
		unit: "cents",
		from: "2018-01-01",
		to: null,
		source: "DOMAIN.md §3 [40] (15 € en psychiatrie)",
	},
	{
		name: "forfait_actes_lourds",
		value: 1800,
		unit: "cents",
		from: "2011-01-01",
		to: "2019-01-01",
		source: `${CSS}, R160-16`,
	},
	{
		name: "forfait_actes_lourds",
		value: 2400,
		unit: "cents",
		from: "2019-01-01",
		to: null,
		source: "service-public.fr F165 (24 €)",
	},
	{
		name: "pmss",
		value: 321_800,
		unit: "cents",
		from: "2016-01-01",
		to: "2017-01-01",
		source: "Arrêté PMSS 2016",
	},
	{
		name: "pmss",
		value: 326_900,
		unit: "cents",
		from: "2017-01-01",
		to: "2018-01-01",
		source: "Arrêté PMSS 2017",
	},
	{
		name: "pmss",
		value: 331_100,
		unit: "cents",
		from: "2018-01-01",
		to: "2019-01-01",
		source: "Arrêté PMSS 2018",
	},
	{
		name: "pmss",
		value: 337_700,
		unit: "cents",
		from: "2019-01-01",
		to: "2020-01-01",
		source: "Arrêté PMSS 2019",
	},
	{
		name: "pmss",
		value: 342_800,
		unit: "cents",
		from: "2020-01-01",
		to: "2023-01-01",
		source: "Arrêtés PMSS 2020–2022",
	},
	{
		name: "pmss",
		value: 366_600,
		unit: "cents",
		from: "2023-01-01",
		to: "2024-01-01",
		source: "Arrêté PMSS 2023",
	},
	{
		name: "pmss",
		value: 386_400,
		unit: "cents",
		from: "2024-01-01",
		to: "2025-01-01",
		source: "Arrêté PMSS 2024",
	},
	{
		name: "pmss",
		value: 392_500,
		unit: "cents",
		from: "2025-01-01",
		to: "2026-01-01",
		source: "commentaider.fr (3 925 € en 2025)",
	},
	{
		name: "pmss",
		value: 400_500,
		unit: "cents",
		from: "2026-01-01",
		to: null,
		source: "4 005 € annoncés pour 2026 (unverified)",
	},
];

export type ParameterLookup = (name: ParameterName, date: string) => number;

/** A lookup over a list of dated values; throws when nothing is in force on that date. */
export function createParameterLookup(
	values: readonly DatedParameterValue[] = DATED_PARAMETERS,
): ParameterLookup {
	const byName = new Map<ParameterName, DatedParameterValue[]>();
	for (const value of values) {
		const list = byName.get(value.name) ?? [];
		list.push(value);
		byName.set(value.name, list);
	}
	return (name, date) => {
		for (const value of byName.get(name) ?? []) {
			if (value.from <= date && (value.to === null || date < value.to)) return value.value;
		}
		throw new RangeError(`No value of ${name} in force on ${date}.`);
	};
}

export const parameterAt: ParameterLookup = createParameterLookup();
