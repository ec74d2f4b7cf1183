// The faults the worker must survive, on the Node host, against a local stand-in for Resend's API:
// a worker killed with SIGKILL mid-way, a provider failing then recovering, an outage that opens
// the circuit breaker, two workers on one database, and malformed messages. Every request goes to 127.0.0.1.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../core/logger.ts";
import { redriveDeadJobs } from "../../core/queue.ts";
import { queueMail } from "../../core/send-mail.ts";
import type { DatabaseHandle } from "../../db/client.ts";
import { jobs, mailProviderStates, outgoingMails } from "../../schema/tables/index.ts";
import { createWorker } from "../../worker/index.ts";
import { createGuardedMailer } from "../../worker/mail/guarded-mailer.ts";
import { createResendMailer } from "../../worker/mail/resend-mailer.ts";
import { type StandIn, startResendStandIn } from "../support/resend-stand-in.ts";
import { createTestDatabase } from "../support/test-database.ts";
import { waitFor } from "../support/wait-for.ts";

const root = resolve(import.meta.dirname, "../..");
// tsx as a loader of this very process (not its CLI, which runs the script in a child): a
// SIGKILL must reach the worker itself, not leave it running as an orphan.
const withTsx = ["--import", "tsx"];
const publicUrl = new URL("http://127.0.0.1:4321");
const t0 = new Date("2026-11-26T09:00:00Z");

let dir: string;
let standIn: StandIn;
const children: ChildProcess[] = [];

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), "espace-worker-"));
	standIn = await startResendStandIn();
});

afterEach(async () => {
	for (const child of children.splice(0)) child.kill("SIGKILL");
	await standIn.close();
	await rm(dir, { recursive: true, force: true });
});

async function queueMails(handle: DatabaseHandle, count: number): Promise<void> {
	await handle.db.transaction(async (tx) => {
		for (let i = 1; i <= count; i++) {
			await queueMail(tx, {
				template: "statement-available",
				data: { statementsPath: "/adherent/releves" },
				to: `adherent${i}@demo.espace.test`,
				idempotencyKey: `statement-available/${i}`,
				now: t0,
				publicUrl,
			});
		}
	});
}

function startWorkerProcess(databaseUrl: string): ChildProcess {
	const child = spawn(
		process.execPath,
		[...withTsx, "scripts/worker.ts", "--lease-ms", "1500", "--interval-ms", "20"],
		{
			cwd: root,
			stdio: ["ignore", "ignore", "pipe"],
			env: {
				...process.env,
				ESPACE_ENV: "test",
				DATABASE_URL: databaseUrl,
				RESEND_API_KEY: "re_test_stand_in",
				RESEND_BASE_URL: standIn.baseUrl,
				LOG_LEVEL: "error",
			},
		},
	);
	children.push(child);
	return child;
}

async function count(handle: DatabaseHandle, status: "sent" | "queued"): Promise<number> {
	const [row] = await handle.db
		.select({ n: sql<number>`count(*)` })
		.from(outgoingMails)
		.where(eq(outgoingMails.status, status));
	return row?.n ?? 0;
}

describe("a worker killed with SIGKILL in the middle", () => {
	it("loses no e-mail and sends none twice once restarted", async () => {
		const url = `file:${join(dir, "espace.db")}`;
		const handle = await createTestDatabase(url);
		await queueMails(handle, 1000);

		const first = startWorkerProcess(url);
		await waitFor(() => standIn.sent.size >= 100, 60_000, "the first worker to send 100 e-mails");
		first.kill("SIGKILL");
		await new Promise((done) => first.once("exit", done));
		const sentBeforeKill = standIn.sent.size;
		expect(sentBeforeKill).toBeLessThan(1000);

		startWorkerProcess(url);
		await waitFor(async () => (await count(handle, "sent")) === 1000, 90_000, "every e-mail to be sent");

		expect(standIn.sent.size).toBe(1000);
		const recipients = new Set([...standIn.sent.values()].map((mail) => mail.to));
		expect(recipients.size).toBe(1000);
		const notDone = await handle.db.select().from(jobs).where(sql`${jobs.status} <> 'done'`);
		expect(notDone).toEqual([]);
		handle.client.close();
	}, 180_000);
});

