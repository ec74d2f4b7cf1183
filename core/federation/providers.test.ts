import { describe, expect, it } from "vitest";
import { parseConfig } from "../config.ts";
import { acrSatisfies, enabledProviders } from "./providers.ts";

const PRODUCTION = {
	ESPACE_ENV: "production",
	PUBLIC_URL: "https://espace.example.org",
	SESSION_PEPPER: "production-test-pepper-0123456789abcdef",
	RESEND_API_KEY: "re_test",
};

describe("the federations' configuration", () => {
	it("is off unless issuer, client id and secret are all set", () => {
		expect(enabledProviders(parseConfig({}).federation)).toEqual([]);
		const config = parseConfig({
			FRANCECONNECT_ISSUER: "https://fcp.integ01.dev-franceconnect.fr/api/v2",
			FRANCECONNECT_CLIENT_ID: "client",
			FRANCECONNECT_CLIENT_SECRET: "secret",
		});
		expect(enabledProviders(config.federation).map((provider) => provider.name)).toEqual(["FranceConnect"]);
		expect(config.federation.franceconnect?.acr).toBe("eidas1");
		expect(() => parseConfig({ FRANCECONNECT_ISSUER: "https://fc.example" })).toThrow(
			/FRANCECONNECT_ISSUER, FRANCECONNECT_CLIENT_ID et FRANCECONNECT_CLIENT_SECRET vont ensemble/,
		);
	});

	it("refuses a provider over plain http in production", () => {
		expect(() =>
			parseConfig({
				...PRODUCTION,
				PRO_SANTE_CONNECT_ISSUER: "http://127.0.0.1:9999",
				PRO_SANTE_CONNECT_CLIENT_ID: "client",
				PRO_SANTE_CONNECT_CLIENT_SECRET: "secret",
			}),
		).toThrow(/PRO_SANTE_CONNECT_ISSUER : doit être une adresse https:\/\/ en production/);
	});
});

describe("acrSatisfies", () => {
	it("accepts the required eIDAS level or a higher one, never a lower or a missing one", () => {
		expect(acrSatisfies("eidas1", "eidas1")).toBe(true);
		expect(acrSatisfies("eidas3", "eidas2")).toBe(true);
		expect(acrSatisfies("eidas1", "eidas2")).toBe(false);
		expect(acrSatisfies(undefined, "eidas1")).toBe(false);
		expect(acrSatisfies("", "eidas1")).toBe(false);
		expect(acrSatisfies(2, "eidas1")).toBe(false);
	});

	it("compares any other level exactly", () => {
		expect(acrSatisfies("https://proconnect.gouv.fr/assurance/self-asserted", "eidas1")).toBe(false);
		expect(acrSatisfies("custom-level", "custom-level")).toBe(true);
	});
});
