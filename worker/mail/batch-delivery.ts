// Bulk e-mails (the monthly statements, payment notices…) go out through the provider's batch
// endpoint, up to 100 a request, so that a paced sender gets through thousands of them at a few
// requests a second. Resend keeps one idempotency key per request, not per e-mail, so a batch's
// mails are written down first (`outgoing_mails.batch_key`) and every retry resends exactly those
// mails under that key: a worker that dies between the send and the marking makes the next one
// replay the request, and the provider answers it without sending again. A batch is accepted or
// refused whole (strict validation); a refused one falls back to one request per mail, so that a
// bad address dead-letters its own mail only.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { isTemplateName, type TemplateName } from "../../core/mail/templates/index.ts";
import { completeJobs, deferJobs, failJob, type Job } from "../../core/queue.ts";
import { mailContent } from "../../core/send-mail.ts";
import { messageSchemas } from "../../schema/messages.ts";
import { outgoingMails } from "../../schema/tables/index.ts";
import type { ConsumerDeps, JobOutcome } from "../consumer.ts";
import { REDACTED_BODY } from "../handlers/deliver-mail.ts";
import { DEFAULT_DEFER_MS, isDeferral, MAX_BATCH_SIZE, type OutgoingMail } from "./mailer.ts";

/** Templates sent to many members at once by a schedule: worth a batch, and not urgent. */
export const BULK_TEMPLATES: ReadonlySet<TemplateName> = new Set<TemplateName>([
	"statement-available",
	"payment-notice",
	"cgu-update",
	"account-closing-soon",
]);

type MailRow = typeof outgoingMails.$inferSelect;

export interface BulkDelivery {
	/** What became of the jobs sent in a batch. */
	readonly outcomes: JobOutcome[];
	/** Jobs left to the one-by-one path (other types, other templates, a refused batch). */
	readonly rest: Job[];
}

export async function deliverBulkMails(
	deps: ConsumerDeps,
	leased: readonly Job[],
	owner: string,
): Promise<BulkDelivery> {
	const sendBatch = deps.mailer.sendBatch;
	if (!sendBatch) return { outcomes: [], rest: [...leased] };
	const jobByMail = new Map<number, Job>();
	for (const job of leased) {
		const payload = job.type === "mail.queued" ? messageSchemas["mail.queued"].safeParse(job.payload) : null;
		if (payload?.success) jobByMail.set(payload.data.mailId, job);
	}
	const rows =
		jobByMail.size === 0
			? []
			: await deps.db
					.select({
						id: outgoingMails.id,
						template: outgoingMails.template,
						batchKey: outgoingMails.batchKey,
						idempotencyKey: outgoingMails.idempotencyKey,
					})
					.from(outgoingMails)
					.where(and(inArray(outgoingMails.id, [...jobByMail.keys()]), eq(outgoingMails.status, "queued")))
					.orderBy(asc(outgoingMails.id));
	const bulk = rows.filter((row) => isTemplateName(row.template) && BULK_TEMPLATES.has(row.template));
	const bulkJobs = new Set(bulk.flatMap((row) => jobByMail.get(row.id) ?? []));
	const rest = leased.filter((job) => !bulkJobs.has(job));
	const outcomes: JobOutcome[] = [];
	const handled = new Set<Job>();

	for (const key of await batchKeysFor(deps, bulk)) {
		const group = await deps.db
			.select()
			.from(outgoingMails)
			.where(and(eq(outgoingMails.batchKey, key), eq(outgoingMails.status, "queued")))
			.orderBy(asc(outgoingMails.id));
		const mine = group.flatMap((row) => jobByMail.get(row.id) ?? []);
		if (group.length === 0) continue;
		for (const job of mine) handled.add(job);
		const sending = performance.now();
		const result = await sendBatch(
			group.map((row) => toOutgoingMail(row, deps.config.publicUrl)),
			key,
		);
		const sendMs = Math.round(performance.now() - sending);
		const now = deps.clock();
		if (result.ok) {
			outcomes.push(...(await markSent(deps, group, result.providerMessageIds, mine, owner, now)));
			deps.logger.debug("mail batch sent", {
				mails: group.length,
				sendMs,
				markMs: Math.round(performance.now() - sending) - sendMs,
			});
		} else if (isDeferral(result)) {
			const until = new Date(now.getTime() + (result.retryAfterMs ?? DEFAULT_DEFER_MS));
			outcomes.push(...(await deferJobs(deps.db, mine, owner, until, result.error, now)));
		} else if (result.retryable) {
			await deps.db.update(outgoingMails).set({ error: result.error }).where(eq(outgoingMails.batchKey, key));
			for (const job of mine) {
				const failure = { retryable: true, error: `TransientJobError: ${result.error}` };
				outcomes.push(await failJob(deps.db, job, owner, failure, now, deps.random()));
			}
			deps.logger.warn("mail batch failed", { mails: group.length, error: result.error });
		} else {
			// Refused whole, nothing was sent: each mail gets its own verdict through single sends.
			await deps.db.update(outgoingMails).set({ batchKey: null }).where(eq(outgoingMails.batchKey, key));
			rest.push(...mine);
			deps.logger.warn("mail batch refused, sending one by one", {
				mails: group.length,
				error: result.error,
			});
		}
	}
	// A mail whose batch key another worker wrote meanwhile (its lease had expired): one by one.
	for (const job of bulkJobs) if (!handled.has(job)) rest.push(job);
	return { outcomes, rest };
}