describe("two workers on the same database", () => {
	it("never process the same job twice", async () => {
		const url = `file:${join(dir, "espace.db")}`;
		const handle = await createTestDatabase(url);
		await queueMails(handle, 400);
		startWorkerProcess(url);
		startWorkerProcess(url);
		await waitFor(async () => (await count(handle, "sent")) === 400, 90_000, "every e-mail to be sent");
		// One POST per e-mail: no job was run by both workers.
		expect(standIn.posts).toHaveLength(400);
		expect(new Set(standIn.posts).size).toBe(400);
		const attempts = await handle.db.select({ attempts: jobs.attempts }).from(jobs);
		expect(attempts.every((job) => job.attempts === 1)).toBe(true);
		handle.client.close();
	}, 120_000);
});

describe("the mail provider failing", () => {
	it("retries with backoff, dead-letters after the maximum, and re-driven dead letters are delivered once", async () => {
		const handle = await createTestDatabase();
		await queueMails(handle, 3);
		let now = t0;
		const lines: string[] = [];
		const worker = createWorker(
			{
				db: handle.db,
				logger: createLogger("warn", (line) => lines.push(line)),
				clock: () => now,
				random: () => 0.5,
				mailer: createResendMailer({
					apiKey: "re_test",
					baseUrl: standIn.baseUrl,
					from: "Espace <ne-pas-repondre@espace.test>",
				}),
				config: { publicUrl, env: "test" },
			},
			[],
		);
		standIn.failuresLeft = Number.POSITIVE_INFINITY;

		expect((await worker.drain()).retry).toBe(3);
		// Not due again before the backoff has passed.
		expect(await worker.drain()).toEqual({ done: 0, retry: 0, deferred: 0, dead: 0, lost: 0 });
		const delays: number[] = [];
		for (let attempt = 2; attempt <= 8; attempt++) {
			const [job] = await handle.db.select().from(jobs).where(eq(jobs.type, "mail.queued")).limit(1);
			delays.push((job?.availableAt.getTime() ?? 0) - now.getTime());
			now = job?.availableAt ?? now;
			await worker.drain();
		}
		// Exponential: each wait doubles (jitter fixed at 0.5 here) until the cap.
		expect(delays.slice(0, 4)).toEqual([1_500, 3_000, 6_000, 12_000]);
		const dead = await handle.db.select().from(jobs).where(eq(jobs.status, "dead"));
		expect(dead).toHaveLength(3);
		expect(dead[0]?.lastError).toMatch(/500/);
		expect(standIn.sent.size).toBe(0);

		standIn.failuresLeft = 0;
		expect(await redriveDeadJobs(handle.db, now)).toBe(3);
		expect((await worker.drain()).done).toBe(3);
		expect(await worker.drain()).toEqual({ done: 0, retry: 0, deferred: 0, dead: 0, lost: 0 });
		expect(standIn.sent.size).toBe(3);
		expect(await count(handle, "sent")).toBe(3);
		handle.client.close();
	});
});

