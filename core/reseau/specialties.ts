// The fields of the Kalixia network a search can ask for, as they appear in the finder's URL
// (`?specialite=optique`) and on its pages, and the network each one is (schema/enums.ts).
import type { CareNetwork } from "../../schema/enums.ts";

export const specialties = ["optique", "audioprothese", "dentaire", "osteopathie"] as const;
export type Specialty = (typeof specialties)[number];

export const SPECIALTY_NETWORK: Readonly<Record<Specialty, CareNetwork>> = {
	optique: "kalixia_optique",
	audioprothese: "kalixia_audio",
	dentaire: "kalixia_dentaire",
	osteopathie: "kalixia_osteopathie",
};

export const SPECIALTY_LABELS: Readonly<Record<Specialty, string>> = {
	optique: "Optique",
	audioprothese: "Audioprothèse",
	dentaire: "Dentaire",
	osteopathie: "Ostéopathie",
};

/** What the 100 % Santé basket is called in each field (DOMAIN.md §3). */
export const HUNDRED_PERCENT_SANTE_OFFER: Readonly<Record<CareNetwork, string>> = {
	kalixia_optique: "Lunettes 100 % Santé (classe A), sans reste à charge",
	kalixia_audio: "Aides auditives 100 % Santé (classe I), sans reste à charge",
	kalixia_dentaire: "Couronnes et prothèses du panier 100 % Santé, sans reste à charge",
	kalixia_osteopathie: "Séances au tarif négocié du réseau",
};

export function specialtyOfNetwork(network: CareNetwork): Specialty {
	const found = specialties.find((specialty) => SPECIALTY_NETWORK[specialty] === network);
	if (!found) throw new Error(`No specialty for network ${network}`);
	return found;
}
