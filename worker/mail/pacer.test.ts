import { describe, expect, it } from "vitest";
import { createPacer } from "./pacer.ts";

describe("createPacer", () => {
	it("spaces requests one interval apart (with a small margin), and defers a slot beyond the wait allowed", () => {
		let now = 0;
		const pacer = createPacer({ ratePerSecond: 2, clock: () => new Date(now) });
		expect(pacer.intervalMs).toBe(510);
		expect(pacer.take(5_000)).toEqual({ waitMs: 0 });
		expect(pacer.take(5_000)).toEqual({ waitMs: 510 });
		expect(pacer.take(5_000)).toEqual({ waitMs: 1020 });
		expect(pacer.take(500)).toEqual({ deferUntil: new Date(1530) });
		now = 10_000;
		expect(pacer.take(0)).toEqual({ waitMs: 0 });
	});

	it("keeps one interval after a request that left late", () => {
		let now = 0;
		const pacer = createPacer({ ratePerSecond: 2, clock: () => new Date(now) });
		pacer.take(1000);
		expect(pacer.take(1000)).toEqual({ waitMs: 510 });
		now = 900; // the timer fired 390 ms late
		pacer.leaving();
		expect(pacer.waitMs()).toBe(510);
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
