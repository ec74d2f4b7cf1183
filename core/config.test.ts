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

	it("accepts a complete production environment", () => {
		const config = parseConfig({
			ESPACE_ENV: "production",
			PUBLIC_URL: "https://espace.example",
			SESSION_PEPPER: "x".repeat(40),
			DATABASE_URL: "libsql://espace.turso.io",
			DATABASE_AUTH_TOKEN: "token",
		});
		expect(config.env).toBe("production");
		expect(config.database.authToken).toBe("token");
	});
});
