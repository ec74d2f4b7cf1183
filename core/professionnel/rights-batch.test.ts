// A rights check reads the card by member number in one batch with its rate-limit counts (ADR
// 0049): the card it finds must be the one the member's own pages show (getCurrentCard, by id),
// for every seeded member, on a day cards cover and on days none does; and a batch that fails
// part-way writes nothing, so a check is never half counted.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBatch } from "../../db/batch.ts";
import type { DatabaseHandle } from "../../db/client.ts";
import { members, rateLimitBuckets, rightsChecks } from "../../schema/tables/index.ts";
import { createSeededTestDatabase, demoAccount } from "../../tests/support/demo.ts";
import { currentCardEntries, currentCardOfBatch, getCurrentCard } from "../adherent/card.ts";
import { rateLimitEntry } from "../rate-limit.ts";

let handle: DatabaseHandle;
const seededAt = new Date("2026-11-20T08:00:00Z");

beforeAll(async () => {
	handle = await createSeededTestDatabase({
		scale: 1,
		seed: 42,
		pepper: "test-pepper-long-enough-for-the-config-check",
		now: seededAt,
	});
}, 60_000);
afterAll(() => handle.client.close());

describe("the card of a rights check, read by member number in one batch", () => {
	it("is the card the member's pages show, for every member, on covered and uncovered days", async () => {
		const { db } = handle;
		const everyone = await db.select({ id: members.id, number: members.memberNumber }).from(members);
		expect(everyone.length).toBeGreaterThan(5);
		let cards = 0;
		for (const day of ["2026-11-20", "2020-01-01", "2031-06-30"])
			for (const member of everyone) {
				const read = currentCardOfBatch(
					await runBatch(db, "read", currentCardEntries(db, member.number, day)),
				);
				const expected = await getCurrentCard(db, member.id, day);
				expect(read).toEqual({ memberId: member.id, card: expected });
				if (expected) cards++;
			}
		// Both outcomes were compared: cards found (with their offer's cells) and none.
		expect(cards).toBeGreaterThan(0);
		expect(cards).toBeLessThan(everyone.length * 3);
	});

	it("takes the affiliation's offer and cells once the individual contract has ended", async () => {
		const { db, client } = handle;
		// The seed gives every member an individual contract: three of them move to a company's.
		const moved = await client.execute(
			"SELECT ic.member_id, m.member_number, m.person_id, ic.offer_id FROM individual_contracts ic JOIN members m ON m.id = ic.member_id WHERE ic.start_date <= '2026-10-01' ORDER BY ic.member_id LIMIT 3",
		);
		expect(moved.rows.length).toBe(3);
		const [category] = (
			await client.execute(
				"SELECT g.id, g.group_contract_id, c.company_id, g.offer_id, o.label FROM group_contract_categories g JOIN group_contracts c ON c.id = g.group_contract_id JOIN offers o ON o.id = g.offer_id WHERE g.offer_id <> ? LIMIT 1",
				[moved.rows[0]?.offer_id ?? 0],
			)
		).rows;
		if (!category) throw new Error("no category");
		for (const row of moved.rows) {
			await client.execute("UPDATE individual_contracts SET end_date = '2026-10-31' WHERE member_id = ?", [
				Number(row.member_id),
			]);
			await client.execute(
				"INSERT INTO affiliations (company_id, group_contract_id, category_id, person_id, member_id, option, start_date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'isole', '2026-11-01', 0, 0)",
				[category.company_id, category.group_contract_id, category.id, row.person_id, row.member_id].map(
					Number,
				),
			);
		}
		const collective: unknown[] = [];
		for (const day of ["2026-10-15", "2026-11-20"])
			for (const row of moved.rows) {
				const memberId = Number(row.member_id);
				const read = currentCardOfBatch(
					await runBatch(db, "read", currentCardEntries(db, String(row.member_number), day)),
				);
				const expected = await getCurrentCard(db, memberId, day);
				expect(read).toEqual({ memberId, card: expected });
				if (day === "2026-11-20") collective.push(expected?.offer?.label);
			}
		expect(collective).toEqual([category.label, category.label, category.label]);
	});

	it("reads no affiliation when an individual contract applies that day, as getCurrentCard does", async () => {
		const { db, client } = handle;
		const [both] = (
			await client.execute(
				"SELECT ic.member_id, m.member_number, m.person_id FROM individual_contracts ic JOIN members m ON m.id = ic.member_id WHERE ic.start_date <= '2026-11-20' AND (ic.end_date IS NULL OR ic.end_date >= '2026-11-20') AND ic.member_id NOT IN (SELECT member_id FROM affiliations WHERE member_id IS NOT NULL) ORDER BY ic.member_id DESC LIMIT 1",
			)
		).rows;
		const [category] = (
			await client.execute("SELECT id, group_contract_id FROM group_contract_categories LIMIT 1")
		).rows;
		if (!both || !category) throw new Error("no member or category");
		const [company] = (
			await client.execute("SELECT company_id FROM group_contracts WHERE id = ?", [
				Number(category.group_contract_id),
			])
		).rows;
		await client.execute(
			"INSERT INTO affiliations (company_id, group_contract_id, category_id, person_id, member_id, option, start_date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'isole', '2026-01-01', 0, 0)",
			[company?.company_id, category.group_contract_id, category.id, both.person_id, both.member_id].map(
				Number,
			),
		);
		const memberId = Number(both.member_id);
		const results = await runBatch(
			db,
			"read",
			currentCardEntries(db, String(both.member_number), "2026-11-20"),
		);
		const [, , , individual, collective] = results;
		expect(individual).toHaveLength(1);
		expect(collective).toEqual([]);
		expect(currentCardOfBatch(results)).toEqual({
			memberId,
			card: await getCurrentCard(db, memberId, "2026-11-20"),
		});
		// The affiliation alone, once the individual contract has ended: read.
		await client.execute("UPDATE individual_contracts SET end_date = '2026-11-19' WHERE member_id = ?", [
			memberId,
		]);
		const [, , , none, affiliation] = await runBatch(
			db,
			"read",
			currentCardEntries(db, String(both.member_number), "2026-11-20"),
		);
		expect(none).toEqual([]);
		expect(affiliation).toHaveLength(1);
	});

	it("knows no member for an unknown number", async () => {
		const { db } = handle;
		const read = await runBatch(db, "read", currentCardEntries(db, "999999999999", "2026-11-20"));
		expect(currentCardOfBatch(read)).toEqual({ memberId: null, card: null });
	});

	it("writes nothing of a batch whose last statement fails", async () => {
		const { db } = handle;
		const account = await demoAccount(db, "professionnel1");
		const key = "rights_check:minute:professional:batch-test";
		const badCheck = db
			.insert(rightsChecks)
			.values({
				professionalId: account.professionalId ?? 0,
				accountId: account.id,
				channel: sql.placeholder("channel"),
				checkedAt: seededAt,
				memberNumberAsSent: "1",
				careDate: "2026-11-20",
				found: false,
			})
			.prepare();
		await expect(
			runBatch(db, "write", [
				rateLimitEntry(db, { key, limit: 30, windowMs: 60_000, now: seededAt }),
				{ run: badCheck, values: { channel: "fax" } },
			]),
		).rejects.toThrow();
		expect(await db.select().from(rateLimitBuckets).where(eq(rateLimitBuckets.key, key))).toEqual([]);
		// The same count alone is written, and gives its row as the query's own `.all()` would.
		const [rows] = await runBatch(db, "write", [
			rateLimitEntry(db, { key, limit: 30, windowMs: 60_000, now: seededAt }),
		]);
		expect(rows).toEqual([{ count: 1, windowStartedAt: seededAt }]);
	});
});
