import { describe, expect, it } from "vitest";
import { createPacer } from "./pacer.ts";

describe("createPacer", () => {
	it("spaces requests one interval apart, and defers a slot beyond the wait allowed", () => {
		let now = 0;
		const pacer = createPacer({ ratePerSecond: 2, clock: () => new Date(now) });
		expect(pacer.intervalMs).toBe(500);
		expect(pacer.take(5_000)).toEqual({ waitMs: 0 });
		expect(pacer.take(5_000)).toEqual({ waitMs: 500 });
		expect(pacer.take(500)).toEqual({ deferUntil: new Date(1000) });
		now = 10_000;
		expect(pacer.take(0)).toEqual({ waitMs: 0 });
	});

	it("keeps one interval after a request that left late", () => {
		let now = 0;
		const pacer = createPacer({ ratePerSecond: 2, clock: () => new Date(now) });
		pacer.take(1000);
		now = 400; // the timer fired 400 ms late
		pacer.leaving();
		expect(pacer.waitMs()).toBe(500);
	});

	it("lets a request leave only a second after the answer to the one `rate` places back", () => {
		let now = 0;
		const pacer = createPacer({ ratePerSecond: 2, clock: () => new Date(now) });
		pacer.take(0);
		pacer.leaving();
		now = 300; // a slow answer: the provider may have counted the request as late as this
		pacer.answered();
		now = 500;
		expect(pacer.take(0)).toEqual({ waitMs: 0 });
		pacer.leaving();
		now = 550;
		pacer.answered();
		expect(pacer.waitMs()).toBe(750); // not at 1000 ms, but 1300 ms: the first answer + 1 s
	});

	it("holds every slot back while the provider's Retry-After runs", () => {
		let now = 0;
		const pacer = createPacer({ ratePerSecond: 10, clock: () => new Date(now) });
		pacer.pauseUntil(new Date(3_000));
		expect(pacer.pausedUntil()).toEqual(new Date(3_000));
		expect(pacer.take(1_000)).toEqual({ deferUntil: new Date(3_000) });
		now = 3_000;
		expect(pacer.pausedUntil()).toBeNull();
		expect(pacer.take(0)).toEqual({ waitMs: 0 });
	});
});
