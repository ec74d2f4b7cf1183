// The Cloudflare host's scheduled() against a libSQL database over HTTP (the Hrana test double of
// Turso, ADR 0012): whatever the cron, the outbox is relayed to the queue at the end of the run,
// so that a mail written by a task or left by another process does not wait for the next
// five-minute slot. The whole Worker runs in workerd in tests/workerd/worker.test.ts.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleMailData } from "../core/mail/templates/samples.ts";
import { queueMail } from "../core/send-mail.ts";
import { createDatabase } from "../db/client.ts";
import { createWebDatabase } from "../db/client-web.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { jobs, taskRuns } from "../schema/tables/index.ts";
import { type HranaServer, startHranaServer } from "../tests/support/hrana-server.ts";
import worker from "./cloudflare.ts";

let dir: string;
let hrana: HranaServer;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), "espace-cloudflare-host-"));
	const path = join(dir, "espace.db");
	const handle = createDatabase({ url: `file:${path}` });
	await handle.ready;
	await migrateDatabase(handle.db);
	handle.client.close();
	hrana = await startHranaServer({ path });
});

afterAll(async () => {
	await hrana?.close();
	await rm(dir, { recursive: true, force: true });
});

describe("the Cloudflare host's scheduled()", () => {
	it("relays the outbox at the end of a run whose cron has no relay task", async () => {
		const { db, client } = createWebDatabase({ url: hrana.url });
		try {
			const now = new Date();
			const { mailId } = await db.transaction((tx) =>
				queueMail(tx, {
					template: "payment-notice",
					data: sampleMailData["payment-notice"],
					to: "adherent@example.org",
					idempotencyKey: "cloudflare-host-test/1",
					now,
					publicUrl: new URL("https://espace.example.org"),
				}),
			);
			const sent: unknown[] = [];
			const env = {
				ESPACE_ENV: "test",
				DATABASE_URL: hrana.url,
				PUBLIC_URL: "https://espace.example.org",
				LOG_LEVEL: "silent",
				ASSETS: { fetch: async () => new Response("{}") },
				JOBS: {
					sendBatch: async (messages: readonly { body: unknown }[]) => {
						sent.push(...messages.map((message) => message.body));
					},
				},
				DOCUMENTS: {} as never,
			};
			await worker.scheduled({ cron: "0 7 * * *", scheduledTime: now.getTime() }, env);

			const [run] = await db.select().from(taskRuns).where(eq(taskRuns.taskName, "payment-notices"));
			expect(run?.outcome).toBe("success");
			const [job] = await db.select().from(jobs).where(eq(jobs.type, "mail.queued"));
			expect(job?.payload).toEqual({ mailId });
			expect(sent).toEqual([{ jobId: job?.id }]);
		} finally {
			client.close();
		}
	});
});
