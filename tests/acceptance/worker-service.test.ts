// `npm run worker` as an operator runs it: a service that lives until it is told to stop. Started
// alone on an empty queue, it must still be there afterwards, deliver a mail queued later, and
// exit 0 on SIGTERM. Polls with a bound (tests/support/wait-for.ts); nothing sleeps.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { queueMail } from "../../core/send-mail.ts";
import { outgoingMails } from "../../schema/tables/index.ts";
import { createTestDatabase } from "../support/test-database.ts";
import { waitFor } from "../support/wait-for.ts";

const root = resolve(import.meta.dirname, "../..");
// tsx as a loader of this very process (not its CLI, which runs the script in a child): a
// SIGKILL must reach the worker itself, not leave it running as an orphan.
const withTsx = ["--import", "tsx"];

let dir: string;
let child: ChildProcess | undefined;

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), "espace-worker-service-"));
});

afterEach(async () => {
	if (child && child.exitCode === null) child.kill("SIGKILL");
	child = undefined;
	await rm(dir, { recursive: true, force: true });
});

describe("npm run worker", () => {
	it("keeps running on an empty queue, delivers a mail queued later, and exits 0 on SIGTERM", async () => {
		const url = `file:${join(dir, "espace.db")}`;
		const handle = await createTestDatabase(url);
		const worker = spawn(process.execPath, [...withTsx, "scripts/worker.ts", "--interval-ms", "50"], {
			cwd: root,
			stdio: ["ignore", "pipe", "pipe"],
			env: { ...process.env, ESPACE_ENV: "test", DATABASE_URL: url, LOG_LEVEL: "debug", RESEND_API_KEY: "" },
		});
		child = worker;
		let ticks = 0;
		worker.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
			ticks += chunk.split("\n").filter((line) => line.includes('"msg":"worker tick done"')).length;
		});

		// Two passes over an empty queue: it went on after finding nothing to do.
		await waitFor(() => ticks >= 2 || worker.exitCode !== null, 60_000, "two passes of the worker");
		expect(worker.exitCode).toBeNull();

		await queueMail(handle.db, {
			template: "statement-available",
			data: { statementsPath: "/adherent/releves" },
			to: "adherent1@demo.espace.test",
			idempotencyKey: "statement-available/later",
			now: new Date(),
			publicUrl: new URL("http://localhost:4321"),
		});
		await waitFor(
			async () => {
				const [mail] = await handle.db
					.select({ status: outgoingMails.status })
					.from(outgoingMails)
					.where(eq(outgoingMails.idempotencyKey, "statement-available/later"));
				return mail?.status === "sent" || worker.exitCode !== null;
			},
			30_000,
			"the mail queued later to be sent",
		);
		expect(worker.exitCode).toBeNull();

		worker.kill("SIGTERM");
		await waitFor(
			() => worker.exitCode !== null || worker.signalCode !== null,
			15_000,
			"the worker to exit after SIGTERM",
		);
		expect(worker.exitCode).toBe(0);
		handle.client.close();
	}, 120_000);
});
