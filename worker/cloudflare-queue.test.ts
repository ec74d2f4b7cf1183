// The Cloudflare path (relay, consumer, dead-letter consumer) with the Node database client and
// stand-ins for the queue binding and its messages.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../core/logger.ts";
import { enqueue } from "../core/queue.ts";
import { queueMail } from "../core/send-mail.ts";
import type { DatabaseHandle } from "../db/client.ts";
import { jobs, outgoingMails } from "../schema/tables/index.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import { consumeDeadLetter, consumeMessage, type QueueMessage, relayOutbox } from "./cloudflare-queue.ts";
import type { ConsumerDeps } from "./consumer.ts";
import type { Mailer } from "./mail/mailer.ts";

const publicUrl = new URL("http://localhost:4321");
const now = new Date("2026-11-26T10:00:00Z");
let handle: DatabaseHandle;

beforeEach(async () => {
	handle = await createTestDatabase();
});
afterEach(() => handle.client.close());

function deps(mailer: Mailer): ConsumerDeps {
	return {
		db: handle.db,
		logger: createLogger("silent"),
		clock: () => now,
		random: () => 0,
		mailer,
		config: { publicUrl, env: "test" },
	};
}

function message(body: unknown, attempts = 1): QueueMessage & { outcome?: string; delay?: number } {
	const result: QueueMessage & { outcome?: string; delay?: number } = {
		id: "m1",
		body,
		attempts,
		ack: () => {
			result.outcome = "ack";
		},
		retry: (options) => {
			result.outcome = "retry";
			result.delay = options?.delaySeconds;
		},
	};
	return result;
}

const okMailer: Mailer = { name: "resend", send: async () => ({ ok: true, providerMessageId: "re_1" }) };
const downMailer: Mailer = {
	name: "resend",
	send: async () => ({ ok: false, retryable: true, error: "resend 503" }),
};

async function oneMail(): Promise<void> {
	await queueMail(handle.db, {
		template: "statement-available",
		data: { statementsPath: "/adherent/releves" },
		to: "adherent1@demo.espace.test",
		idempotencyKey: "statement-available/1",
		now,
		publicUrl,
	});
}

describe("the outbox relay", () => {
	it("sends each due row once, and again only after its relay lease expired", async () => {
		await oneMail();
		const sent: unknown[] = [];
		const queue = {
			sendBatch: async (batch: readonly { body: unknown }[]) => void sent.push(...batch.map((m) => m.body)),
		};
		expect(await relayOutbox(handle.db, queue, now)).toBe(1);
		expect(await relayOutbox(handle.db, queue, new Date(now.getTime() + 60_000))).toBe(0);
		expect(await relayOutbox(handle.db, queue, new Date(now.getTime() + 16 * 60_000))).toBe(1);
		expect(sent).toEqual([{ jobId: 1 }, { jobId: 1 }]);
	});
});

describe("the queue consumer", () => {
	it("acks and completes the job when the handler succeeds, and acks a duplicate without running it", async () => {
		await oneMail();
		await relayOutbox(handle.db, { sendBatch: async () => {} }, now);
		const first = message({ jobId: 1 });
		expect(await consumeMessage(deps(okMailer), first)).toBe("ack");
		const [mail] = await handle.db.select().from(outgoingMails);
		expect(mail?.status).toBe("sent");
		const [job] = await handle.db.select().from(jobs);
		expect(job?.status).toBe("done");
		expect(await consumeMessage(deps(downMailer), message({ jobId: 1 }))).toBe("ack");
	});

	it("retries a transient failure with a delay that grows with the attempts", async () => {
		await oneMail();
		await relayOutbox(handle.db, { sendBatch: async () => {} }, now);
		const early = message({ jobId: 1 }, 1);
		const late = message({ jobId: 1 }, 4);
		await consumeMessage(deps(downMailer), early);
		await consumeMessage(deps(downMailer), late);
		expect([early.outcome, late.outcome]).toEqual(["retry", "retry"]);
		expect(late.delay ?? 0).toBeGreaterThan(early.delay ?? 0);
		const [job] = await handle.db.select().from(jobs);
		expect(job).toMatchObject({ status: "leased", lastError: "TransientJobError: resend 503" });
	});

	it("retries a rate-limited mail after the provider's Retry-After, without counting an attempt", async () => {
		await oneMail();
		await relayOutbox(handle.db, { sendBatch: async () => {} }, now);
		const limited: Mailer = {
			name: "resend",
			send: async () => ({
				ok: false,
				retryable: true,
				rateLimited: true,
				retryAfterMs: 7_000,
				error: "resend 429 rate_limit_exceeded",
			}),
		};
		for (let i = 1; i <= 20; i++) {
			const attempt = message({ jobId: 1 }, i);
			expect(await consumeMessage(deps(limited), attempt)).toBe("retry");
			expect(attempt.delay).toBe(7);
		}
		const [job] = await handle.db.select().from(jobs);
		expect(job).toMatchObject({ status: "leased", attempts: 1 });
	});

	it("dead-letters a job once its own maximum of failed attempts is reached", async () => {
		await oneMail();
		await relayOutbox(handle.db, { sendBatch: async () => {} }, now);
		const outcomes: string[] = [];
		for (let i = 1; i <= 8; i++)
			outcomes.push(await consumeMessage(deps(downMailer), message({ jobId: 1 }, i)));
		expect(outcomes).toEqual([...Array(7).fill("retry"), "ack"]);
		const [job] = await handle.db.select().from(jobs);
		expect(job).toMatchObject({ status: "dead", lastError: "TransientJobError: resend 503" });
	});

	it("acks and dead-letters a malformed message or job", async () => {
		const bad = message({ nope: true });
		expect(await consumeMessage(deps(okMailer), bad)).toBe("ack");
		await enqueue(handle.db, { type: "mail.queued", payload: { mailId: 99 } }, { now });
		await relayOutbox(handle.db, { sendBatch: async () => {} }, now);
		expect(await consumeMessage(deps(okMailer), message({ jobId: 1 }))).toBe("ack");
		const [job] = await handle.db.select().from(jobs).where(eq(jobs.id, 1));
		expect(job).toMatchObject({ status: "dead", lastError: "PermanentJobError: outgoing mail 99 not found" });
	});

	it("marks a job dead when its message reaches the dead-letter queue", async () => {
		await oneMail();
		await relayOutbox(handle.db, { sendBatch: async () => {} }, now);
		const dead = message({ jobId: 1 }, 9);
		await consumeDeadLetter(deps(okMailer), dead);
		expect(dead.outcome).toBe("ack");
		const [job] = await handle.db.select().from(jobs);
		expect(job).toMatchObject({ status: "dead", lastError: "retries exhausted on Cloudflare Queues" });
	});
});
