// Large exports of « Mes données » (ADR 0038). Building the zip of an account with years of
// reimbursements and a long audit trail takes memory and seconds a page request should not
// spend (and a Worker isolate may not have), so past `config.exportAsyncRows` estimated rows the
// page queues a job instead: the worker builds the archive, stores it through the document
// storage, and e-mails a link valid 7 days. The link opens only under the owner's session (any
// other account gets a 404, as if it did not exist); past its 7 days it answers 410 and the
// worker deletes the stored file.
import { encodeHexLowerCase } from "@oslojs/encoding";
import { and, count, desc, eq, lte } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import {
	type Account,
	accounts,
	auditEvents,
	type DataExport,
	dataExports,
	memberPayments,
	prestations,
	requests,
	sessions,
	statements,
} from "../../schema/tables/index.ts";
import { appendAuditEvent, recordAccountActivity } from "../audit.ts";
import { parisDay } from "../calendar.ts";
import { enqueue } from "../queue.ts";
import { queueMail } from "../send-mail.ts";
import { assertStorageKey, type DocumentStorage } from "../storage.ts";
import type { DataActor } from "./export.ts";
import { buildExportArchive } from "./export-archive.ts";
import { collectPersonalData } from "./export-data.ts";

/** How long the link of an archive built by the worker works (the issue: 7 days). */
export const EXPORT_LINK_DAYS = 7;
const DAY_MS = 86_400_000;

export type ExportAccount = Pick<
	Account,
	"id" | "identifier" | "memberId" | "companyId" | "professionalId" | "staffPersonId"
>;

/** The page that lists the account's archives; each archive's link is below it. */
export const ARCHIVES_PATH = "/compte/donnees/archives";

export function archivePath(publicId: string): string {
	return `${ARCHIVES_PATH}/${publicId}`;
}

const PUBLIC_ID = /^[0-9a-f]{32}$/;

export function isArchiveId(value: string): boolean {
	return PUBLIC_ID.test(value);
}

/**
 * The rows of the export, estimated by counting the tables that grow with time (reimbursements,
 * statements, payments, the audit trail, sessions, requests): the small ones (identity,
 * contracts, beneficiaries) never decide.
 */
export async function estimateExportRows(
	db: Pick<Database, "select">,
	account: ExportAccount,
): Promise<number> {
	const counted = async (query: Promise<{ n: number }[]>) => (await query)[0]?.n ?? 0;
	let total = 0;
	total += await counted(
		db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.accountId, account.id)),
	);
	total += await counted(db.select({ n: count() }).from(sessions).where(eq(sessions.accountId, account.id)));
	total += await counted(db.select({ n: count() }).from(requests).where(eq(requests.accountId, account.id)));
	if (account.memberId !== null) {
		const memberId = account.memberId;
		total += await counted(
			db.select({ n: count() }).from(prestations).where(eq(prestations.memberId, memberId)),
		);
		total += await counted(
			db.select({ n: count() }).from(statements).where(eq(statements.memberId, memberId)),
		);
		total += await counted(
			db.select({ n: count() }).from(memberPayments).where(eq(memberPayments.memberId, memberId)),
		);
	}
	return total;
}

export function isLargeExport(estimate: number, threshold: number): boolean {
	return estimate >= threshold;
}

/**
 * Queues the worker's build of the account's archive, unless one is already being built (a
 * second click, a reload: one job). The row, its job and the audit entry are one transaction.
 */
export async function requestLargeExport(
	db: Database,
	account: ExportAccount,
	actor: DataActor,
	input: {
		readonly now: Date;
		readonly rowEstimate: number;
		readonly randomBytes: (n: number) => Uint8Array;
	},
): Promise<{ readonly publicId: string; readonly created: boolean }> {
	return db.transaction(async (tx) => {
		const [pending] = await tx
			.select({ publicId: dataExports.publicId })
			.from(dataExports)
			.where(and(eq(dataExports.accountId, account.id), eq(dataExports.status, "pending")))
			.limit(1);
		if (pending) return { publicId: pending.publicId, created: false };
		const publicId = encodeHexLowerCase(input.randomBytes(16));
		const [row] = await tx
			.insert(dataExports)
			.values({
				publicId,
				accountId: account.id,
				status: "pending",
				rowEstimate: input.rowEstimate,
				requestedAt: input.now,
			})
			.returning({ id: dataExports.id });
		if (!row) throw new Error("data export row not written");
		await enqueue(
			tx,
			{ type: "donnees.export_requested", payload: { exportId: row.id } },
			{ now: input.now, idempotencyKey: `donnees-export/${publicId}`, maxAttempts: 5 },
		);
		await appendAuditEvent(tx, {
			occurredAt: input.now,
			accountId: actor.accountId,
			sessionId: actor.sessionId,
			actorKind: "account",
			action: "donnees.export.requested",
			objectType: "data_export",
			objectId: String(row.id),
			outcome: "success",
			correlationId: actor.correlationId,
			details: { rowEstimate: input.rowEstimate },
		});
		return { publicId, created: true };
	});
}

export type DataExportView = Pick<
	DataExport,
	"publicId" | "status" | "requestedAt" | "readyAt" | "expiresAt" | "byteLength"
>;

