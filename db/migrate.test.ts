import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../schema/tables/index.ts";
import { createDatabase, type DatabaseHandle } from "./client.ts";
import { migrateDatabase } from "./migrate.ts";

let handle: DatabaseHandle;

beforeAll(async () => {
	handle = createDatabase({ url: ":memory:" });
	await handle.ready;
	await migrateDatabase(handle.db);
});

afterAll(() => handle.client.close());

describe("migrations", () => {
	it("create the whole model, with foreign keys enforced", async () => {
		const tables = await handle.client.execute("SELECT name FROM sqlite_master WHERE type = 'table'");
		const names = tables.rows.map((row) => String(row.name));
		for (const table of [
			"persons",
			"members",
			"prestations",
			"statements",
			"tp_invoices",
			"accounts",
			"sessions",
			"audit_events",
			"jobs",
		]) {
			expect(names).toContain(table);
		}
		expect((await handle.client.execute("PRAGMA foreign_keys")).rows[0]?.foreign_keys).toBe(1);
		await expect(
			handle.client.execute(
				"INSERT INTO members (member_number, person_id, address_line1, postal_code, city, created_at, updated_at) VALUES ('1', 999, 'x', '75001', 'Paris', 0, 0)",
			),
		).rejects.toThrow(/FOREIGN KEY/);
	});

	it("can run again without changing anything", async () => {
		await migrateDatabase(handle.db);
		const applied = await handle.client.execute("SELECT count(*) AS n FROM __drizzle_migrations");
		expect(Number(applied.rows[0]?.n)).toBeGreaterThanOrEqual(2);
	});

	it("make the audit trail append-only: UPDATE and DELETE fail", async () => {
		await handle.db.insert(auditEvents).values({
			occurredAt: new Date("2026-11-26T09:00:00Z"),
			actorKind: "system",
			action: "test.append",
			outcome: "success",
			prevHash: "0".repeat(64),
			hash: "1".repeat(64),
		});
		await expect(handle.client.execute("UPDATE audit_events SET action = 'tampered'")).rejects.toThrow(
			/append-only/,
		);
		await expect(handle.client.execute("DELETE FROM audit_events")).rejects.toThrow(/append-only/);
		const rows = await handle.db.select().from(auditEvents);
		expect(rows).toHaveLength(1);
		expect(rows[0]?.action).toBe("test.append");
		expect(rows[0]?.occurredAt).toEqual(new Date("2026-11-26T09:00:00Z"));
	});

	it("refuse an enumerated value outside its allow-list", async () => {
		await expect(
			handle.client.execute(
				"INSERT INTO jobs (type, payload, status, available_at, created_at, updated_at) VALUES ('x', '{}', 'bogus', 0, 0, 0)",
			),
		).rejects.toThrow(/CHECK constraint failed: jobs_status_check/);
	});
});
