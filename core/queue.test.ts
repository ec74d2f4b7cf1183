import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/client.ts";
import { jobs } from "../schema/tables/index.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import { backoffMs, completeJob, enqueue, failJob, leaseJobs, redriveDeadJobs } from "./queue.ts";

const t0 = new Date("2026-11-26T09:00:00Z");
const later = (ms: number) => new Date(t0.getTime() + ms);
let handle: DatabaseHandle;

beforeEach(async () => {
	handle = await createTestDatabase();
});
afterEach(() => handle.client.close());

describe("enqueue", () => {
	it("writes a pending job with its validated payload", async () => {
		const id = await enqueue(handle.db, { type: "mail.queued", payload: { mailId: 7 } }, { now: t0 });
		const [job] = await handle.db
			.select()
			.from(jobs)
			.where(eq(jobs.id, id ?? 0));
		expect(job).toMatchObject({
			type: "mail.queued",
			payload: { mailId: 7 },
			status: "pending",
			attempts: 0,
		});
	});

	it("refuses a payload that does not fit its message type", async () => {
		await expect(
			enqueue(handle.db, { type: "mail.queued", payload: { mailId: -1 } }, { now: t0 }),
		).rejects.toThrow();
		expect(await handle.db.select().from(jobs)).toHaveLength(0);
	});

	it("ignores a second job with the same idempotency key", async () => {
		const message = { type: "mail.queued", payload: { mailId: 1 } } as const;
		expect(await enqueue(handle.db, message, { now: t0, idempotencyKey: "k" })).not.toBeNull();
		expect(await enqueue(handle.db, message, { now: t0, idempotencyKey: "k" })).toBeNull();
		expect(await handle.db.select().from(jobs)).toHaveLength(1);
	});
});

describe("leasing", () => {
	it("gives a job to one worker only, and again once its lease has expired", async () => {
		await enqueue(handle.db, { type: "mail.queued", payload: { mailId: 1 } }, { now: t0 });
		const first = await leaseJobs(handle.db, { owner: "a", now: t0, leaseMs: 1000, limit: 10 });
		const second = await leaseJobs(handle.db, { owner: "b", now: later(500), leaseMs: 1000, limit: 10 });
		expect(first.map((job) => job.attempts)).toEqual([1]);
		expect(second).toHaveLength(0);
		const reclaimed = await leaseJobs(handle.db, { owner: "b", now: later(1000), leaseMs: 1000, limit: 10 });
		expect(reclaimed).toHaveLength(1);
		expect(reclaimed[0]?.attempts).toBe(2);
		// The first worker's lease is gone: its late completion does not count.
		expect(await completeJob(handle.db, first[0] as never, "a", later(1100))).toBe(false);
		expect(await completeJob(handle.db, reclaimed[0] as never, "b", later(1100))).toBe(true);
	});

	it("does not take a job before its time", async () => {
		await enqueue(
			handle.db,
			{ type: "mail.queued", payload: { mailId: 1 } },
			{ now: t0, availableAt: later(5000) },
		);
		expect(
			await leaseJobs(handle.db, { owner: "a", now: later(4999), leaseMs: 1000, limit: 10 }),
		).toHaveLength(0);
		expect(
			await leaseJobs(handle.db, { owner: "a", now: later(5000), leaseMs: 1000, limit: 10 }),
		).toHaveLength(1);
	});
});

describe("failures", () => {
	it("retries a transient failure later, then dead-letters it after the maximum of attempts", async () => {
		await enqueue(handle.db, { type: "mail.queued", payload: { mailId: 1 } }, { now: t0, maxAttempts: 2 });
		let [job] = await leaseJobs(handle.db, { owner: "a", now: t0, leaseMs: 1000, limit: 1 });
		expect(await failJob(handle.db, job as never, "a", { retryable: true, error: "503" }, t0, 0)).toBe(
			"retry",
		);
		const [waiting] = await handle.db.select().from(jobs);
		expect(waiting?.status).toBe("pending");
		expect(waiting?.availableAt.getTime()).toBe(t0.getTime() + backoffMs(1, 0));
		[job] = await leaseJobs(handle.db, { owner: "a", now: later(60_000), leaseMs: 1000, limit: 1 });
		expect(
			await failJob(handle.db, job as never, "a", { retryable: true, error: "503" }, later(60_000), 0),
		).toBe("dead");
		const [dead] = await handle.db.select().from(jobs);
		expect(dead).toMatchObject({ status: "dead", lastError: "503" });
	});

	it("dead-letters a permanent failure at once, and re-drives dead letters with fresh attempts", async () => {
		await enqueue(handle.db, { type: "mail.queued", payload: { mailId: 1 } }, { now: t0 });
		const [job] = await leaseJobs(handle.db, { owner: "a", now: t0, leaseMs: 1000, limit: 1 });
		expect(await failJob(handle.db, job as never, "a", { retryable: false, error: "422" }, t0, 0.5)).toBe(
			"dead",
		);
		expect(await redriveDeadJobs(handle.db, later(10))).toBe(1);
		const [again] = await handle.db.select().from(jobs);
		expect(again).toMatchObject({ status: "pending", attempts: 0 });
	});
});

describe("backoffMs", () => {
	it("doubles with each attempt, keeps half of it fixed and caps it", () => {
		expect(backoffMs(1, 0)).toBe(1_000);
		expect(backoffMs(1, 0.999_999)).toBe(2_000);
		expect(backoffMs(3, 0)).toBe(4_000);
		expect(backoffMs(30, 0)).toBe(15 * 60_000);
	});
});