/**
 * The batch keys of these mails: the ones already written (a batch tried before) and new ones for
 * the rest, up to MAX_BATCH_SIZE mails each, written before anything is sent. A key is derived
 * from its mails' own keys, so it stands for that exact set.
 */
async function batchKeysFor(
	deps: ConsumerDeps,
	bulk: readonly Pick<MailRow, "id" | "batchKey" | "idempotencyKey">[],
): Promise<string[]> {
	const keys = new Set(bulk.flatMap((row) => row.batchKey ?? []));
	const fresh = bulk.filter((row) => row.batchKey === null);
	for (let start = 0; start < fresh.length; start += MAX_BATCH_SIZE) {
		const chunk = fresh.slice(start, start + MAX_BATCH_SIZE);
		const digest = sha256(new TextEncoder().encode(chunk.map((row) => row.idempotencyKey).join("\n")));
		const key = `mail-batch/${encodeHexLowerCase(digest)}`;
		await deps.db
			.update(outgoingMails)
			.set({ batchKey: key })
			.where(
				and(
					inArray(
						outgoingMails.id,
						chunk.map((row) => row.id),
					),
					isNull(outgoingMails.batchKey),
					eq(outgoingMails.status, "queued"),
				),
			);
		keys.add(key);
	}
	return [...keys];
}

function toOutgoingMail(row: MailRow, publicUrl: URL): OutgoingMail {
	const content = mailContent(row, publicUrl);
	return {
		to: row.toAddress,
		subject: content.subject,
		text: content.text,
		html: content.html,
		template: row.template as TemplateName,
		idempotencyKey: row.idempotencyKey,
	};
}

/** The mails sent and their jobs done in one transaction: a reader never sees one without the other. */
async function markSent(
	deps: ConsumerDeps,
	group: readonly MailRow[],
	ids: readonly string[],
	mine: readonly Job[],
	owner: string,
	now: Date,
): Promise<JobOutcome[]> {
	const keepBodies = deps.mailer.name === "mailbox";
	const providerId = sql.join(
		[
			sql`CASE ${outgoingMails.id}`,
			...group.map((row, index) => sql`WHEN ${row.id} THEN ${ids[index] ?? null}`),
			sql`END`,
		],
		sql` `,
	);
	return deps.db.transaction(async (tx) => {
		// Two statements for the whole batch: a batch's bookkeeping must stay well inside the
		// pacing interval, or the database, not the provider, would set the pace.
		await tx
			.update(outgoingMails)
			.set({
				status: "sent",
				sentAt: now,
				providerMessageId: providerId,
				error: null,
				...(keepBodies ? {} : { textBody: REDACTED_BODY, htmlBody: null, templateData: null }),
			})
			.where(
				and(
					inArray(
						outgoingMails.id,
						group.map((row) => row.id),
					),
					eq(outgoingMails.status, "queued"),
				),
			);
		const done = new Set(await completeJobs(tx, mine, owner, now));
		// A lease that expired meanwhile belongs to another worker: it will find the mail sent.
		return mine.map((job) => (done.has(job.id) ? "done" : "lost"));
	});
}
