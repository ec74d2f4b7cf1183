// Paces requests to the mail provider (Resend's limit is per team and counts every request, batch
// or single, in any rolling second). Two rules, both needed:
// - a steady interval: each request reserves the next slot, `1000 / rate` ms after the previous
//   one (re-anchored when a late timer lets a request leave late);
// - a rolling window measured on our side conservatively: the provider counts a request when it
//   *arrives*, which may be anywhere between when it left and when its answer came back (a batch
//   is a few hundred kilobytes to serialise and upload). So a request may leave only a second
//   after the answer to the request `ceil(rate)` places back. With quick answers this costs
//   nothing; with slow ones it trades a little speed for never being answered 429.
// A `Retry-After` pushes every slot back until it has passed. The clock is injected; waiting is
// the caller's (it may sleep, or defer a job instead).

export interface Pacer {
	/**
	 * Reserves the next slot if it comes within `maxWaitMs` and returns the wait until it; if it
	 * comes later, reserves nothing and says when to come back.
	 */
	take(maxWaitMs: number): { readonly waitMs: number } | { readonly deferUntil: Date };
	/** The reserved request leaves now. */
	leaving(): void;
	/** Its answer came back now (or it failed without one). */
	answered(): void;
	/** How long until the next free slot, without reserving it. */
	waitMs(): number;
	/** The provider asked to wait (429): no slot before `at`. */
	pauseUntil(at: Date): void;
	/** The end of a pause still running, or null. */
	pausedUntil(): Date | null;
	readonly intervalMs: number;
}

const WINDOW_MS = 1000;

export function createPacer(options: { readonly ratePerSecond: number; readonly clock: () => Date }): Pacer {
	if (!(options.ratePerSecond > 0)) throw new Error("createPacer: the rate must be positive");
	const intervalMs = 1000 / options.ratePerSecond;
	const perWindow = Math.max(1, Math.ceil(options.ratePerSecond));
	/** When the answers to the last `perWindow` requests came back, oldest first. */
	const answers: number[] = [];
	let nextSlot = Number.NEGATIVE_INFINITY;
	let pausedUntil = Number.NEGATIVE_INFINITY;
	const earliest = (): number => {
		const windowStart =
			answers.length >= perWindow ? (answers[0] ?? 0) + WINDOW_MS : Number.NEGATIVE_INFINITY;
		return Math.max(nextSlot, pausedUntil, windowStart);
	};
	return {
		intervalMs,
		take(maxWaitMs) {
			const now = options.clock().getTime();
			const at = Math.max(now, earliest());
			if (at - now > maxWaitMs) return { deferUntil: new Date(at) };
			nextSlot = at + intervalMs;
			return { waitMs: at - now };
		},
		leaving() {
			nextSlot = Math.max(nextSlot, options.clock().getTime() + intervalMs);
		},
		answered() {
			answers.push(options.clock().getTime());
			if (answers.length > perWindow) answers.shift();
		},
		waitMs() {
			return Math.max(0, earliest() - options.clock().getTime());
		},
		pauseUntil(at) {
			pausedUntil = Math.max(pausedUntil, at.getTime());
		},
		pausedUntil() {
			return pausedUntil > options.clock().getTime() ? new Date(pausedUntil) : null;
		},
	};
}
