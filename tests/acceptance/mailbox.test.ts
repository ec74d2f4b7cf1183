// Every e-mail the portal can send, written to the outbox, delivered by the worker to the local
// mailbox and read back from `/dev/mails.json` as a developer or an end-to-end test would.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../core/config.ts";
import { createLogger } from "../../core/logger.ts";
import { type TemplateName, templateNames } from "../../core/mail/templates/index.ts";
import { sampleMailData } from "../../core/mail/templates/samples.ts";
import { queueMail } from "../../core/send-mail.ts";
import type { DatabaseHandle } from "../../db/client.ts";
import { createApp } from "../../edge/app.tsx";
import { createWorker } from "../../worker/index.ts";
import { createMailboxMailer } from "../../worker/mail/mailbox-mailer.ts";
import { createTestDatabase } from "../support/test-database.ts";

const now = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;

beforeEach(async () => {
	handle = await createTestDatabase();
});
afterEach(() => handle.client.close());

function appFor(env: "test" | "production") {
	const config = parseConfig({
		ESPACE_ENV: env,
		PUBLIC_URL: env === "production" ? "https://espace.example.org" : "http://localhost:4321",
		SESSION_PEPPER: "p".repeat(40),
		// Production requires a mail transport; the edge app only queues, so nothing is sent.
		RESEND_API_KEY: "re_test",
	});
	return createApp({
		config,
		db: handle.db,
		logger: createLogger("silent"),
		clock: () => now,
		randomBytes: (n) => new Uint8Array(n),
		assets: async () => ({ stylesheets: [], cguVersions: [] }),
	});
}

interface MailboxEntry {
	to: string;
	subject: string;
	template: TemplateName;
	status: string;
	text: string;
	html: string;
	links: string[];
}

describe("the local mailbox", () => {
	it("receives every template, in text and HTML, with links to the public URL only", async () => {
		const publicUrl = new URL("http://localhost:4321");
		for (const [index, name] of templateNames.entries()) {
			await queueMail(handle.db, {
				template: name,
				data: sampleMailData[name] as never,
				to: `boite${index}@demo.espace.test`,
				idempotencyKey: `test/${name}`,
				now,
				publicUrl,
			});
		}
		const worker = createWorker(
			{
				db: handle.db,
				logger: createLogger("silent"),
				clock: () => now,
				random: () => 0,
				mailer: createMailboxMailer(),
				config: { publicUrl, env: "test" },
			},
			[],
		);
		expect((await worker.drain()).done).toBe(templateNames.length);

		const response = await appFor("test").request("/dev/mails.json");
		expect(response.status).toBe(200);
		const mails = (await response.json()) as MailboxEntry[];
		expect(mails.map((mail) => mail.template).sort()).toEqual([...templateNames].sort());
		for (const mail of mails) {
			expect(mail.status, mail.template).toBe("sent");
			expect(mail.subject.length, mail.template).toBeGreaterThan(5);
			expect(mail.text, mail.template).toMatch(/Bonjour/);
			expect(mail.html, mail.template).toMatch(/^<!DOCTYPE html>/i);
			expect(mail.html, mail.template).toContain('lang="fr"');
			for (const link of mail.links)
				expect(link.startsWith("http://localhost:4321/"), `${mail.template}: ${link}`).toBe(true);
		}
		const activation = mails.find((mail) => mail.template === "account-activation");
		expect(activation?.links.some((link) => link.includes("/compte/activer"))).toBe(true);

		const page = await appFor("test").request("/dev/mails");
		expect(page.status).toBe(200);
		expect(await page.text()).toContain("Boîte aux lettres de développement");
	});

	it("does not exist in production", async () => {
		const app = appFor("production");
		expect((await app.request("/dev/mails.json")).status).toBe(404);
		expect((await app.request("/dev/mails")).status).toBe(404);
	});
});
