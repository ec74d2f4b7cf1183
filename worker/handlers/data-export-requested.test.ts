// CGU art. 8: a large « Mes données » export goes through the worker (ADR 0038). The clock is
// injected: the job is built at 09:00, the link lasts 7 days, the purge task runs on the
// five-minute slots and deletes the stored archive once its 7 days are over, not before.
import { and, eq } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
	buildQueuedExport,
	EXPORT_LINK_DAYS,
	estimateExportRows,
	requestLargeExport,
} from "../../core/donnees/large-export.ts";
import { createLogger } from "../../core/logger.ts";
import { createMemoryDocumentStorage } from "../../core/storage.ts";
import type { DatabaseHandle } from "../../db/client.ts";
import {
	type Account,
	auditEvents,
	dataExports,
	jobs,
	outgoingMails,
	taskRuns,
} from "../../schema/tables/index.ts";
import { createSeededTestDatabase, demoAccount } from "../../tests/support/demo.ts";
import { createWorker } from "../index.ts";
import { createMailboxMailer } from "../mail/mailbox-mailer.ts";
import { dataExportPurge } from "../tasks/data-export-purge.ts";

const DAY_MS = 86_400_000;
let now = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;
let account: Account;
const storage = createMemoryDocumentStorage();
let counter = 0;
const randomBytes = (n: number) => new Uint8Array(n).fill(++counter);

function worker() {
	return createWorker(
		{
			db: handle.db,
			logger: createLogger("silent"),
			clock: () => now,
			random: () => 0.5,
			mailer: createMailboxMailer(),
			config: { publicUrl: new URL("https://espace.example.fr"), env: "test" },
			storage,
			owner: "test-worker",
		},
		[dataExportPurge],
	);
}

const actor = () => ({ accountId: account.id, sessionId: "test-session", correlationId: "test-request" });

beforeAll(async () => {
	handle = await createSeededTestDatabase({
		scale: 0.01,
		seed: 42,
		pepper: "test-pepper-long-enough-for-the-config-check",
		now: new Date("2026-11-20T08:00:00Z"),
	});
	account = await demoAccount(handle.db, "adherent1");
}, 60_000);
afterAll(() => handle.client.close());

describe("a large export through the worker", () => {
	let publicId: string;

	it("is queued once, however many times it is asked for while pending", async () => {
		const rowEstimate = await estimateExportRows(handle.db, account);
		expect(rowEstimate).toBeGreaterThan(10);
		const first = await requestLargeExport(handle.db, account, actor(), { now, rowEstimate, randomBytes });
		const second = await requestLargeExport(handle.db, account, actor(), { now, rowEstimate, randomBytes });
		expect(first.created).toBe(true);
		expect(second).toEqual({ publicId: first.publicId, created: false });
		publicId = first.publicId;
		const queued = await handle.db.select().from(jobs).where(eq(jobs.type, "donnees.export_requested"));
		expect(queued).toHaveLength(1);
		const [requested] = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.action, "donnees.export.requested"), eq(auditEvents.accountId, account.id)));
		expect(requested?.details).toEqual({ rowEstimate });
	});

	it("is built by the worker, stored, and e-mailed as a link valid 7 days", async () => {
		now = new Date(now.getTime() + 60_000);
		const report = await worker().tick();
		expect(report.jobs.done).toBeGreaterThanOrEqual(1);
		const [row] = await handle.db.select().from(dataExports).where(eq(dataExports.publicId, publicId));
		expect(row).toMatchObject({
			status: "ready",
			readyAt: now,
			expiresAt: new Date(now.getTime() + EXPORT_LINK_DAYS * DAY_MS),
			storageKey: `exports/2026/${publicId}.zip`,
			fileName: "mes-donnees-1000000001-2026-11-26.zip",
		});
		const stored = await storage.get(`exports/2026/${publicId}.zip`);
		expect(stored?.contentType).toBe("application/zip");
		expect(row?.byteLength).toBe(stored?.bytes.byteLength);
		const files = unzipSync(stored?.bytes as Uint8Array);
		const json = JSON.parse(strFromU8(files["donnees.json"] as Uint8Array));
		expect(json.compte[0].identifiant).toBe("1000000001");
		expect(Object.keys(files)).toContain("LISEZMOI.txt");
		const [mail] = await handle.db
			.select()
			.from(outgoingMails)
			.where(eq(outgoingMails.idempotencyKey, `data-export-ready/${publicId}`));
		expect(mail?.toAddress).toBe(account.email);
		expect(mail?.textBody).toContain(`https://espace.example.fr/compte/donnees/archives/${publicId}`);
		expect(mail?.textBody).toContain("3 décembre 2026");
		// The mail holds the link only, nothing of the archive.
		expect(mail?.textBody).not.toContain(json.identite?.[0]?.nir ?? "no NIR");
	});

	it("builds nothing twice when the job runs again", async () => {
		const [row] = await handle.db.select().from(dataExports).where(eq(dataExports.publicId, publicId));
		const again = await buildQueuedExport(handle.db, storage, row?.id as number, {
			now: new Date(now.getTime() + 1000),
			publicUrl: new URL("https://espace.example.fr"),
		});
		expect(again).toBe("already_built");
		const mails = await handle.db
			.select()
			.from(outgoingMails)
			.where(eq(outgoingMails.idempotencyKey, `data-export-ready/${publicId}`));
		expect(mails).toHaveLength(1);
	});

	it("keeps the archive until its 7 days are over, then the purge task deletes it", async () => {
		const key = `exports/2026/${publicId}.zip`;
		const readyAt = now;
		now = new Date(readyAt.getTime() + EXPORT_LINK_DAYS * DAY_MS - 5 * 60_000);
		await worker().tick();
		expect(storage.keys()).toContain(key);
		now = new Date(readyAt.getTime() + EXPORT_LINK_DAYS * DAY_MS + 5 * 60_000);
		const report = await worker().tick();
		expect(report.schedules).toEqual([
			expect.objectContaining({ name: "data-export-purge", outcome: "success" }),
		]);
		expect(report.schedules[0]?.counts).toEqual({ deleted: 1 });
		expect(storage.keys()).not.toContain(key);
		const [row] = await handle.db.select().from(dataExports).where(eq(dataExports.publicId, publicId));
		expect(row).toMatchObject({ status: "expired", storageKey: null });
		const runs = await handle.db.select().from(taskRuns).where(eq(taskRuns.taskName, "data-export-purge"));
		expect(runs.every((run) => run.outcome === "success")).toBe(true);
	});

	it("lets a new archive be asked for once the previous one is built", async () => {
		const next = await requestLargeExport(handle.db, account, actor(), { now, rowEstimate: 1, randomBytes });
		expect(next.created).toBe(true);
		expect(next.publicId).not.toBe(publicId);
	});
});
