// A clock for the end-to-end server: it starts at a fixed instant, so that what the seed and the
// pages compute from "today" is the same on every run, and moves forward with real time, so
// that idle timeouts and expiries still behave as in production.

export const TEST_EPOCH = new Date("2026-11-26T09:00:00.000Z");

export function steadyClock(start: Date = TEST_EPOCH): () => Date {
	const origin = performance.now();
	return () => new Date(start.getTime() + Math.round(performance.now() - origin));
}
