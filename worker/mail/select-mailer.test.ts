import { describe, expect, it } from "vitest";
import { ConfigError } from "../../core/config.ts";
import { selectMailer } from "./select-mailer.ts";

const MAIL = {
	resendApiKey: undefined,
	resendBaseUrl: undefined,
	from: "Espace <a@b.example>",
	replyTo: undefined,
	ratePerSecond: 2,
	breakerThreshold: 5,
	breakerCooldownMs: 30_000,
};

describe("selectMailer", () => {
	it("writes to the local mailbox outside production when no transport is configured", () => {
		expect(selectMailer(MAIL).name).toBe("mailbox");
		expect(selectMailer(MAIL, "test").name).toBe("mailbox");
	});

	it("never falls back to the local mailbox in production, where nobody reads it", () => {
		expect(() => selectMailer(MAIL, "production")).toThrow(ConfigError);
		expect(() => selectMailer(MAIL, "production")).toThrow(/RESEND_API_KEY/);
	});

	it("sends through Resend when a key is configured, in production as elsewhere", () => {
		expect(selectMailer({ ...MAIL, resendApiKey: "re_key" }, "production").name).not.toBe("mailbox");
	});
});
