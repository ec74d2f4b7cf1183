// A Worker that exposes the federation's protocol module (core/federation/client.ts), so that a
// test runs openid-client inside workerd, bundled by wrangler as the deployed Worker is:
//   POST /authorize { provider, redirectUri } → { url, secrets }
//   POST /redeem    { provider, secrets, callbackUrl } → the callback's outcome
// `provider` is { issuer, clientId, clientSecret, acr }. An exception is answered 500 with its name.
import { authorizationUrl, newLoginSecrets, redeemCallback } from "../../core/federation/client.ts";
import { PROVIDERS } from "../../core/federation/providers.ts";

interface Body {
	readonly provider: { issuer: string; clientId: string; clientSecret: string; acr: string };
	readonly redirectUri?: string;
	readonly secrets?: { state: string; nonce: string; codeVerifier: string };
	readonly callbackUrl?: string;
}

async function answer(path: string, body: Body): Promise<unknown> {
	const provider = { ...body.provider, issuer: new URL(body.provider.issuer) };
	if (path === "/authorize") {
		const secrets = newLoginSecrets();
		const url = await authorizationUrl(
			PROVIDERS.franceconnect,
			provider,
			secrets,
			new URL(body.redirectUri ?? ""),
		);
		return { url: url.href, secrets };
	}
	if (path === "/redeem" && body.secrets)
		return redeemCallback(provider, body.secrets, new URL(body.callbackUrl ?? ""));
	throw new Error(`unknown path ${path}`);
}

export default {
	async fetch(request: Request): Promise<Response> {
		try {
			const body = (await request.json()) as Body;
			return Response.json(await answer(new URL(request.url).pathname, body));
		} catch (error) {
			return Response.json(
				{ error: error instanceof Error ? `${error.name}: ${error.message}` : "unknown" },
				{ status: 500 },
			);
		}
	},
};
