import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config.ts";

describe("parseConfig", () => {
	it("gives safe local defaults on an empty environment", () => {
		const config = parseConfig({});
		expect(config.env).toBe("development");
		expect(config.port).toBe(4321);
		expect(config.publicUrl.href).toBe("http://localhost:4321/");
		expect(config.database.url).toBe("file:data/espace.db");
		expect(config.mail.resendApiKey).toBeUndefined();
	});

	it("paces mail to Resend's documented team limit by default, and reads the breaker's settings", () => {
		expect(parseConfig({}).mail).toMatchObject({
			ratePerSecond: 2,
			breakerThreshold: 5,
			breakerCooldownMs: 5000,
		});
		const tuned = parseConfig({ MAIL_RATE_PER_SECOND: "0.5", MAIL_BREAKER_COOLDOWN_SECONDS: "1.5" });
		expect(tuned.mail).toMatchObject({ ratePerSecond: 0.5, breakerCooldownMs: 1500 });
		expect(() => parseConfig({ MAIL_RATE_PER_SECOND: "0" })).toThrow(/MAIL_RATE_PER_SECOND/);
	});

	it("derives the public URL from PORT when PUBLIC_URL is not set", () => {
		expect(parseConfig({ PORT: "8080" }).publicUrl.origin).toBe("http://localhost:8080");
	});

	it("names the variable that has a bad value", () => {
		expect(() => parseConfig({ PORT: "quatre" })).toThrow(ConfigError);
		expect(() => parseConfig({ PORT: "quatre" })).toThrow(/PORT/);
		expect(() => parseConfig({ DATABASE_URL: "postgres://x" })).toThrow(/DATABASE_URL/);
	});

	it("refuses the development pepper and a plain-http URL in production", () => {
		let message = "";
		try {
			parseConfig({ ESPACE_ENV: "production", PUBLIC_URL: "http://espace.example" });
		} catch (error) {
			message = String(error);
		}
		expect(message).toMatch(/SESSION_PEPPER/);
		expect(message).toMatch(/PUBLIC_URL/);
	});

	it("refuses each unsafe production setting on its own, naming its variable in French", () => {
		const complete = {
			ESPACE_ENV: "production",
			PUBLIC_URL: "https://espace.example",
			SESSION_PEPPER: "x".repeat(40),
			RESEND_API_KEY: "re_key",
		};
		const refusals: [Record<string, string>, RegExp][] = [
			[{ RESEND_API_KEY: "" }, /RESEND_API_KEY : doit être défini en production/],
			[{ RESEND_API_KEY: "   " }, /RESEND_API_KEY : doit être défini en production/],
			[
				{ SESSION_PEPPER: "dev-pepper-not-secret-change-me-in-production" },
				/SESSION_PEPPER : doit être défini/,
			],
			[{ PUBLIC_URL: "http://espace.example" }, /PUBLIC_URL : doit être une adresse https:\/\//],
			[{ PUBLIC_URL: "" }, /PUBLIC_URL : doit être une adresse https:\/\//],
		];
		for (const [change, message] of refusals) {
			expect(() => parseConfig({ ...complete, ...change }), JSON.stringify(change)).toThrow(message);
		}
		expect(parseConfig(complete).env).toBe("production");
		// Outside production, no transport means the local mailbox.
		expect(
			parseConfig({ ...complete, ESPACE_ENV: "development", RESEND_API_KEY: "" }).mail.resendApiKey,
		).toBe(undefined);
	});

	it("accepts a complete production environment", () => {
		const config = parseConfig({
			ESPACE_ENV: "production",
			PUBLIC_URL: "https://espace.example",
			SESSION_PEPPER: "x".repeat(40),
			RESEND_API_KEY: "re_key",
			DATABASE_URL: "libsql://espace.turso.io",
			DATABASE_AUTH_TOKEN: "token",
		});
		expect(config.env).toBe("production");
		expect(config.database.authToken).toBe("token");
	});

	it("limits a practice's rights checks to 30 a minute and 300 an hour unless configured, and reads the staff's alert address", () => {
		expect(parseConfig({}).rightsCheckLimits).toEqual({ perMinute: 30, perHour: 300 });
		expect(parseConfig({}).staffAlertTo).toBeUndefined();
		const config = parseConfig({
			RIGHTS_CHECKS_PER_MINUTE: "1000",
			RIGHTS_CHECKS_PER_HOUR: "50000",
			STAFF_ALERT_EMAIL: "securite@mutuelle.example",
		});
		expect(config.rightsCheckLimits).toEqual({ perMinute: 1000, perHour: 50_000 });
		expect(config.staffAlertTo).toBe("securite@mutuelle.example");
		expect(() => parseConfig({ RIGHTS_CHECKS_PER_MINUTE: "0" })).toThrow(/RIGHTS_CHECKS_PER_MINUTE/);
		expect(() => parseConfig({ STAFF_ALERT_EMAIL: "pas une adresse" })).toThrow(/STAFF_ALERT_EMAIL/);
	});
});
