// The fixed demo accounts that every seed creates (and only the seed: production never runs it).
// The README and `npm start` print them; the end-to-end tests sign in with them.
import type { Space } from "../schema/enums.ts";

export interface DemoAccount {
	readonly identifier: string;
	readonly password: string;
	readonly space: Space;
	readonly email: string;
	/** Who or what the account belongs to, for the banner. */
	readonly label: string;
	/** Base32 TOTP secret enrolled on the account, or null (second factor by e-mail). */
	readonly totpSecret: string | null;
}

export const DEMO_PASSWORDS = {
	adherent: "adherent-demo-2026",
	employeur: "employeur-demo-2026",
	professionnel: "professionnel-demo-2026",
	gestionnaire: "gestionnaire-demo-2026",
} as const satisfies Record<Space, string>;

/** TOTP secrets of the employer and professional demo accounts (TOTP is mandatory there). */
export const DEMO_TOTP_SECRETS = {
	employeur: "JBSWY3DPEHPK3PXP",
	professionnel: "GEZDGNBVGY3TQOJQ",
} as const;

export const DEMO_ACCOUNTS = {
	adherent1: {
		identifier: "1000000001",
		password: DEMO_PASSWORDS.adherent,
		space: "adherent",
		email: "adherent1@demo.espace.test",
		label: "Julien Mercier, famille de 4 bénéficiaires, 10 ans d'historique (Lyon)",
		totpSecret: null,
	},
	adherent2: {
		identifier: "1000000002",
		password: DEMO_PASSWORDS.adherent,
		space: "adherent",
		email: "adherent2@demo.espace.test",
		label: "Sophie Durand et ses deux enfants (Nantes)",
		totpSecret: null,
	},
	employeur1: {
		identifier: "2000000001",
		password: DEMO_PASSWORDS.employeur,
		space: "employeur",
		email: "employeur1@demo.espace.test",
		label: "Les Ateliers du Rhône SAS, 60 salariés (Lyon)",
		totpSecret: DEMO_TOTP_SECRETS.employeur,
	},
	employeur2: {
		identifier: "2000000002",
		password: DEMO_PASSWORDS.employeur,
		space: "employeur",
		email: "employeur2@demo.espace.test",
		label: "Boulangerie Lefèvre, 8 salariés (Rennes)",
		totpSecret: DEMO_TOTP_SECRETS.employeur,
	},
	employeurLecture: {
		identifier: "2000000003",
		password: DEMO_PASSWORDS.employeur,
		space: "employeur",
		email: "employeur1-lecture@demo.espace.test",
		label: "Léa Martin, administratrice « lecture » des Ateliers du Rhône SAS",
		totpSecret: DEMO_TOTP_SECRETS.employeur,
	},
	professionnel1: {
		identifier: "3000000001",
		password: DEMO_PASSWORDS.professionnel,
		space: "professionnel",
		email: "professionnel1@demo.espace.test",
		label: "Pharmacie des Terreaux (Lyon), tiers payant",
		totpSecret: DEMO_TOTP_SECRETS.professionnel,
	},
	professionnel2: {
		identifier: "3000000002",
		password: DEMO_PASSWORDS.professionnel,
		space: "professionnel",
		email: "professionnel2@demo.espace.test",
		label: "Optique de l'Erdre (Nantes), réseau Kalixia optique",
		totpSecret: DEMO_TOTP_SECRETS.professionnel,
	},
	gestionnaire1: {
		identifier: "9000000001",
		password: DEMO_PASSWORDS.gestionnaire,
		space: "gestionnaire",
		email: "gestionnaire1@demo.espace.test",
		label: "Claire Moreau, gestionnaire (rôle administrateur)",
		totpSecret: null,
	},
	gestionnaire2: {
		identifier: "9000000002",
		password: DEMO_PASSWORDS.gestionnaire,
		space: "gestionnaire",
		email: "gestionnaire2@demo.espace.test",
		label: "Karim Haddad, gestionnaire (rôle agent : demandes seulement)",
		totpSecret: null,
	},
} as const satisfies Record<string, DemoAccount>;

export const DEMO_ACCOUNT_LIST: readonly DemoAccount[] = Object.values(DEMO_ACCOUNTS);

const SPACE_LABELS: Record<Space, string> = {
	adherent: "Adhérent",
	employeur: "Employeur",
	professionnel: "Professionnel de santé",
	gestionnaire: "Gestionnaire",
};

/** The block `npm start` prints: demo identifiers, passwords and TOTP secrets. */
export function demoBanner(): string {
	const lines = ["Comptes de démonstration (données fictives, jamais en production) :"];
	for (const account of DEMO_ACCOUNT_LIST) {
		const totp = account.totpSecret ? `  TOTP ${account.totpSecret}` : "";
		lines.push(
			`  ${SPACE_LABELS[account.space].padEnd(23)} ${account.identifier} / ${account.password}${totp}  — ${account.label}`,
		);
	}
	lines.push(
		"  Boîtes aux lettres : adherent1@, employeur1@… @demo.espace.test (courriels visibles en local).",
	);
	return lines.join("\n");
}
