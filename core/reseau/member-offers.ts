// What the signed-in member's own contract gives them in each field of the network, for the
// finder to highlight (article 3: the network's professionals and the member's advantages
// there). Read from the guarantees in force (core/adherent/guarantees.ts); nothing is stored.

import type { Database } from "../../db/client.ts";
import type { CareNetwork } from "../../schema/enums.ts";
import { getMemberGuarantees } from "../adherent/guarantees.ts";

/** The care category of the guarantee table that each network's care falls under. */
const NETWORK_CATEGORY: Readonly<Partial<Record<CareNetwork, string>>> = {
	kalixia_optique: "optique",
	kalixia_audio: "audiologie",
	kalixia_dentaire: "prothese_dentaire",
};

export interface NetworkOffer {
	readonly network: CareNetwork;
	/** The guarantee lines of that field, by their label. */
	readonly lines: readonly string[];
	/** The contract pays the 100 % Santé basket: no reste à charge with a network member offering it. */
	readonly hundredPercentSante: boolean;
}

export interface MemberOffers {
	readonly offerLabel: string;
	readonly networks: readonly NetworkOffer[];
}

/** The member's offers in the network's fields today, or null without a contract. */
export async function getMemberNetworkOffers(
	db: Database,
	memberId: number,
	today: string,
): Promise<MemberOffers | null> {
	const guarantees = await getMemberGuarantees(db, memberId, today);
	if (!guarantees) return null;
	const networks: NetworkOffer[] = [];
	for (const [network, code] of Object.entries(NETWORK_CATEGORY) as [CareNetwork, string][]) {
		const category = guarantees.categories.find((candidate) => candidate.code === code);
		if (!category) continue;
		networks.push({
			network,
			lines: category.lines.map((line) => line.label),
			hundredPercentSante: category.lines.some((line) => line.kind === "basket_100_sante"),
		});
	}
	return { offerLabel: guarantees.offer.label, networks };
}
