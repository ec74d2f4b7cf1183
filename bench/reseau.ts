// `npm run bench -- reseau [--professionals 100000] [--count 200]`: the nearest 20 members of
// the network among N professionals (issue 14: median ≤ 5 ms on this machine), through the R*Tree
// index (core/reseau/nearest.ts) against a full scan of the same directory, in the same run, on
// a fresh embedded libSQL file. Professionals stand around the seed's communes (weighted by
// population, as people live), each in one Kalixia network. Every query's two answers must be
// equal and hold 20 professionals, or the benchmark refuses to report.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
	findNearestProfessionals,
	type NearestQuery,
	scanNearestProfessionals,
} from "../core/reseau/nearest.ts";
import { createDatabase } from "../db/client.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { COMMUNES } from "../demo/communes.ts";
import { cumulativeWeights, Random } from "../demo/random.ts";
import { careNetworks } from "../schema/enums.ts";
import { professionalNetworks, professionals } from "../schema/tables/index.ts";
import { refuseUnless } from "./lib/expected-responses.ts";

export interface ReseauBenchResult {
	readonly professionals: number;
	readonly queries: number;
	readonly index: Timing;
	readonly fullScan: Timing;
	readonly speedup: number;
	readonly goalMs: number;
	readonly goalMet: boolean;
	readonly loadAverage: number;
}

interface Timing {
	readonly medianMs: number;
	readonly p95Ms: number;
	/** CPU time of this process (user + system) per query: moves much less than wall time on a shared machine. */
	readonly medianCpuMs: number;
}

const TODAY = "2026-11-26";
const GOAL_MS = 5;

function weightedCommune(next: () => number, cumulative: readonly number[]) {
	const target = next() * (cumulative[cumulative.length - 1] ?? 1);
	const index = cumulative.findIndex((sum) => sum >= target);
	return COMMUNES[Math.max(0, index)] ?? COMMUNES[0];
}

function quantile(samples: readonly number[], q: number): number {
	const sorted = [...samples].sort((a, b) => a - b);
	return Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 1000) / 1000;
}

function timing(wall: readonly number[], cpu: readonly number[]): Timing {
	return { medianMs: quantile(wall, 0.5), p95Ms: quantile(wall, 0.95), medianCpuMs: quantile(cpu, 0.5) };
}

export async function benchReseau(count: number, queries: number): Promise<ReseauBenchResult> {
	const dir = await mkdtemp(join(tmpdir(), "espace-bench-reseau-"));
	const handle = createDatabase({ url: `file:${join(dir, "reseau.db")}` });
	try {
		await handle.ready;
		await migrateDatabase(handle.db);
		const generator = new Random(14);
		const next = () => generator.next();
		const cumulative = cumulativeWeights(COMMUNES.map((commune) => commune.weight));
		const at = new Date("2026-01-01T00:00:00Z");
		await handle.db.transaction(async (tx) => {
			for (let start = 1; start <= count; start += 500) {
				const ids = Array.from({ length: Math.min(500, count - start + 1) }, (_, i) => start + i);
				await tx.insert(professionals).values(
					ids.map((id) => {
						const commune = weightedCommune(next, cumulative);
						return {
							id,
							practiceName: `Cabinet ${id}`,
							profession: "opticien" as const,
							addressLine1: "1 rue du Marché",
							postalCode: commune?.postalCode ?? "75001",
							city: commune?.name ?? "Paris",
							latitude: (commune?.latitude ?? 48.86) + (next() - 0.5) * 0.1,
							longitude: (commune?.longitude ?? 2.35) + (next() - 0.5) * 0.14,
							createdAt: at,
							updatedAt: at,
						};
					}),
				);
				await tx.insert(professionalNetworks).values(
					ids.map((id) => ({
						professionalId: id,
						network: careNetworks[Math.floor(next() * 3)] ?? "kalixia_optique",
						joinedOn: "2024-01-01",
					})),
				);
			}
		});
		const plans: NearestQuery[] = Array.from({ length: queries }, (_, i) => {
			const commune = weightedCommune(next, cumulative);
			return {
				center: { latitude: commune?.latitude ?? 48.86, longitude: commune?.longitude ?? 2.35 },
				networks: i % 2 === 0 ? [] : [careNetworks[i % 3] ?? "kalixia_optique"],
				count: 20,
				today: TODAY,
			};
		});
		// One warm-up pass of each, so that neither measure pays for loading pages from disk.
		for (const plan of plans.slice(0, 10)) {
			await findNearestProfessionals(handle.db, plan);
			await scanNearestProfessionals(handle.db, plan);
		}
		const indexed: number[] = [];
		const scanned: number[] = [];
		const indexedCpu: number[] = [];
		const scannedCpu: number[] = [];
		for (const [i, plan] of plans.entries()) {
			// Alternating which goes first, so that neither always follows the other's cache state.
			const order = i % 2 === 0 ? (["index", "scan"] as const) : (["scan", "index"] as const);
			const answers: Record<string, unknown> = {};
			for (const kind of order) {
				const cpu = process.cpuUsage();
				const started = performance.now();
				const found =
					kind === "index"
						? await findNearestProfessionals(handle.db, plan)
						: await scanNearestProfessionals(handle.db, plan);
				(kind === "index" ? indexed : scanned).push(performance.now() - started);
				const used = process.cpuUsage(cpu);
				(kind === "index" ? indexedCpu : scannedCpu).push((used.user + used.system) / 1000);
				refuseUnless(found.length === 20, `query ${i}: ${kind} found ${found.length} professionals, not 20`);
				answers[kind] = found;
			}
			refuseUnless(
				JSON.stringify(answers.index) === JSON.stringify(answers.scan),
				`query ${i}: the index and the full scan disagree`,
			);
		}
		const index = timing(indexed, indexedCpu);
		const fullScan = timing(scanned, scannedCpu);
		const { loadavg } = await import("node:os");
		return {
			professionals: count,
			queries,
			index,
			fullScan,
			speedup: Math.round((fullScan.medianMs / index.medianMs) * 10) / 10,
			goalMs: GOAL_MS,
			goalMet: index.medianMs <= GOAL_MS,
			loadAverage: loadavg()[0] ?? 0,
		};
	} finally {
		handle.client.close();
		await rm(dir, { recursive: true, force: true });
	}
}
