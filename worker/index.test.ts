import { describe, expect, it } from "vitest";
import { createLogger } from "../edge/lib/logger.ts";
import { createDatabase } from "../schema/db.ts";
import { createWorker } from "./index.ts";
import { cronTask } from "./registry.ts";

describe("the worker", () => {
	it("runs a due task once per due time and keeps going when a task fails", async () => {
		const { client, db } = createDatabase({ url: ":memory:" });
		let now = new Date("2026-11-26T10:05:10Z");
		const runs: string[] = [];
		const lines: string[] = [];
		const worker = createWorker(
			{ db, logger: createLogger("info", (line) => lines.push(line)), clock: () => now },
			[
				cronTask("compte", "*/5 * * * *", async ({ now: at }) => {
					runs.push(at.toISOString());
				}),
				cronTask("panne", "*/5 * * * *", async () => {
					throw new Error("boom");
				}),
			],
		);
		expect(await worker.tick()).toEqual({ schedulesRun: 1 });
		expect(await worker.tick()).toEqual({ schedulesRun: 0 });
		now = new Date("2026-11-26T10:10:00Z");
		await worker.tick();
		expect(runs).toEqual(["2026-11-26T10:05:10.000Z", "2026-11-26T10:10:00.000Z"]);
		expect(lines.filter((line) => line.includes("scheduled task failed"))).toHaveLength(2);
		client.close();
	});
});
