// The Cloudflare host's scheduled() against a libSQL database over HTTP (the Hrana test double of
// Turso, ADR 0012): whatever the cron, the outbox is relayed to the queue at the end of the run,
// so that a mail written by a task or left by another process does not wait for the next
// five-minute slot. The whole Worker runs in workerd in tests/workerd/worker.test.ts.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { audienceCounter, audienceFigures } from "../core/audience.ts";
import { sampleMailData } from "../core/mail/templates/samples.ts";
import { startMaintenance } from "../core/maintenance.ts";
import { queueMail } from "../core/send-mail.ts";
import { createDatabase } from "../db/client.ts";
import { createWebDatabase } from "../db/client-web.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { jobs, pageViews, taskRuns } from "../schema/tables/index.ts";
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

describe("the Cloudflare host's public pages", () => {
	// CGU art. 4: the Worker runs first for public paths (wrangler.toml, ADR 0038).
	it("puts the maintenance banner in pages, counts them without identifiers, leaves files alone", async () => {
		const { db, client } = createWebDatabase({ url: hrana.url });
		try {
			await startMaintenance(db, {}, new Date());
			const page =
				'<!doctype html><title>Cookies</title><main id="contenu" class="container"><h1>Cookies</h1></main>';
			const asked: Request[] = [];
			const env = {
				ESPACE_ENV: "test",
				DATABASE_URL: hrana.url,
				PUBLIC_URL: "https://espace.example.org",
				LOG_LEVEL: "silent",
				ASSETS: {
					fetch: async (request: Request | string) => {
						const url = new URL(typeof request === "string" ? request : request.url);
						if (typeof request !== "string") asked.push(request);
						return url.pathname.endsWith(".txt")
							? new Response("User-agent: *", { headers: { "Content-Type": "text/plain" } })
							: new Response(page, {
									headers: { "Content-Type": "text/html; charset=utf-8", ETag: '"abc"' },
								});
					},
				},
				JOBS: { sendBatch: async () => undefined },
				DOCUMENTS: {} as never,
			};
			const waiting: Promise<unknown>[] = [];
			const ctx = { waitUntil: (promise: Promise<unknown>) => void waiting.push(promise) };
			const response = await worker.fetch(
				new Request("https://espace.example.org/cookies", {
					headers: { "If-None-Match": '"abc"', Cookie: "tracker=1" },
				}),
				env,
				ctx,
			);
			expect(response.status).toBe(200);
			const html = await response.text();
			expect(html).toContain(
				'<main id="contenu" class="container"><div class="alert alert-warning service-banner"',
			);
			expect(html).not.toContain("<script");
			expect(response.headers.get("ETag")).toMatch(/^"abc-m[0-9a-z]+"$/);
			expect(response.headers.get("Content-Security-Policy")).toContain("default-src 'self'");
			expect(response.headers.get("Set-Cookie")).toBeNull();
			// The browser's copy has no banner: the assets are asked without its validator.
			expect(asked.at(-1)?.headers.get("If-None-Match")).toBeNull();
			const robots = await worker.fetch(new Request("https://espace.example.org/robots.txt"), env, ctx);
			expect(await robots.text()).toBe("User-agent: *");
			await Promise.all(waiting);
			await audienceCounter(db).flush(new Date(), true);
			const views = await db.select().from(pageViews);
			expect(views).toEqual([expect.objectContaining({ space: "public", path: "/cookies", views: 1 })]);
			expect(Object.keys(views[0] ?? {}).sort()).toEqual(["day", "path", "space", "views"]);
			expect(await audienceFigures(db, { from: "2000-01-01", to: "2999-12-31" })).toHaveLength(1);
		} finally {
			client.close();
		}
	});
});
