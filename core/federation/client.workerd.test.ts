// openid-client inside workerd, bundled by wrangler as the deployed Worker is (ADR 0039): discovery,
// the authorization request, the token request and the ID token's RS256 signature checked with
// WebCrypto, against the real test provider on 127.0.0.1.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestHarness } from "wrangler";
import { startTestOidcProvider, type TestOidcProvider } from "../../tests/support/oidc-provider.ts";

const ORIGIN = "http://localhost";
let provider: TestOidcProvider;
let worker: ReturnType<typeof createTestHarness>;

beforeAll(async () => {
	process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";
	process.env.WRANGLER_SEND_METRICS = "false";
	provider = await startTestOidcProvider({ kind: "franceconnect", clientOrigin: ORIGIN });
	provider.person("fc-workerd", { given_name: "Léa", family_name: "Worker" });
	worker = createTestHarness({
		root: new URL("../..", import.meta.url).pathname,
		workers: [
			{
				config: {
					name: "oidc-worker",
					main: "tests/support/oidc-worker.ts",
					compatibility_date: "2026-10-01",
					compatibility_flags: ["nodejs_compat"],
				},
			},
		],
	});
	await worker.listen();
}, 60_000);

afterAll(async () => {
	await worker?.close();
	await provider?.close();
});

async function post(path: string, body: unknown): Promise<Record<string, unknown>> {
	const response = await worker.fetch(path, { method: "POST", body: JSON.stringify(body) });
	const json = (await response.json()) as Record<string, unknown>;
	expect(response.status, JSON.stringify(json)).toBe(200);
	return json;
}

describe("openid-client in workerd", () => {
	it("signs a person in, and refuses an acr below the one required", async () => {
		const config = {
			issuer: provider.issuer,
			clientId: provider.clientId,
			clientSecret: provider.clientSecret,
		};
		for (const [acr, expected] of [
			["eidas1", { ok: true, subject: "fc-workerd", acr: "eidas1", displayName: "Léa Worker" }],
			["eidas2", { ok: false, reason: "acr", detail: "eidas1" }],
		] as const) {
			provider.next({ sub: "fc-workerd", acr: "eidas1" });
			const started = await post("/authorize", {
				provider: { ...config, acr },
				redirectUri: `${ORIGIN}/connexion/franceconnect/retour`,
			});
			const back = await provider.authorize(String(started.url));
			const outcome = await post("/redeem", {
				provider: { ...config, acr },
				secrets: started.secrets,
				callbackUrl: back.href,
			});
			expect(outcome).toMatchObject(expected);
		}
	});
});
