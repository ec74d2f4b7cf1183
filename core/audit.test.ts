import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/client.ts";
import { createWebDatabase } from "../db/client-web.ts";
import { groupsAcrossRequests } from "../db/group-batch.ts";
import { auditEvents } from "../schema/tables/index.ts";
import { startHranaServer } from "../tests/support/hrana-server.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import { type AuditEventInput, appendAuditEvent, recordAuditEvent, verifyAuditChain } from "./audit.ts";

let handle: DatabaseHandle;
let dir: string;
// A file database, as in production: an in-memory one has a single connection, which an open
// transaction holds, so it cannot show concurrent appends.
beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), "espace-audit-chain-"));
	handle = await createTestDatabase(`file:${join(dir, "espace.db")}`);
});
afterEach(async () => {
	handle.client.close();
	await rm(dir, { recursive: true, force: true });
});

const event = (i: number) => ({
	occurredAt: new Date(1_800_000_000_000 + i),
	actorKind: "system" as const,
	action: `test.${i}`,
	outcome: "success" as const,
});

describe("the audit chain", () => {
	it("stays one chain when appends run concurrently, inside and outside transactions", async () => {
		const writes: Promise<unknown>[] = [];
		for (let i = 0; i < 20; i++) writes.push(recordAuditEvent(handle.db, event(i)));
		writes.push(handle.db.transaction((tx) => appendAuditEvent(tx, event(100)), { behavior: "immediate" }));
		for (let i = 20; i < 30; i++) writes.push(recordAuditEvent(handle.db, event(i)));
		await Promise.all(writes);
		expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true, checked: 31 });
	});

	it("stores every field of a group-committed batch as given", async () => {
		const inputs: AuditEventInput[] = [
			{
				...event(1),
				accountId: 7,
				sessionId: "s1",
				objectType: "statement",
				objectId: "42",
				correlationId: "c1",
				ipHash: "ab",
				details: { month: "2026-10", lines: 3, paper: false, none: null },
			},
			{ ...event(2), actorKind: "staff" as const, outcome: "denied" as const },
			{ ...event(3), details: { "z-last": 1, "a-first": "é" } },
		];
		await Promise.all(inputs.map((input) => recordAuditEvent(handle.db, input)));
		const rows = await handle.db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
		expect(rows.map(({ prevHash: _p, hash: _h, ...row }) => row)).toEqual([
			{
				seq: 1,
				accountId: 7,
				sessionId: "s1",
				objectType: "statement",
				objectId: "42",
				correlationId: "c1",
				ipHash: "ab",
				occurredAt: inputs[0]?.occurredAt,
				actorKind: "system",
				action: "test.1",
				outcome: "success",
				details: { lines: 3, month: "2026-10", none: null, paper: false },
			},
			{
				seq: 2,
				accountId: null,
				sessionId: null,
				objectType: null,
				objectId: null,
				correlationId: null,
				ipHash: null,
				occurredAt: inputs[1]?.occurredAt,
				actorKind: "staff",
				action: "test.2",
				outcome: "denied",
				details: null,
			},
			{
				seq: 3,
				accountId: null,
				sessionId: null,
				objectType: null,
				objectId: null,
				correlationId: null,
				ipHash: null,
				occurredAt: inputs[2]?.occurredAt,
				actorKind: "system",
				action: "test.3",
				outcome: "success",
				details: { "a-first": "é", "z-last": 1 },
			},
		]);
		expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true, checked: 3 });
	});

	it("recovers when another writer appended since this process's last write", async () => {
		await recordAuditEvent(handle.db, event(1));
		// Another process's append, seen here as a transaction that bypasses the in-process cache.
		await handle.db.transaction((tx) => appendAuditEvent(tx, event(2)), { behavior: "immediate" });
		expect(await recordAuditEvent(handle.db, event(3))).toBe(3);
		expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true, checked: 3 });
	});

	it("stays one chain on the Worker's client, where each request writes its own entry (ADR 0052)", async () => {
		const hrana = await startHranaServer({ path: join(dir, "espace.db") });
		const worker = createWebDatabase({ url: hrana.url });
		try {
			expect(groupsAcrossRequests(worker.db.$client)).toBe(false);
			const seqs = await Promise.all(
				Array.from({ length: 16 }, (_, i) => recordAuditEvent(worker.db, event(i))),
			);
			expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
			expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true, checked: 16 });
		} finally {
			worker.client.close();
			await hrana.close();
		}
	});

	// CGU art. 3, 5
	it("names every broken link, not only the first: altered, rehashed and missing entries", async () => {
		for (let i = 1; i <= 8; i++) await recordAuditEvent(handle.db, event(i));
		// A tamperer drops the triggers: entry 2 altered; entry 4 altered and rehashed (so the link
		// from 5 breaks); entry 7 deleted.
		await handle.client.executeMultiple(`
			DROP TRIGGER audit_events_no_update;
			DROP TRIGGER audit_events_no_delete;
			UPDATE audit_events SET action = 'x' WHERE seq = 2;
			UPDATE audit_events SET hash = '${"f".repeat(64)}' WHERE seq = 4;
			DELETE FROM audit_events WHERE seq = 7;
		`);
		const verification = await verifyAuditChain(handle.db, 3);
		expect(verification).toMatchObject({ ok: false, checked: 7, firstBrokenSeq: 2 });
		expect(verification.ok ? [] : verification.broken).toEqual([
			{ seq: 2, reason: "content" },
			{ seq: 4, reason: "content" },
			{ seq: 5, reason: "previous_hash" },
			{ seq: 7, reason: "missing", count: 1 },
		]);
	});
});
