import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../core/logger.ts";
import { queueMail } from "../core/send-mail.ts";
import type { DatabaseHandle } from "../db/client.ts";
import { outgoingMails } from "../schema/tables/index.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import { createWorker } from "./index.ts";
import { createMailboxMailer } from "./mail/mailbox-mailer.ts";
import type { ScheduledTask } from "./tasks/task.ts";

const publicUrl = new URL("http://localhost:4321");
let handle: DatabaseHandle;

beforeEach(async () => {
	handle = await createTestDatabase();
});
afterEach(() => handle.client.close());

describe("a worker tick", () => {
	it("runs the due schedules, then delivers the queued e-mails", async () => {
		const now = new Date("2026-11-26T10:05:10Z");
		const ran: string[] = [];
		const task: ScheduledTask = {
			name: "compte",
			cron: "*/5 * * * *",
			description: "Tâche de test du worker.",
			run: async ({ now: at }) => {
				ran.push(at.toISOString());
				return {};
			},
		};
		await queueMail(handle.db, {
			template: "statement-available",
			data: { statementsPath: "/adherent/releves" },
			to: "adherent1@demo.espace.test",
			idempotencyKey: "statement-available/1",
			now,
			publicUrl,
		});
		const worker = createWorker(
			{
				db: handle.db,
				logger: createLogger("silent"),
				clock: () => now,
				random: () => 0,
				mailer: createMailboxMailer(),
				config: { publicUrl, env: "test" },
			},
			[task],
		);
		const report = await worker.tick();
		expect(report.schedules.map((run) => run.name)).toEqual(["compte"]);
		expect(report.jobs).toEqual({ done: 1, retry: 0, deferred: 0, dead: 0, lost: 0 });
		expect((await worker.tick()).schedules).toEqual([]);
		const [mail] = await handle.db.select().from(outgoingMails);
		expect(mail).toMatchObject({ status: "sent", sentAt: now });
		expect(ran).toEqual(["2026-11-26T10:05:10.000Z"]);
	});
});
