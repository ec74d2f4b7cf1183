// Paces requests to the mail provider at a steady rate (Resend's limit is per team and counts
// every request in any second, batch or single): each request reserves the next free slot, one
// interval after the previous one. A `Retry-After` pushes every slot back until it has passed.
// The clock is injected; waiting is the caller's (it may sleep, or defer a job instead).

export interface Pacer {
	/**
	 * Reserves the next slot if it comes within `maxWaitMs` and returns the wait until it; if it
	 * comes later, reserves nothing and says when to come back.
	 */
	take(maxWaitMs: number): { readonly waitMs: number } | { readonly deferUntil: Date };
	/**
	 * The reserved request leaves now: a timer that fired late must not let the next request
	 * follow it closer than one interval.
	 */
	leaving(): void;
	/** How long until the next free slot, without reserving it. */
	waitMs(): number;
	/** The provider asked to wait (429): no slot before `at`. */
	pauseUntil(at: Date): void;
	/** The end of a pause still running, or null. */
	pausedUntil(): Date | null;
	readonly intervalMs: number;
}

/**
 * Slots are spaced a little wider than the rate: the provider counts requests when they arrive,
 * and a request that leaves on time may arrive a millisecond early relative to the one before.
 */
const SPACING_MARGIN = 1.02;

export function createPacer(options: { readonly ratePerSecond: number; readonly clock: () => Date }): Pacer {
	if (!(options.ratePerSecond > 0)) throw new Error("createPacer: the rate must be positive");
	const intervalMs = (1000 / options.ratePerSecond) * SPACING_MARGIN;
	let nextSlot = Number.NEGATIVE_INFINITY;
	let pausedUntil = Number.NEGATIVE_INFINITY;
	return {
		intervalMs,
		take(maxWaitMs) {
			const now = options.clock().getTime();
			const at = Math.max(now, nextSlot, pausedUntil);
			if (at - now > maxWaitMs) return { deferUntil: new Date(at) };
			nextSlot = at + intervalMs;
			return { waitMs: at - now };
		},
		leaving() {
			nextSlot = Math.max(nextSlot, options.clock().getTime() + intervalMs);
		},
		waitMs() {
			const now = options.clock().getTime();
			return Math.max(0, Math.max(nextSlot, pausedUntil) - now);
		},
		pauseUntil(at) {
			pausedUntil = Math.max(pausedUntil, at.getTime());
		},
		pausedUntil() {
			return pausedUntil > options.clock().getTime() ? new Date(pausedUntil) : null;
		},
	};
}
