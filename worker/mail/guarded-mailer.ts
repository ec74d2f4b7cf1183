// Wraps the provider's mailer with what a long-running sender needs (ADR 0015): every request is
// paced to the provider's rate, a 429's `Retry-After` pauses every request, and a circuit breaker
// stops sending after consecutive transport failures, letting one probe through at a time. A
// mail held back is answered `notAttempted` (the job waits without an attempt counted). The
// breaker's changes go to the logs and to the database, where the health endpoint reads them.
// The local mailbox is returned as it is: there is nothing to pace.

import type { Logger } from "../../core/logger.ts";
import { recordMailerStatus } from "../../core/mailer-status.ts";
import type { Database } from "../../db/client.ts";
import { type BreakerSnapshot, type CircuitBreaker, createCircuitBreaker } from "./circuit-breaker.ts";
import type { BatchResult, Mailer, SendFailure, SendResult } from "./mailer.ts";
import { createPacer, type Pacer } from "./pacer.ts";

export interface GuardOptions {
	readonly ratePerSecond: number;
	readonly breakerThreshold?: number;
	readonly breakerCooldownMs?: number;
	readonly clock: () => Date;
	readonly logger: Logger;
	/** Where the breaker's state is kept for the health endpoint; none in unit tests. */
	readonly db?: Database;
	/** Waits for a pacing slot; injected so that tests advance a fake clock instead. */
	readonly sleep?: (ms: number) => Promise<void>;
	/** A slot further away than this is not waited for: the job is deferred instead. */
	readonly maxWaitMs?: number;
}

export interface GuardedMailer extends Mailer {
	readonly breaker: CircuitBreaker;
	readonly pacer: Pacer;
}

const DEFAULT_MAX_WAIT_MS = 5_000;

export function guardMailer(inner: Mailer, options: GuardOptions): Mailer {
	if (inner.name === "mailbox") return inner;
	return createGuardedMailer(inner, options);
}

export function createGuardedMailer(inner: Mailer, options: GuardOptions): GuardedMailer {
	const { clock, logger } = options;
	const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
	const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
	const pacer = createPacer({ ratePerSecond: options.ratePerSecond, clock });
	let recording: Promise<void> = Promise.resolve();
	const breaker = createCircuitBreaker({
		clock,
		...(options.breakerThreshold === undefined ? {} : { threshold: options.breakerThreshold }),
		...(options.breakerCooldownMs === undefined ? {} : { cooldownMs: options.breakerCooldownMs }),
		onChange: (snapshot) => {
			report(snapshot);
			// Written in order, never awaited by a send: the health row must not slow mail down.
			const db = options.db;
			if (db) {
				recording = recording
					.then(() => recordMailerStatus(db, { provider: inner.name, ...snapshot }, clock()))
					.catch((error: unknown) =>
						logger.warn("mailer status not recorded", {
							error: error instanceof Error ? error.name : "unknown",
						}),
					);
			}
		},
	});

	function report(snapshot: BreakerSnapshot): void {
		const fields = {
			provider: inner.name,
			failures: snapshot.consecutiveFailures,
			retryAt: snapshot.retryAt?.toISOString() ?? null,
			lastError: snapshot.lastError,
		};
		if (snapshot.state === "open") logger.warn("mail breaker opened: mailer degraded", fields);
		else if (snapshot.state === "half-open") logger.info("mail breaker half-open: probing", fields);
		else logger.info("mail breaker closed: mailer recovered", fields);
	}

	function heldBack(until: Date, why: string): SendFailure {
		return {
			ok: false,
			retryable: true,
			notAttempted: true,
			retryAfterMs: Math.max(0, until.getTime() - clock().getTime()),
			error: why,
		};
	}

	async function guarded<R extends SendResult | BatchResult>(
		call: () => Promise<R>,
	): Promise<R | SendFailure> {
		const gate = breaker.allow();
		if (!gate.ok) return heldBack(gate.until, `${inner.name}: circuit open`);
		const slot = pacer.take(maxWaitMs);
		if ("deferUntil" in slot) {
			if (gate.probe) breaker.abandoned();
			return heldBack(slot.deferUntil, `${inner.name}: paced`);
		}
		if (slot.waitMs > 0) await sleep(slot.waitMs);
		pacer.leaving();
		const result = await call();
		pacer.answered();
		if (result.ok) {
			breaker.succeeded();
		} else if (result.rateLimited) {
			// The provider answered: it is up, only asking to slow down.
			pacer.pauseUntil(new Date(clock().getTime() + (result.retryAfterMs ?? pacer.intervalMs)));
			breaker.succeeded();
		} else if (result.retryable) {
			breaker.failed(result.error, result.retryAfterMs);
		} else {
			breaker.succeeded(); // a refusal (4xx) is an answer
		}
		return result;
	}

	const sendBatch = inner.sendBatch?.bind(inner);
	return {
		name: inner.name,
		breaker,
		pacer,
		send: (mail) => guarded(() => inner.send(mail)),
		...(sendBatch ? { sendBatch: (mails, key) => guarded(() => sendBatch(mails, key)) } : {}),
		pausedUntil() {
			const times = [breaker.pausedUntil(), pacer.pausedUntil()].filter((at): at is Date => at !== null);
			if (times.length === 0) return null;
			return new Date(Math.max(...times.map((at) => at.getTime())));
		},
	};
}
