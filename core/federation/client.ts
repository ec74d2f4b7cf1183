// The OpenID Connect exchange with a federation, through `openid-client` (built on oauth4webapi:
// fetch and WebCrypto only, so the same code runs on Node and on Workers). Authorization code
// with PKCE, `state` and `nonce`; the ID token's signature, issuer, audience, expiry and nonce
// are checked by the library, the `acr` level here. No HTTP framework: the edge passes URLs.
import * as oidc from "openid-client";
import type { FederationProviderConfig } from "../config.ts";
import { acrSatisfies, type ProviderInfo } from "./providers.ts";

// One discovery per provider and isolate; a failed one is forgotten so that the next login retries.
const configurations = new Map<string, Promise<oidc.Configuration>>();

function configurationOf(provider: FederationProviderConfig): Promise<oidc.Configuration> {
	const key = `${provider.issuer.href} ${provider.clientId}`;
	let pending = configurations.get(key);
	if (!pending) {
		pending = oidc.discovery(
			provider.issuer,
			provider.clientId,
			// RS256, the library's default, is what both federations sign ID tokens with.
			undefined,
			oidc.ClientSecretBasic(provider.clientSecret),
			// Plain http is only ever configured off production (core/config.ts refuses it there):
			// the tests' provider listens on 127.0.0.1.
			provider.issuer.protocol === "http:" ? { execute: [oidc.allowInsecureRequests] } : undefined,
		);
		pending.catch(() => configurations.delete(key));
		configurations.set(key, pending);
	}
	return pending;
}

/** The one-time values of a login, kept server-side until the provider sends the browser back. */
export interface LoginSecrets {
	readonly state: string;
	readonly nonce: string;
	readonly codeVerifier: string;
}

export function newLoginSecrets(): LoginSecrets {
	return {
		state: oidc.randomState(),
		nonce: oidc.randomNonce(),
		codeVerifier: oidc.randomPKCECodeVerifier(),
	};
}

/** Where to send the browser: the provider's authorization endpoint with our request. */
export async function authorizationUrl(
	info: ProviderInfo,
	provider: FederationProviderConfig,
	secrets: LoginSecrets,
	redirectUri: URL,
): Promise<URL> {
	const configuration = await configurationOf(provider);
	return oidc.buildAuthorizationUrl(configuration, {
		redirect_uri: redirectUri.href,
		scope: info.scope,
		state: secrets.state,
		nonce: secrets.nonce,
		code_challenge: await oidc.calculatePKCECodeChallenge(secrets.codeVerifier),
		code_challenge_method: "S256",
		acr_values: provider.acr,
		prompt: "login",
	});
}

/** Why a provider's answer was not accepted (each has its own French message at the edge). */
export type CallbackRefusal =
	| "denied"
	| "provider_error"
	| "state"
	| "code"
	| "nonce"
	| "acr"
	| "invalid"
	| "unavailable";

export type CallbackOutcome =
	| {
			readonly ok: true;
			readonly subject: string;
			readonly acr: string;
			readonly idToken: string;
			readonly displayName: string | null;
	  }
	| { readonly ok: false; readonly reason: CallbackRefusal; readonly detail: string };

function refusal(error: unknown): { ok: false; reason: CallbackRefusal; detail: string } {
	if (error instanceof oidc.AuthorizationResponseError)
		return {
			ok: false,
			reason: error.error === "access_denied" ? "denied" : "provider_error",
			detail: error.error,
		};
	if (error instanceof oidc.ResponseBodyError)
		return {
			ok: false,
			reason: error.error === "invalid_grant" ? "code" : "provider_error",
			detail: error.error,
		};
	if (error instanceof oidc.ClientError) {
		// openid-client wraps oauth4webapi's error, whose own cause names the failed claim.
		const inner = error.cause instanceof Error ? error.cause : undefined;
		const claim = (inner?.cause as { claim?: unknown } | undefined)?.claim;
		if (claim === "nonce") return { ok: false, reason: "nonce", detail: error.code ?? "nonce" };
		if (/"state"/.test(inner?.message ?? ""))
			return { ok: false, reason: "state", detail: error.code ?? "state" };
		return { ok: false, reason: "invalid", detail: error.code ?? "invalid" };
	}
	// Discovery or the token endpoint unreachable: nothing the person did.
	return { ok: false, reason: "unavailable", detail: error instanceof Error ? error.name : "unknown" };
}

function nameOf(claims: Record<string, unknown>): string | null {
	const parts = [claims.given_name, claims.family_name].filter(
		(part): part is string => typeof part === "string" && part.trim() !== "",
	);
	return parts.length > 0 ? parts.join(" ").slice(0, 200) : null;
}

/**
 * Checks the provider's answer (the URL it sent the browser back to) against the login's
 * secrets, redeems the code, checks the ID token and its `acr`, and reads the person's name.
 */
export async function redeemCallback(
	provider: FederationProviderConfig,
	secrets: LoginSecrets,
	callbackUrl: URL,
): Promise<CallbackOutcome> {
	let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
	try {
		const configuration = await configurationOf(provider);
		tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
			expectedState: secrets.state,
			expectedNonce: secrets.nonce,
			pkceCodeVerifier: secrets.codeVerifier,
			idTokenExpected: true,
		});
	} catch (error) {
		return refusal(error);
	}
	const claims = tokens.claims();
	if (!claims || !tokens.id_token) return { ok: false, reason: "invalid", detail: "no_id_token" };
	if (!acrSatisfies(claims.acr, provider.acr))
		return {
			ok: false,
			reason: "acr",
			detail: typeof claims.acr === "string" ? claims.acr.slice(0, 40) : "none",
		};
	let displayName = nameOf(claims);
	if (!displayName) {
		try {
			const configuration = await configurationOf(provider);
			displayName = nameOf(await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub));
		} catch {
			// The name only helps the person recognise the identity on the linking page.
			displayName = null;
		}
	}
	return { ok: true, subject: claims.sub, acr: String(claims.acr), idToken: tokens.id_token, displayName };
}

/** The provider's logout address, with the ID token as hint and where to come back, or null. */
export async function endSessionUrl(
	provider: FederationProviderConfig,
	idToken: string,
	postLogoutRedirectUri: URL,
): Promise<URL | null> {
	try {
		const configuration = await configurationOf(provider);
		if (!configuration.serverMetadata().end_session_endpoint) return null;
		return oidc.buildEndSessionUrl(configuration, {
			id_token_hint: idToken,
			post_logout_redirect_uri: postLogoutRedirectUri.href,
		});
	} catch {
		return null;
	}
}
