// Jobs per second through the Node job queue to the local mailbox, with 1 and 2 worker
// processes, against a baseline measured in the same run on the same table: bare INSERT and
// DELETE of one job row at a time (the floor of what a queue on libSQL must do per job).
// Usage: npm run bench -- queue [--jobs 5000]
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { eq, sql } from "drizzle-orm";
import { queueMail } from "../core/send-mail.ts";
import { jobs, outgoingMails, taskRuns } from "../schema/tables/index.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import { waitFor } from "../tests/support/wait-for.ts";

const root = resolve(import.meta.dirname, "..");
const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");
const publicUrl = new URL("http://localhost:4321");

export interface QueueBenchResult {
	readonly jobs: number;
	readonly baselineOpsPerSecond: number;
	readonly workers: {
		readonly processes: number;
		readonly jobsPerSecond: number;
		readonly ratioToBaseline: number;
	}[];
}

async function baseline(url: string, count: number): Promise<number> {
	const { client, db } = await createTestDatabase(url);
	const now = new Date();
	const started = performance.now();
	for (let i = 0; i < count; i++) {
		const [row] = await db
			.insert(jobs)
			.values({
				type: "mail.queued",
				payload: { mailId: i + 1 },
				availableAt: now,
				createdAt: now,
				updatedAt: now,
			})
			.returning({ id: jobs.id });
		await db.delete(jobs).where(eq(jobs.id, row?.id ?? 0));
	}
	const seconds = (performance.now() - started) / 1000;
	client.close();
	return count / seconds;
}

async function throughput(url: string, count: number, processes: number): Promise<number> {
	const handle = await createTestDatabase(url);
	const children: ChildProcess[] = [];
	try {
		for (let i = 0; i < processes; i++) {
			children.push(
				spawn(process.execPath, [tsxCli, "scripts/worker.ts", "--interval-ms", "5"], {
					cwd: root,
					stdio: "ignore",
					env: {
						...process.env,
						ESPACE_ENV: "test",
						DATABASE_URL: url,
						LOG_LEVEL: "error",
						RESEND_API_KEY: "",
					},
				}),
			);
		}
		// Started: each process has run its first tick (its schedules are recorded).
		await waitFor(
			async () => (await handle.db.select({ n: sql<number>`count(*)` }).from(taskRuns))[0]?.n !== 0,
			60_000,
			"workers to start",
		);
		const now = new Date();
		await handle.db.transaction(async (tx) => {
			for (let i = 1; i <= count; i++) {
				await queueMail(tx, {
					template: "statement-available",
					data: { statementsPath: "/adherent/releves" },
					to: `bench${i}@demo.espace.test`,
					idempotencyKey: `bench/${processes}/${i}`,
					now,
					publicUrl,
				});
			}
		});
		const started = performance.now();
		await waitFor(
			async () =>
				(
					await handle.db
						.select({ n: sql<number>`count(*)` })
						.from(outgoingMails)
						.where(eq(outgoingMails.status, "sent"))
				)[0]?.n === count,
			600_000,
			"the queue to drain",
		);
		return count / ((performance.now() - started) / 1000);
	} finally {
		for (const child of children) child.kill("SIGTERM");
		handle.client.close();
	}
}

export async function benchQueue(count: number): Promise<QueueBenchResult> {
	const dir = await mkdtemp(join(tmpdir(), "espace-bench-queue-"));
	try {
		const baselineOpsPerSecond = await baseline(`file:${join(dir, "baseline.db")}`, count);
		const workers = [];
		for (const processes of [1, 2]) {
			const jobsPerSecond = await throughput(`file:${join(dir, `queue-${processes}.db`)}`, count, processes);
			workers.push({ processes, jobsPerSecond, ratioToBaseline: jobsPerSecond / baselineOpsPerSecond });
		}
		return { jobs: count, baselineOpsPerSecond, workers };
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}
