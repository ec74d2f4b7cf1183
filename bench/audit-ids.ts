// The audit trail's correlation ids (ADR 0050): group-committed batches of audit entries shaped
// like a page view's, into an `audit_events` table that already holds `--entries` of them (the
// real schema, its four indexes, WAL, synchronous=NORMAL, as the portal opens its database),
// with (1) 16 random bytes as the correlation id, the former request id, and (2) the time-ordered
// id of core/request-id.ts; the two alternated `--rounds` times in one run, CPU and wall time per
// entry, medians reported. Every batch must insert exactly its rows and the table must hold
// exactly what was written at the end, or the benchmark refuses to report.
// Usage: npm run bench -- audit-ids [--entries 1000000] [--rounds 4]
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { newRequestId } from "../core/request-id.ts";
import { createDatabase } from "../db/client.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { refuseUnless } from "./lib/expected-responses.ts";

/** Entries per commit: the 32 page views in flight at the benchmarks' 32 connections. */
const BATCH = 32;
const BATCHES_PER_MEASURE = 300;
const COLUMNS =
	"occurred_at, account_id, session_id, actor_kind, action, object_type, object_id, outcome, correlation_id, ip_hash, details, prev_hash, hash";
const HASH = "e52655281abe93011ed036672876070b6a53f85480933fc77f81fcde059a21ee";

export interface AuditIdsMeasure {
	readonly cpuMicrosPerEntry: number;
	readonly wallMicrosPerEntry: number;
}

export interface AuditIdsBenchResult {
	readonly entriesBefore: number;
	readonly batch: number;
	readonly entriesPerMeasure: number;
	readonly rounds: number;
	readonly random: AuditIdsMeasure;
	readonly timeOrdered: AuditIdsMeasure;
	/** CPU per entry, random / time-ordered. */
	readonly cpuRatio: number;
}

const median = (values: readonly number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1
		? (sorted[middle] ?? 0)
		: ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

export async function benchAuditIds(options: {
	entries: number;
	rounds: number;
}): Promise<AuditIdsBenchResult> {
	const dir = await mkdtemp(join(tmpdir(), "espace-bench-audit-ids-"));
	const { client, db, ready } = createDatabase({ url: `file:${join(dir, "audit.db")}` });
	try {
		await ready;
		await migrateDatabase(db);
		// The trail before the measure: page views of 1 000 accounts over the last year, each with
		// a random correlation id, as the portal wrote them until this change.
		await client.execute({
			sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :entries)
				INSERT INTO audit_events (${COLUMNS})
				SELECT :start + i * 30000, 1 + i % 1000, 'session', 'account', 'view:/adherent', NULL, NULL,
					'success', lower(hex(randomblob(16))), NULL, NULL, :hash, :hash FROM n`,
			args: { entries: options.entries, start: Date.now() - options.entries * 30_000, hash: HASH },
		});
		const sql = `INSERT INTO audit_events (${COLUMNS}) VALUES ${Array(BATCH).fill("(?,?,?,?,?,?,?,?,?,?,?,?,?)").join(",")}`;
		const measure = async (ordered: boolean): Promise<AuditIdsMeasure> => {
			const cpu = process.threadCpuUsage();
			const started = performance.now();
			for (let batch = 0; batch < BATCHES_PER_MEASURE; batch++) {
				const args: (string | number | null)[] = [];
				for (let row = 0; row < BATCH; row++) {
					const now = new Date();
					const id = ordered ? newRequestId(now, randomBytes) : randomBytes(16).toString("hex");
					args.push(now.getTime(), 42, "session", "account", "view:/adherent", null, null, "success", id);
					args.push(null, null, HASH, randomBytes(32).toString("hex"));
				}
				const result = await client.execute({ sql, args });
				refuseUnless(
					result.rowsAffected === BATCH,
					`a batch wrote ${result.rowsAffected} entries, not ${BATCH}`,
				);
			}
			const used = process.threadCpuUsage(cpu);
			const entries = BATCH * BATCHES_PER_MEASURE;
			return {
				cpuMicrosPerEntry: (used.user + used.system) / entries,
				wallMicrosPerEntry: ((performance.now() - started) * 1000) / entries,
			};
		};
		const runs: { random: AuditIdsMeasure[]; timeOrdered: AuditIdsMeasure[] } = {
			random: [],
			timeOrdered: [],
		};
		for (let round = 0; round < options.rounds; round++) {
			runs.random.push(await measure(false));
			runs.timeOrdered.push(await measure(true));
		}
		const [count] = (await client.execute("SELECT count(*) AS n FROM audit_events")).rows;
		const written = options.entries + 2 * options.rounds * BATCHES_PER_MEASURE * BATCH;
		refuseUnless(Number(count?.n) === written, `the table holds ${String(count?.n)} entries, not ${written}`);
		const summary = (list: AuditIdsMeasure[]): AuditIdsMeasure => ({
			cpuMicrosPerEntry: median(list.map((m) => m.cpuMicrosPerEntry)),
			wallMicrosPerEntry: median(list.map((m) => m.wallMicrosPerEntry)),
		});
		const random = summary(runs.random);
		const timeOrdered = summary(runs.timeOrdered);
		return {
			entriesBefore: options.entries,
			batch: BATCH,
			entriesPerMeasure: BATCH * BATCHES_PER_MEASURE,
			rounds: options.rounds,
			random,
			timeOrdered,
			cpuRatio: random.cpuMicrosPerEntry / timeOrdered.cpuMicrosPerEntry,
		};
	} finally {
		client.close();
		await rm(dir, { recursive: true, force: true });
	}
}
