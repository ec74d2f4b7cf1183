// 10 000 statement e-mails through `npm run worker` to a local stand-in of Resend's API that
// enforces 2 requests per second (Resend's strictest documented default) and offers the batch
// endpoint. Every e-mail must be delivered exactly once, none dead, and the total time must stay
// within 10 % of the floor the rate allows (requests needed / rate). Beside it, the bare INSERT +
// DELETE baseline of the queue benchmark, measured in the same run: the database is not what
// limits mail, the provider's rate is. Any status other than 200 or the rate limiter's 429, or
// an e-mail lost, sent twice or dead, fails the benchmark.
// Usage: npm run bench -- mail-pacing [--mails 10000]
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { eq, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { jobs, outgoingMails } from "../schema/tables/index.ts";
import { startResendStandIn } from "../tests/support/resend-stand-in.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import { waitFor } from "../tests/support/wait-for.ts";
import { MAX_BATCH_SIZE } from "../worker/mail/mailer.ts";
import { baseline, queueStatementMails, waitForWorkers } from "./queue-throughput.ts";

const root = resolve(import.meta.dirname, "..");
// tsx as a loader of this very process (not its CLI, which runs the script in a child): a
// SIGKILL must reach the worker itself, not leave it running as an orphan.
const withTsx = ["--import", "tsx"];
const RATE_PER_SECOND = 2;
const TOLERANCE = 0.1;

export interface MailPacingResult {
	readonly mails: number;
	readonly ratePerSecond: number;
	readonly requests: number;
	readonly rateLimited: number;
	readonly floorSeconds: number;
	readonly totalSeconds: number;
	readonly ratioToFloor: number;
	readonly mailsPerSecond: number;
	readonly baselineOpsPerSecond: number;
	readonly baselineSeconds: number;
}

export async function benchMailPacing(count: number): Promise<MailPacingResult> {
	const dir = await mkdtemp(join(tmpdir(), "espace-bench-mail-"));
	// Measured first, alone: the worker process below would share the CPU with it.
	const baselineOpsPerSecond = await baseline(`file:${join(dir, "baseline.db")}`, count);
	const standIn = await startResendStandIn({ ratePerSecond: RATE_PER_SECOND });
	const url = `file:${join(dir, "mail.db")}`;
	const handle = await createTestDatabase(url);
	const worker = spawn(process.execPath, [...withTsx, "scripts/worker.ts", "--interval-ms", "50"], {
		cwd: root,
		stdio: ["ignore", process.env.BENCH_DEBUG ? "inherit" : "ignore", "inherit"],
		env: {
			...process.env,
			ESPACE_ENV: "test",
			DATABASE_URL: url,
			LOG_LEVEL: process.env.BENCH_DEBUG ? "debug" : "error",
			RESEND_API_KEY: "re_bench_stand_in",
			RESEND_BASE_URL: standIn.baseUrl,
			MAIL_RATE_PER_SECOND: String(RATE_PER_SECOND),
		},
	});
	try {
		await waitForWorkers(handle.db);
		await queueStatementMails(handle.db, count, "statement-available");
		const started = performance.now();
		const floorSeconds = Math.ceil(count / MAX_BATCH_SIZE) / RATE_PER_SECOND;
		// Timed on the provider's side, in memory: polling the database from this process would
		// block the stand-in's event loop and skew the arrival times its rate limit sees.
		await waitFor(
			() => standIn.sent.size >= count || worker.exitCode !== null,
			floorSeconds * 1000 * 3,
			"every e-mail to reach the provider",
		).catch((error: unknown) => {
			throw new Error(
				`${String(error)}: ${standIn.sent.size} of ${count} received, provider answers ${JSON.stringify([...standIn.statuses])}`,
			);
		});
		const totalSeconds = (performance.now() - started) / 1000;
		if (worker.exitCode !== null) throw new Error(`the worker exited (${worker.exitCode}) before the end`);
		await waitFor(
			async () => (await countMails(handle.db, "sent")) === count,
			60_000,
			"every e-mail to be marked sent",
		);

		const unexpected = [...standIn.statuses].filter(([status]) => status !== 200 && status !== 429);
		if (unexpected.length > 0)
			throw new Error(`unexpected answers from the provider: ${JSON.stringify(unexpected)}`);
		const recipients = new Set(standIn.posts);
		if (standIn.sent.size !== count || standIn.posts.length !== count || recipients.size !== count) {
			throw new Error(
				`e-mails lost or sent twice (or posted twice): ${standIn.sent.size} sent, ${standIn.posts.length} posted, ${recipients.size} recipients, ${count} queued`,
			);
		}
		const notDone = await handle.db
			.select({ status: jobs.status, n: sql<number>`count(*)` })
			.from(jobs)
			.where(sql`${jobs.status} <> 'done'`)
			.groupBy(jobs.status);
		if (notDone.length > 0) throw new Error(`jobs not done: ${JSON.stringify(notDone)}`);
		const ratioToFloor = totalSeconds / floorSeconds;
		if (ratioToFloor > 1 + TOLERANCE) {
			throw new Error(
				`${totalSeconds.toFixed(1)} s for ${count} e-mails: more than ${TOLERANCE * 100} % over the floor of ${floorSeconds} s (provider answers ${JSON.stringify([...standIn.statuses])}; baseline INSERT + DELETE ${baselineOpsPerSecond.toFixed(0)} /s)`,
			);
		}
		return {
			mails: count,
			ratePerSecond: RATE_PER_SECOND,
			requests: standIn.statuses.get(200) ?? 0,
			rateLimited: standIn.statuses.get(429) ?? 0,
			floorSeconds,
			totalSeconds,
			ratioToFloor,
			mailsPerSecond: count / totalSeconds,
			baselineOpsPerSecond,
			baselineSeconds: count / baselineOpsPerSecond,
		};
	} finally {
		worker.kill("SIGTERM");
		handle.client.close();
		await standIn.close();
		await rm(dir, { recursive: true, force: true });
	}
}

async function countMails(db: Database, status: "sent"): Promise<number> {
	const [row] = await db
		.select({ n: sql<number>`count(*)` })
		.from(outgoingMails)
		.where(eq(outgoingMails.status, status));
	return row?.n ?? 0;
}