/** The account's archives, newest first (the expired ones too: the trace of the right answered). */
export async function listDataExports(
	db: Pick<Database, "select">,
	accountId: number,
	now: Date,
): Promise<DataExportView[]> {
	const rows = await db
		.select({
			publicId: dataExports.publicId,
			status: dataExports.status,
			requestedAt: dataExports.requestedAt,
			readyAt: dataExports.readyAt,
			expiresAt: dataExports.expiresAt,
			byteLength: dataExports.byteLength,
		})
		.from(dataExports)
		.where(eq(dataExports.accountId, accountId))
		.orderBy(desc(dataExports.requestedAt), desc(dataExports.id))
		.limit(20);
	// An archive past its date is expired for the page even before the worker's purge has run.
	return rows.map((row) =>
		row.status === "ready" && row.expiresAt && row.expiresAt <= now ? { ...row, status: "expired" } : row,
	);
}

export function exportStorageKey(publicId: string, requestedAt: Date): string {
	const key = `exports/${requestedAt.getUTCFullYear()}/${publicId}.zip`;
	assertStorageKey(key);
	return key;
}

export type BuildOutcome = "built" | "already_built" | "missing";

/**
 * The worker's part: builds the archive of a pending row, stores it, marks it ready for 7 days
 * and e-mails its link. Safe to run twice (a retried job): a row no longer pending is left as
 * it is, and the storage key and the mail's idempotency key are the row's own.
 */
export async function buildQueuedExport(
	db: Database,
	storage: DocumentStorage,
	exportId: number,
	context: { readonly now: Date; readonly publicUrl: URL },
): Promise<BuildOutcome> {
	const [row] = await db
		.select({ export: dataExports, account: accounts })
		.from(dataExports)
		.innerJoin(accounts, eq(accounts.id, dataExports.accountId))
		.where(eq(dataExports.id, exportId));
	if (!row) return "missing";
	if (row.export.status !== "pending") return "already_built";
	const { now } = context;
	const account = row.account;
	const sections = await collectPersonalData(db, account);
	const bytes = buildExportArchive(sections, now, account.identifier);
	const key = exportStorageKey(row.export.publicId, row.export.requestedAt);
	await storage.put(key, bytes, "application/zip");
	const expiresAt = new Date(now.getTime() + EXPORT_LINK_DAYS * DAY_MS);
	await db.transaction(async (tx) => {
		const updated = await tx
			.update(dataExports)
			.set({
				status: "ready",
				readyAt: now,
				expiresAt,
				storageKey: key,
				byteLength: bytes.byteLength,
				fileName: `mes-donnees-${account.identifier}-${parisDay(now)}.zip`,
			})
			.where(and(eq(dataExports.id, exportId), eq(dataExports.status, "pending")))
			.returning({ id: dataExports.id });
		if (updated.length === 0) return;
		await queueMail(tx, {
			template: "data-export-ready",
			data: { downloadPath: archivePath(row.export.publicId), expiresAt },
			to: account.email,
			accountId: account.id,
			idempotencyKey: `data-export-ready/${row.export.publicId}`,
			now,
			publicUrl: context.publicUrl,
		});
		await appendAuditEvent(tx, {
			occurredAt: now,
			accountId: account.id,
			actorKind: "system",
			action: "worker.donnees.export.built",
			objectType: "data_export",
			objectId: String(exportId),
			outcome: "success",
			details: { bytes: bytes.byteLength, sections: sections.length },
		});
	});
	return "built";
}

export type OpenedArchive =
	| { readonly kind: "not_found" }
	| { readonly kind: "pending" }
	| { readonly kind: "expired"; readonly expiresAt: Date | null }
	| { readonly kind: "ready"; readonly fileName: string; readonly bytes: Uint8Array };

/**
 * The archive `publicId` for the signed-in account: another account's archive is "not_found"
 * (its existence is not revealed), one past its 7 days is "expired" even before the purge.
 */
export async function openDataExport(
	db: Database,
	storage: DocumentStorage,
	publicId: string,
	actor: DataActor,
	now: Date,
): Promise<OpenedArchive> {
	if (!isArchiveId(publicId)) return { kind: "not_found" };
	const [row] = await db
		.select()
		.from(dataExports)
		.where(and(eq(dataExports.publicId, publicId), eq(dataExports.accountId, actor.accountId)));
	if (!row) return { kind: "not_found" };
	if (row.status === "pending") return { kind: "pending" };
	if (row.status === "expired" || !row.expiresAt || row.expiresAt <= now || !row.storageKey) {
		return { kind: "expired", expiresAt: row.expiresAt };
	}
	const stored = await storage.get(row.storageKey);
	if (!stored) return { kind: "expired", expiresAt: row.expiresAt };
	await recordAccountActivity(db, actor, actor.correlationId, now, {
		action: "donnees.export.download",
		objectType: "data_export",
		objectId: String(row.id),
		details: { bytes: stored.bytes.byteLength },
	});
	return { kind: "ready", fileName: row.fileName ?? `mes-donnees-${parisDay(now)}.zip`, bytes: stored.bytes };
}

/** The worker's purge: deletes the stored archives past their 7 days; returns how many. */
export async function purgeExpiredExports(
	db: Database,
	storage: DocumentStorage | undefined,
	now: Date,
): Promise<number> {
	const due = await db
		.select({ id: dataExports.id, storageKey: dataExports.storageKey })
		.from(dataExports)
		.where(and(eq(dataExports.status, "ready"), lte(dataExports.expiresAt, now)));
	if (due.length > 0 && !storage) throw new Error("no document storage to delete expired archives from");
	for (const row of due) {
		// The file first: a crash between the two leaves a row the next run deletes again.
		if (row.storageKey) await storage?.delete(row.storageKey);
		await db
			.update(dataExports)
			.set({ status: "expired", storageKey: null })
			.where(eq(dataExports.id, row.id));
	}
	return due.length;
}
