// What a job handler receives, and how it says that a failure is final.
import type { Config } from "../../core/config.ts";
import type { Logger } from "../../core/logger.ts";
import type { DocumentStorage } from "../../core/storage.ts";
import type { Database } from "../../db/client.ts";
import type { Mailer } from "../mail/mailer.ts";

export interface HandlerContext {
	readonly db: Database;
	readonly logger: Logger;
	readonly now: Date;
	readonly mailer: Mailer;
	readonly config: Pick<Config, "publicUrl" | "env">;
	readonly jobId: number;
	/** The host's document storage, for the jobs that store files (large data exports). */
	readonly storage?: DocumentStorage | undefined;
}

/** A failure that no retry can fix (missing row, refused by the provider): straight to the dead letters. */
export class PermanentJobError extends Error {
	override name = "PermanentJobError";
}

/** A failure worth retrying later (provider down, timeout): backoff, then dead letters after the maximum. */
export class TransientJobError extends Error {
	override name = "TransientJobError";
}

/**
 * Not a failure: the mail provider asked to wait (429) or is not being asked (circuit breaker
 * open). The job waits `retryAfterMs` and the attempt is not counted, so a long outage or a large
 * batch never dead-letters a mail.
 */
export class DeferredJobError extends Error {
	override name = "DeferredJobError";
	constructor(
		message: string,
		readonly retryAfterMs: number,
	) {
		super(message);
	}
}