describe("a mail provider outage (500, then 503 with an HTML page, then no answer)", () => {
	it("opens the breaker, probes one request at a time, dead-letters nothing, and closes once the provider answers", async () => {
		const handle = await createTestDatabase();
		await queueMails(handle, 20);
		const lines: string[] = [];
		const threshold = 3;
		const mailer = createGuardedMailer(
			createResendMailer({
				apiKey: "re_test",
				baseUrl: standIn.baseUrl,
				from: "Espace <ne-pas-repondre@espace.test>",
				timeoutMs: 300,
			}),
			{
				ratePerSecond: 50,
				breakerThreshold: threshold,
				breakerCooldownMs: 100,
				clock: () => new Date(),
				logger: createLogger("info", (line) => lines.push(line)),
				db: handle.db,
			},
		);
		const worker = createWorker(
			{
				db: handle.db,
				logger: createLogger("silent"),
				clock: () => new Date(),
				random: () => 0.5,
				mailer,
				config: { publicUrl, env: "test" },
				batchSize: 5,
			},
			[],
		);
		const logged = (text: string) => lines.filter((line) => line.includes(text)).length;
		const answered = (status: number) => standIn.statuses.get(status) ?? 0;
		const providerState = async () => (await handle.db.select().from(mailProviderStates))[0]?.state;

		standIn.failuresLeft = Number.POSITIVE_INFINITY;
		standIn.failure = "500";
		worker.start(20);
		try {
			await waitFor(() => logged("mail breaker opened") >= 1, 20_000, "the breaker to open on 500s");
			await waitFor(async () => (await providerState()) === "open", 5_000, "the open state to be recorded");
			await waitFor(() => logged("mail breaker opened") >= 2, 20_000, "a failed probe to open it again");
			standIn.failure = "503-html";
			await waitFor(() => answered(503) >= 1, 20_000, "a probe answered 503 with an HTML page");
			standIn.failure = "hang";
			await waitFor(() => answered(0) >= 1, 20_000, "a probe left without an answer");
			const openings = logged("mail breaker opened");
			await waitFor(() => logged("mail breaker opened") > openings, 20_000, "the hanging probe to time out");
			standIn.failuresLeft = 0;
			await waitFor(async () => (await count(handle, "sent")) === 20, 60_000, "every e-mail to be sent");
		} finally {
			await worker.stop();
		}

		// While open, one probe at a time and nothing else: besides the first `threshold` failures,
		// every failing request was a probe (the last probe succeeded).
		const failing = answered(500) + answered(503) + answered(0);
		expect(failing).toBeLessThanOrEqual(threshold + logged("mail breaker half-open: probing") - 1);
		expect(answered(503)).toBeGreaterThanOrEqual(1);
		expect(logged("mail breaker closed: mailer recovered")).toBe(1);
		expect(await providerState()).toBe("closed");
		expect(await handle.db.select().from(jobs).where(eq(jobs.status, "dead"))).toEqual([]);
		const attempts = await handle.db.select({ attempts: jobs.attempts }).from(jobs);
		expect(Math.max(...attempts.map((job) => job.attempts))).toBeLessThanOrEqual(threshold + 1);
		expect(standIn.sent.size).toBe(20);
		expect(new Set(standIn.posts).size).toBe(20);
		handle.client.close();
	}, 180_000);
});

describe("a malformed message", () => {
	it("is dead-lettered with its reason, and the next job is still processed", async () => {
		const handle = await createTestDatabase();
		const row = {
			attempts: 0,
			maxAttempts: 5,
			availableAt: t0,
			createdAt: t0,
			updatedAt: t0,
			status: "pending" as const,
		};
		await handle.db.insert(jobs).values([
			{ ...row, type: "statement.exploded", payload: { statementId: 1 } },
			{ ...row, type: "mail.queued", payload: { mailId: "pas un nombre" } },
		]);
		await queueMails(handle, 1);
		const worker = createWorker(
			{
				db: handle.db,
				logger: createLogger("silent"),
				clock: () => t0,
				random: () => 0,
				mailer: createResendMailer({
					apiKey: "re_test",
					baseUrl: standIn.baseUrl,
					from: "Espace <ne-pas-repondre@espace.test>",
				}),
				config: { publicUrl, env: "test" },
			},
			[],
		);
		expect(await worker.drain()).toEqual({ done: 1, retry: 0, deferred: 0, dead: 2, lost: 0 });
		const dead = await handle.db
			.select({ type: jobs.type, lastError: jobs.lastError })
			.from(jobs)
			.where(eq(jobs.status, "dead"));
		expect(dead).toEqual([
			{ type: "statement.exploded", lastError: 'unknown message type "statement.exploded"' },
			{ type: "mail.queued", lastError: expect.stringMatching(/^malformed mail\.queued: mailId/) },
		]);
		expect(standIn.sent.size).toBe(1);
		handle.client.close();
	});
});
