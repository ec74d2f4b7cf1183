import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cronExpressions, currentSlot, scheduledTasks } from "./registry.ts";

function wranglerCrons(): string[] {
	const toml = readFileSync(new URL("../wrangler.toml", import.meta.url), "utf8");
	const match = /^\s*crons\s*=\s*\[([^\]]*)\]/m.exec(toml);
	return [...(match?.[1] ?? "").matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? "").sort();
}

describe("the schedule registry", () => {
	it("declares exactly its cron expressions as Cloudflare cron triggers", () => {
		expect(wranglerCrons()).toEqual(cronExpressions());
	});

	it("gives every task a unique name and a description", () => {
		const names = scheduledTasks.map((task) => task.name);
		expect(new Set(names).size).toBe(names.length);
		for (const task of scheduledTasks) expect(task.description.length).toBeGreaterThan(10);
	});

	it("runs the purge every 5 minutes and the retention tasks daily", () => {
		const cron = Object.fromEntries(scheduledTasks.map((task) => [task.name, task.cron]));
		expect(cron).toMatchObject({
			"outbox-relay": "*/5 * * * *",
			"purge-expired-auth": "*/5 * * * *",
			"account-lifecycle": "30 2 * * *",
			"account-deletion": "30 2 * * *",
			"data-protection-reminders": "30 2 * * *",
			"security-log-purge": "30 2 * * *",
			"audit-verify": "30 2 * * *",
			"cgu-update-notice": "30 2 * * *",
			"payment-notices": "0 7 * * *",
		});
	});
});

describe("currentSlot", () => {
	it("is the latest scheduled time at or before now", () => {
		const task = { cron: "*/5 * * * *" };
		expect(currentSlot(task, new Date("2026-11-26T10:04:59Z"))?.toISOString()).toBe(
			"2026-11-26T10:00:00.000Z",
		);
		expect(currentSlot(task, new Date("2026-11-26T10:05:00Z"))?.toISOString()).toBe(
			"2026-11-26T10:05:00.000Z",
		);
		expect(currentSlot({ cron: "30 2 * * *" }, new Date("2026-11-26T01:00:00Z"))?.toISOString()).toBe(
			"2026-11-25T02:30:00.000Z",
		);
	});
});
