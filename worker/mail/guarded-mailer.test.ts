// The guard around the provider's mailer, with a fake clock that sleeping advances and a
// scripted provider: pacing, Retry-After, and the breaker holding mail back without a request.
import { describe, expect, it } from "vitest";
import { createLogger } from "../../core/logger.ts";
import { createGuardedMailer } from "./guarded-mailer.ts";
import type { Mailer, OutgoingMail, SendResult } from "./mailer.ts";

const mail: OutgoingMail = {
	to: "adherent@example.test",
	subject: "Votre relevé",
	text: "Bonjour",
	html: "<p>Bonjour</p>",
	template: "statement-available",
	idempotencyKey: "statement-available/1",
};

function setup(answers: SendResult[]) {
	const clock = { now: 0 };
	const calls: number[] = [];
	const lines: string[] = [];
	const inner: Mailer = {
		name: "resend",
		send: async () => {
			calls.push(clock.now);
			return answers.shift() ?? { ok: true, providerMessageId: "re_ok" };
		},
	};
	const mailer = createGuardedMailer(inner, {
		ratePerSecond: 2,
		breakerThreshold: 2,
		breakerCooldownMs: 10_000,
		clock: () => new Date(clock.now),
		logger: createLogger("info", (line) => lines.push(line)),
		sleep: async (ms) => {
			clock.now += ms;
		},
	});
	return { mailer, clock, calls, lines };
}

const outage: SendResult = { ok: false, retryable: true, error: "resend 500 internal_server_error" };

describe("createGuardedMailer", () => {
	it("paces requests to the configured rate", async () => {
		const { mailer, calls } = setup([]);
		for (let i = 0; i < 4; i++) await mailer.send(mail);
		expect(calls).toEqual([0, 500, 1000, 1500]);
	});

	it("holds every mail back while a 429's Retry-After runs, without a request", async () => {
		const { mailer, clock, calls } = setup([
			{ ok: false, retryable: true, rateLimited: true, retryAfterMs: 8_000, error: "resend 429" },
		]);
		expect(await mailer.send(mail)).toMatchObject({ rateLimited: true });
		expect(await mailer.send(mail)).toMatchObject({ notAttempted: true, retryAfterMs: 8_000 });
		expect(mailer.pausedUntil?.()).toEqual(new Date(8_000));
		expect(calls).toHaveLength(1);
		clock.now = 8_000;
		expect(await mailer.send(mail)).toMatchObject({ ok: true });
	});

	it("opens after consecutive transport failures, holds mail back, probes once, and logs it all", async () => {
		const { mailer, clock, calls, lines } = setup([outage, outage, outage]);
		await mailer.send(mail);
		await mailer.send(mail);
		const held = await mailer.send(mail);
		expect(held).toMatchObject({ ok: false, notAttempted: true });
		expect(calls).toHaveLength(2);
		clock.now += 10_000;
		expect(await mailer.send(mail)).toMatchObject({ ok: false, retryable: true }); // the probe, failed
		expect(await mailer.send(mail)).toMatchObject({ notAttempted: true });
		clock.now += 20_000;
		expect(await mailer.send(mail)).toMatchObject({ ok: true });
		expect(calls).toHaveLength(4);
		const messages = lines.map((line) => JSON.parse(line).msg);
		expect(messages).toEqual([
			"mail breaker opened: mailer degraded",
			"mail breaker half-open: probing",
			"mail breaker opened: mailer degraded",
			"mail breaker half-open: probing",
			"mail breaker closed: mailer recovered",
		]);
		expect(lines.join("\n")).not.toContain("adherent@example.test");
	});
});
