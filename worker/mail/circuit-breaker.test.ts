import { describe, expect, it } from "vitest";
import { type BreakerSnapshot, createCircuitBreaker } from "./circuit-breaker.ts";

function breakerAt(start = 0) {
	const clock = { now: start };
	const changes: BreakerSnapshot["state"][] = [];
	const breaker = createCircuitBreaker({
		clock: () => new Date(clock.now),
		threshold: 3,
		cooldownMs: 1_000,
		maxCooldownMs: 3_000,
		onChange: (snapshot) => changes.push(snapshot.state),
	});
	return { breaker, clock, changes };
}

describe("createCircuitBreaker", () => {
	it("stays closed below the threshold, and a success resets the count", () => {
		const { breaker } = breakerAt();
		breaker.failed("resend 500");
		breaker.failed("resend 500");
		breaker.succeeded();
		breaker.failed("resend 500");
		breaker.failed("resend 500");
		expect(breaker.snapshot().state).toBe("closed");
		expect(breaker.allow()).toEqual({ ok: true, probe: false });
	});

	it("opens after consecutive failures, lets one probe through once cooled down, and closes on its success", () => {
		const { breaker, clock, changes } = breakerAt();
		for (let i = 0; i < 3; i++) breaker.failed("resend 500");
		expect(breaker.allow()).toEqual({ ok: false, until: new Date(1_000) });
		expect(breaker.pausedUntil()).toEqual(new Date(1_000));
		clock.now = 1_000;
		expect(breaker.pausedUntil()).toBeNull();
		expect(breaker.allow()).toEqual({ ok: true, probe: true });
		expect(breaker.allow()).toMatchObject({ ok: false }); // one probe at a time
		breaker.succeeded();
		expect(breaker.allow()).toEqual({ ok: true, probe: false });
		expect(changes).toEqual(["open", "half-open", "closed"]);
	});

	it("opens again for twice as long after a failed probe, up to the maximum, and honours a longer Retry-After", () => {
		const { breaker, clock } = breakerAt();
		for (let i = 0; i < 3; i++) breaker.failed("resend 500");
		clock.now = 1_000;
		breaker.allow();
		breaker.failed("resend 503");
		expect(breaker.snapshot()).toMatchObject({ state: "open", retryAt: new Date(3_000) });
		clock.now = 3_000;
		breaker.allow();
		breaker.failed("resend 503");
		expect(breaker.snapshot().retryAt).toEqual(new Date(6_000)); // capped at 3 s
		clock.now = 6_000;
		breaker.allow();
		breaker.failed("resend 503", 20_000);
		expect(breaker.snapshot().retryAt).toEqual(new Date(26_000));
	});

	it("gives the probe to the next caller when it was not sent", () => {
		const { breaker, clock } = breakerAt();
		for (let i = 0; i < 3; i++) breaker.failed("resend 500");
		clock.now = 1_000;
		expect(breaker.allow()).toEqual({ ok: true, probe: true });
		breaker.abandoned();
		expect(breaker.allow()).toEqual({ ok: true, probe: true });
	});
});
