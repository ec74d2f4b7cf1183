// Jobs per second through the Node job queue to the local mailbox, with 1 and 2 worker
// processes, against a baseline measured in the same run on the same table: bare INSERT and
// DELETE of one job row at a time (the floor of what a queue on libSQL must do per job).
// Nothing is reported unless every job did what it must (bench/lib/expected-responses.ts): each
// baseline INSERT and DELETE touched its one row, and after a drain every mail was sent exactly
// once, to its own address, with the template's subject and link, every job is done, and none
// failed or died (a dead job or a failed mail stops the wait at once, with a refusal).
// Usage: npm run bench -- queue [--jobs 5000]
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { and, eq, ne, sql } from "drizzle-orm";
import { queueMail } from "../core/send-mail.ts";
import type { Database } from "../db/client.ts";
import { jobs, outgoingMails, taskRuns } from "../schema/tables/index.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import { waitFor } from "../tests/support/wait-for.ts";
import { refuseUnless } from "./lib/expected-responses.ts";

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

/** Bare INSERT + DELETE of one job row at a time, per second: the floor of a queue on libSQL. */
export async function baseline(url: string, count: number): Promise<number> {
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
		refuseUnless(row !== undefined, `queue baseline: INSERT ${i + 1} returned no row`);
		const deleted = await db.delete(jobs).where(eq(jobs.id, row.id)).returning({ id: jobs.id });
		refuseUnless(
			deleted.length === 1,
			`queue baseline: DELETE of job ${row.id} removed ${deleted.length} rows`,
		);
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
		await waitForWorkers(handle.db);
		await queueStatementMails(handle.db, count, `bench/${processes}`);
		const started = performance.now();
		await waitFor(
			async () => {
				const [failed] = await handle.db
					.select({ n: sql<number>`count(*)` })
					.from(outgoingMails)
					.where(eq(outgoingMails.status, "failed"));
				const [dead] = await handle.db
					.select({ n: sql<number>`count(*)` })
					.from(jobs)
					.where(eq(jobs.status, "dead"));
				refuseUnless(
					!failed?.n && !dead?.n,
					`queue, ${processes} worker(s): ${failed?.n ?? 0} mails failed and ${dead?.n ?? 0} jobs died during the drain`,
				);
				const [sent] = await handle.db
					.select({ n: sql<number>`count(*)` })
					.from(outgoingMails)
					.where(eq(outgoingMails.status, "sent"));
				return sent?.n === count;
			},
			600_000,
			"the queue to drain",
		);
		const seconds = (performance.now() - started) / 1000;
		await checkDrained(handle.db, count, processes);
		return count / seconds;
	} finally {
		for (const child of children) child.kill("SIGTERM");
		handle.client.close();
	}
}

/** Every mail sent once, to its own address, with the template's content; every job done. */
async function checkDrained(db: Database, count: number, processes: number): Promise<void> {
	const label = `queue, ${processes} worker(s)`;
	const mails = await db
		.select({
			to: outgoingMails.toAddress,
			status: outgoingMails.status,
			subject: outgoingMails.subject,
			text: outgoingMails.textBody,
		})
		.from(outgoingMails);
	refuseUnless(mails.length === count, `${label}: ${mails.length} mails for ${count} queued`);
	const addresses = new Set(mails.map((mail) => mail.to));
	const missing = Array.from({ length: count }, (_, i) => `bench${i + 1}@demo.espace.test`).filter(
		(address) => !addresses.has(address),
	);
	refuseUnless(missing.length === 0, `${label}: no mail to ${missing.slice(0, 3).join(", ")}…`);
	const subject = mails[0]?.subject ?? "";
	const wrong = mails.filter(
		(mail) =>
			mail.status !== "sent" ||
			!mail.subject ||
			mail.subject !== subject ||
			!mail.text.includes(`${publicUrl.origin}/adherent/releves`),
	);
	refuseUnless(
		wrong.length === 0,
		`${label}: ${wrong.length} mails not sent or without the template's subject and link`,
	);
	const [unfinished] = await db
		.select({ n: sql<number>`count(*)` })
		.from(jobs)
		.where(and(eq(jobs.type, "mail.queued"), ne(jobs.status, "done")));
	refuseUnless(!unfinished?.n, `${label}: ${unfinished?.n} mail jobs not done after the drain`);
}

/** Waits until the worker processes have run their first tick (their schedules are recorded). */
export async function waitForWorkers(db: Database): Promise<void> {
	await waitFor(
		async () => (await db.select({ n: sql<number>`count(*)` }).from(taskRuns))[0]?.n !== 0,
		60_000,
		"workers to start",
	);
}

/** Queues `count` statement e-mails in one transaction, keys `<keyPrefix>/<n>`. */
export async function queueStatementMails(db: Database, count: number, keyPrefix: string): Promise<void> {
	const now = new Date();
	await db.transaction(async (tx) => {
		for (let i = 1; i <= count; i++) {
			await queueMail(tx, {
				template: "statement-available",
				data: { statementsPath: "/adherent/releves" },
				to: `bench${i}@demo.espace.test`,
				idempotencyKey: `${keyPrefix}/${i}`,
				now,
				publicUrl,
			});
		}
	});
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
