// The mail provider's circuit breaker. After `threshold` transport failures in a row (5xx,
// timeouts, refused connections) it opens: nothing is sent until `retryAt`, then one probe goes
// (half-open) while every other mail waits; the probe's answer closes the breaker, its failure
// opens it again for twice as long (up to `maxCooldownMs`). Any answer from the provider, even a
// 4xx or a 429, proves it is up. The clock is injected; transitions are reported to `onChange`.
import type { BreakerState } from "../../schema/enums.ts";

export interface BreakerSnapshot {
	readonly state: BreakerState;
	readonly consecutiveFailures: number;
	readonly since: Date;
	readonly retryAt: Date | null;
	readonly lastError: string | null;
}

export type BreakerGate =
	| { readonly ok: true; readonly probe: boolean }
	| { readonly ok: false; readonly until: Date };

export interface CircuitBreaker {
	/** Whether a request may go now; a probe must end with `succeeded`, `failed` or `abandoned`. */
	allow(): BreakerGate;
	succeeded(): void;
	failed(error: string, retryAfterMs?: number): void;
	/** The probe was not sent after all (its slot was too far): the next caller probes instead. */
	abandoned(): void;
	/** When the breaker is open: when the next probe may go. */
	pausedUntil(): Date | null;
	snapshot(): BreakerSnapshot;
}

export interface BreakerOptions {
	readonly clock: () => Date;
	readonly threshold?: number;
	readonly cooldownMs?: number;
	readonly maxCooldownMs?: number;
	readonly onChange?: (snapshot: BreakerSnapshot) => void;
}

export const DEFAULT_BREAKER_THRESHOLD = 5;
export const DEFAULT_BREAKER_COOLDOWN_MS = 5_000;
const DEFAULT_MAX_COOLDOWN_MS = 5 * 60_000;

export function createCircuitBreaker(options: BreakerOptions): CircuitBreaker {
	const threshold = options.threshold ?? DEFAULT_BREAKER_THRESHOLD;
	const baseCooldownMs = options.cooldownMs ?? DEFAULT_BREAKER_COOLDOWN_MS;
	const maxCooldownMs = Math.max(baseCooldownMs, options.maxCooldownMs ?? DEFAULT_MAX_COOLDOWN_MS);
	let state: BreakerState = "closed";
	let failures = 0;
	let since = options.clock();
	let retryAt: Date | null = null;
	let cooldownMs = baseCooldownMs;
	let lastError: string | null = null;

	const snapshot = (): BreakerSnapshot => ({
		state,
		consecutiveFailures: failures,
		since,
		retryAt,
		lastError,
	});
	/** `always`: report it even without a change of state (opened again after a failed probe). */
	const become = (next: BreakerState, always = false): void => {
		if (next === state && !always) return;
		state = next;
		since = options.clock();
		options.onChange?.(snapshot());
	};
	const open = (retryAfterMs: number | undefined): void => {
		retryAt = new Date(options.clock().getTime() + Math.max(cooldownMs, retryAfterMs ?? 0));
		become("open", true);
	};

	return {
		allow() {
			if (state === "closed") return { ok: true, probe: false };
			const now = options.clock();
			if (state === "open" && retryAt && now >= retryAt) {
				become("half-open");
				return { ok: true, probe: true };
			}
			// Open and cooling down, or a probe already out: wait for it (at most one cooldown).
			return {
				ok: false,
				until: state === "open" && retryAt ? retryAt : new Date(now.getTime() + cooldownMs),
			};
		},
		succeeded() {
			failures = 0;
			lastError = null;
			cooldownMs = baseCooldownMs;
			retryAt = null;
			become("closed");
		},
		failed(error, retryAfterMs) {
			failures++;
			lastError = error;
			if (state === "half-open") {
				cooldownMs = Math.min(cooldownMs * 2, maxCooldownMs);
				open(retryAfterMs);
			} else if (state === "closed" && failures >= threshold) {
				open(retryAfterMs);
			}
		},
		abandoned() {
			if (state === "half-open") {
				state = "open";
				retryAt = options.clock();
			}
		},
		pausedUntil() {
			const now = options.clock();
			if (state === "closed") return null;
			if (state === "open") return retryAt && retryAt > now ? retryAt : null; // due: a probe may go
			return new Date(now.getTime() + cooldownMs);
		},
		snapshot,
	};
}
