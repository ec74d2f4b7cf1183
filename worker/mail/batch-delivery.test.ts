// Bulk mails through the batch endpoint, with a scripted provider: a batch retried after a
// failure resends exactly the same mails under the same key, a refused batch falls back to one
// request per mail, and urgent mails never go in a batch.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../core/logger.ts";
import { queueMail } from "../../core/send-mail.ts";
import type { DatabaseHandle } from "../../db/client.ts";
import { jobs, outgoingMails } from "../../schema/tables/index.ts";
import { createTestDatabase } from "../../tests/support/test-database.ts";
import { createWorker } from "../index.ts";
import type { BatchResult, Mailer, SendResult } from "./mailer.ts";

const publicUrl = new URL("http://localhost:4321");
let now = new Date("2026-12-01T08:00:00Z");
let handle: DatabaseHandle;

beforeEach(async () => {
	handle = await createTestDatabase();
	now = new Date("2026-12-01T08:00:00Z");
});
afterEach(() => handle.client.close());

interface Script {
	readonly batches: { keys: string[]; key: string }[];
	readonly singles: string[];
	batchAnswers: BatchResult[];
	singleAnswer?: (key: string) => SendResult;
}

function scriptedMailer(script: Script): Mailer {
	return {
		name: "resend",
		send: async (mail) => {
			script.singles.push(mail.idempotencyKey);
			return (
				script.singleAnswer?.(mail.idempotencyKey) ?? {
					ok: true,
					providerMessageId: `one-${mail.idempotencyKey}`,
				}
			);
		},
		sendBatch: async (mails, key) => {
			script.batches.push({ keys: mails.map((mail) => mail.idempotencyKey), key });
			return (
				script.batchAnswers.shift() ?? {
					ok: true,
					providerMessageIds: mails.map((_, index) => `batch-${index}`),
				}
			);
		},
	};
}

function workerWith(mailer: Mailer, batchSize = 100) {
	return createWorker(
		{
			db: handle.db,
			logger: createLogger("silent"),
			clock: () => now,
			random: () => 0.5,
			mailer,
			config: { publicUrl, env: "test" },
			batchSize,
		},
		[],
	);
}

async function queueStatements(count: number, from = 1): Promise<void> {
	for (let i = from; i < from + count; i++) {
		await queueMail(handle.db, {
			template: "statement-available",
			data: { statementsPath: "/adherent/releves" },
			to: `adherent${i}@demo.espace.test`,
			idempotencyKey: `statement-available/${i}`,
			now,
			publicUrl,
		});
	}
}

describe("bulk mail delivery", () => {
	it("sends statement e-mails 100 to a request, and marks each sent with its own provider id", async () => {
		await queueStatements(150);
		const script: Script = { batches: [], singles: [], batchAnswers: [] };
		expect((await workerWith(scriptedMailer(script), 200).drain()).done).toBe(150);
		expect(script.batches.map((batch) => batch.keys.length)).toEqual([100, 50]);
		expect(script.singles).toEqual([]);
		const [first] = await handle.db.select().from(outgoingMails).where(eq(outgoingMails.id, 1));
		expect(first).toMatchObject({ status: "sent", providerMessageId: "batch-0" });
	});

	it("resends exactly the same mails under the same key after a failure, even leased in another order", async () => {
		await queueStatements(5);
		const script: Script = {
			batches: [],
			singles: [],
			batchAnswers: [{ ok: false, retryable: true, error: "resend no-status application_error" }],
		};
		const mailer = scriptedMailer(script);
		expect((await workerWith(mailer).drain()).retry).toBe(5);
		// Meanwhile more statements are queued: they must not join the batch already tried.
		await queueStatements(3, 6);
		now = new Date(now.getTime() + 60 * 60_000);
		expect((await workerWith(mailer).drain()).done).toBe(8);
		const [failed, retried, fresh] = script.batches;
		expect(retried).toEqual(failed);
		expect(fresh?.keys).toEqual(["statement-available/6", "statement-available/7", "statement-available/8"]);
		expect(fresh?.key).not.toBe(failed?.key);
	});

	it("defers a rate-limited batch without counting an attempt", async () => {
		await queueStatements(3);
		const script: Script = {
			batches: [],
			singles: [],
			batchAnswers: [
				{
					ok: false,
					retryable: true,
					rateLimited: true,
					retryAfterMs: 2_000,
					error: "resend 429 rate_limit_exceeded",
				},
			],
		};
		expect((await workerWith(scriptedMailer(script)).drain()).deferred).toBe(3);
		const pending = await handle.db.select().from(jobs);
		expect(
			pending.map((job) => [job.status, job.attempts, job.availableAt.getTime() - now.getTime()]),
		).toEqual([
			["pending", 0, 2_000],
			["pending", 0, 2_000],
			["pending", 0, 2_000],
		]);
	});

	it("falls back to one request per mail when the batch is refused, so that only the bad mail is dead", async () => {
		await queueStatements(3);
		const script: Script = {
			batches: [],
			singles: [],
			batchAnswers: [{ ok: false, retryable: false, error: "resend 422 validation_error" }],
			singleAnswer: (key) =>
				key === "statement-available/2"
					? { ok: false, retryable: false, error: "resend 422 validation_error" }
					: { ok: true, providerMessageId: `one-${key}` },
		};
		expect(await workerWith(scriptedMailer(script)).drain()).toMatchObject({ done: 2, dead: 1 });
		expect(script.singles).toEqual([
			"statement-available/1",
			"statement-available/2",
			"statement-available/3",
		]);
		const mails = await handle.db.select({ batchKey: outgoingMails.batchKey }).from(outgoingMails);
		expect(mails.every((mail) => mail.batchKey === null)).toBe(true);
	});

	it("sends an urgent mail on its own, never in a batch", async () => {
		await queueMail(handle.db, {
			template: "sign-in-code",
			data: { code: "482913" },
			to: "adherent1@demo.espace.test",
			idempotencyKey: "sign-in-code/1",
			now,
			publicUrl,
		});
		const script: Script = { batches: [], singles: [], batchAnswers: [] };
		expect((await workerWith(scriptedMailer(script)).drain()).done).toBe(1);
		expect(script).toMatchObject({ batches: [], singles: ["sign-in-code/1"] });
	});
});
