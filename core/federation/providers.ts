// The two identity federations the portal accepts (ADR 0039), and what each one means for us:
// which space it opens, what it is asked for, and how its assurance levels (`acr`) compare.
import type { Space } from "../../schema/enums.ts";
import type { FederationProvider } from "../../schema/tables/index.ts";
import type { FederationConfig, FederationProviderConfig } from "../config.ts";

export interface ProviderInfo {
	readonly id: FederationProvider;
	/** The path segment of its routes: `/connexion/<slug>`. */
	readonly slug: string;
	readonly name: string;
	/** The only space whose accounts it may open. */
	readonly space: Space;
	readonly scope: string;
}

export const PROVIDERS: Readonly<Record<FederationProvider, ProviderInfo>> = {
	// FranceConnect's identity "pivot" claims, minus the ones we do not need (birthplace, gender).
	franceconnect: {
		id: "franceconnect",
		slug: "franceconnect",
		name: "FranceConnect",
		space: "adherent",
		scope: "openid given_name family_name birthdate email",
	},
	// Pro Santé Connect returns the professional's identity and practice data under `scope_all`.
	pro_sante_connect: {
		id: "pro_sante_connect",
		slug: "pro-sante-connect",
		name: "Pro Santé Connect",
		space: "professionnel",
		scope: "openid scope_all",
	},
};

export function providerBySlug(slug: string): ProviderInfo | undefined {
	return Object.values(PROVIDERS).find((provider) => provider.slug === slug);
}

export function providerConfigOf(
	config: FederationConfig,
	provider: FederationProvider,
): FederationProviderConfig | undefined {
	return provider === "franceconnect" ? config.franceconnect : config.proSanteConnect;
}

/** The configured providers whose button a sign-in page shows, in a stable order. */
export function enabledProviders(config: FederationConfig): ProviderInfo[] {
	return Object.values(PROVIDERS).filter((provider) => providerConfigOf(config, provider.id));
}

// eIDAS levels as both federations name them: low, substantial, high.
const EIDAS_LEVELS = ["eidas1", "eidas2", "eidas3"];

/**
 * Whether the level a provider asserted meets the required one: a higher eIDAS level satisfies a
 * lower one; any other value must be exactly the one required; a missing `acr` never does.
 */
export function acrSatisfies(actual: unknown, required: string): boolean {
	if (typeof actual !== "string" || actual === "") return false;
	const have = EIDAS_LEVELS.indexOf(actual);
	const need = EIDAS_LEVELS.indexOf(required);
	if (have >= 0 && need >= 0) return have >= need;
	return actual === required;
}
