// The insurer's identity, in one place: the public pages, the private spaces, e-mails and PDFs
// all read it from here. Values come from the terms of use (seed document, articles 8 and 9).

export interface PostalAddress {
	readonly lines: readonly string[];
	readonly postalCode: string;
	readonly city: string;
}

export const organisation = {
	name: "Harmonie Mutuelle",
	productName: "Espace",
	legalForm: "Mutuelle soumise aux dispositions du livre II du Code de la mutualité",
	website: "https://www.harmonie-mutuelle.fr",
	/** Where questions about the terms of use go (article 9). */
	cguContact: {
		lines: [
			"Harmonie Mutuelle",
			"Conditions générales d'utilisation",
			"Espaces Internet Harmonie Mutuelle",
			"143, rue Blomet",
		],
		postalCode: "75015",
		city: "Paris",
	} satisfies PostalAddress,
	/** Data Protection Officer (article 8). */
	dpo: {
		email: "dpo@harmonie-mutuelle.fr",
		address: {
			lines: ["Harmonie Mutuelle", "Service DPO", "29, quai François-Mitterrand"],
			postalCode: "44273",
			city: "Nantes Cedex 2",
		} satisfies PostalAddress,
	},
	/** Supervisory authority for personal data. */
	cnil: {
		name: "Commission nationale de l'informatique et des libertés (CNIL)",
		website: "https://www.cnil.fr",
	},
	/** Mediator for disputes between a member and the mutuelle (DOMAIN.md §7). */
	mediator: {
		name: "Médiateur de la Mutualité Française",
		website: "https://www.mediateur-mutualite.fr",
		address: {
			lines: ["Médiateur de la Mutualité Française", "FNMF", "255, rue de Vaugirard"],
			postalCode: "75719",
			city: "Paris Cedex 15",
		} satisfies PostalAddress,
	},
	/** The care network (the terms say Kalivia; it has been Kalixia since 2019, DOMAIN.md §8). */
	careNetwork: { name: "Kalixia", formerName: "Kalivia", since: 2019 },
} as const;

export type Organisation = typeof organisation;

export function formatAddress(address: PostalAddress): string[] {
	return [...address.lines, `${address.postalCode} ${address.city}`];
}
