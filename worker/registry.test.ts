import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cronTask, scheduledTasks } from "./registry.ts";

function wranglerCrons(): string[] {
	const toml = readFileSync(new URL("../wrangler.toml", import.meta.url), "utf8");
	const match = /^\s*crons\s*=\s*\[([^\]]*)\]/m.exec(toml);
	return [...(match?.[1] ?? "").matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? "");
}

describe("the schedule registry", () => {
	it("has a Cloudflare cron trigger for every scheduled task", () => {
		const crons = wranglerCrons();
		expect(crons.length).toBeGreaterThan(0);
		for (const task of scheduledTasks) expect(crons, task.name).toContain(task.cron);
	});

	it("gives every task a unique name", () => {
		const names = scheduledTasks.map((task) => task.name);
		expect(new Set(names).size).toBe(names.length);
	});
});

describe("cronTask", () => {
	const everyFiveMinutes = cronTask("test", "*/5 * * * *", async () => {});

	it("is due once its next time after the previous run has come", () => {
		const previous = new Date("2026-11-26T10:00:00Z");
		expect(everyFiveMinutes.isDue(new Date("2026-11-26T10:04:59Z"), previous)).toBe(false);
		expect(everyFiveMinutes.isDue(new Date("2026-11-26T10:05:00Z"), previous)).toBe(true);
	});

	it("on the first tick, is due only if it should have fired within the last minute", () => {
		expect(everyFiveMinutes.isDue(new Date("2026-11-26T10:05:30Z"), undefined)).toBe(true);
		expect(everyFiveMinutes.isDue(new Date("2026-11-26T10:07:30Z"), undefined)).toBe(false);
	});
});
